// Starts Web Chat against the bot's own Direct Line endpoint and runs the "Need help now?" dialog.
// Everything comes from this page's origin: the token, the Direct Line calls and the crisis lines.
(function () {
  'use strict';

  var TEAL = '#1F7A7A';
  var locale = navigator.language || 'en-US';
  var params = new URLSearchParams(location.search);

  function startChat() {
    var status = document.getElementById('chat-status');
    return fetch('/api/webchat/token', { method: 'POST', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) { throw new Error('token ' + response.status); }
        return response.json();
      })
      .then(function (session) {
        var directLine = window.WebChat.createDirectLine({
          domain: location.origin + '/v3/directline',
          token: session.token,
          // ?polling=1 is for networks whose proxies drop WebSockets.
          webSocket: !params.has('polling')
        });
        window.WebChat.renderWebChat({
          directLine: directLine,
          userID: session.userId,
          locale: locale,
          styleOptions: {
            accent: TEAL,
            botAvatarImage: '/img/avatar.svg',
            botAvatarInitials: 'RB',
            userAvatarInitials: 'You',
            bubbleBackground: '#F1F8F7',
            bubbleBorderRadius: 12,
            bubbleFromUserBackground: TEAL,
            bubbleFromUserTextColor: '#FFFFFF',
            bubbleFromUserBorderRadius: 12,
            suggestedActionLayout: 'flow',
            suggestedActionBackgroundColor: '#FFFFFF',
            suggestedActionBorderColor: TEAL,
            suggestedActionTextColor: TEAL,
            suggestedActionBorderRadius: 999,
            sendBoxButtonColor: TEAL,
            hideUploadButton: true,
            rootHeight: '100%'
          }
        }, document.getElementById('webchat'));
      })
      .catch(function () {
        status.textContent = 'Sorry, the chat could not start. Please reload the page to try again.';
        status.classList.add('error');
      });
  }

  // --- "Need help now?" ---------------------------------------------------------------------------
  var dialog = document.getElementById('crisis-dialog');
  var linesBox = document.getElementById('crisis-lines');
  var opener = null;
  var loaded = false;

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function telLink(number) {
    var link = element('a', number);
    link.href = 'tel:' + number.replace(/[^0-9+]/g, '');
    return link;
  }

  function lineItem(line) {
    var item = element('li');
    item.appendChild(element('strong', line.name));
    if (line.call) {
      item.appendChild(document.createTextNode(' – call '));
      item.appendChild(telLink(line.call));
    }
    if (line.text) {
      item.appendChild(document.createTextNode(' – text ' + line.text));
    }
    if (line.website) {
      item.appendChild(document.createTextNode(' – '));
      var site = element('a', line.website);
      site.href = 'https://' + line.website;
      site.rel = 'noopener noreferrer';
      site.target = '_blank';
      item.appendChild(site);
    }
    if (line.note) {
      item.appendChild(element('span', line.note, 'note'));
    }
    return item;
  }

  function renderLines(set) {
    linesBox.textContent = '';
    var emergency = element('p', '', 'emergency');
    emergency.appendChild(document.createTextNode('In an emergency (' + set.region + '), call '));
    emergency.appendChild(telLink(set.emergency));
    linesBox.appendChild(emergency);

    linesBox.appendChild(element('h3', 'If you are thinking about suicide or hurting yourself'));
    var crisis = element('ul');
    set.crisisLines.forEach(function (line) { crisis.appendChild(lineItem(line)); });
    linesBox.appendChild(crisis);

    linesBox.appendChild(element('h3', 'If someone is hurting, threatening or controlling you'));
    var abuse = element('ul');
    set.abuseLines.forEach(function (line) { abuse.appendChild(lineItem(line)); });
    linesBox.appendChild(abuse);
  }

  function loadLines() {
    if (loaded) { return; }
    fetch('/api/crisis-lines?locale=' + encodeURIComponent(locale), { headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) { throw new Error('crisis lines ' + response.status); }
        return response.json();
      })
      .then(function (set) { renderLines(set); loaded = true; })
      .catch(function () {
        linesBox.textContent = '';
        linesBox.appendChild(element('p', 'Please call your local emergency number now, or go to your nearest emergency department.', 'emergency'));
      });
  }

  function openHelp(event) {
    if (event) { event.preventDefault(); }
    opener = document.activeElement;
    loadLines();
    dialog.showModal();
    document.getElementById('crisis-title').setAttribute('tabindex', '-1');
    document.getElementById('crisis-title').focus();
  }

  document.getElementById('help-now').addEventListener('click', openHelp);
  document.getElementById('help-now-footer').addEventListener('click', openHelp);
  dialog.addEventListener('close', function () {
    if (opener && typeof opener.focus === 'function') { opener.focus(); }
  });

  startChat();
}());
