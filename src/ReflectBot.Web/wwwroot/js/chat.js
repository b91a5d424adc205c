// Starts Web Chat against the bot's own Direct Line endpoint and runs the "Need help now?" dialog.
// Everything comes from this page's origin: the token, the Direct Line calls and the crisis lines.
// The same page is the embeddable chat at /embed (in another site's frame, or in widget.js's panel): then it
// takes the site's theme from its address, offers quick exit, and keeps the conversation in sessionStorage so it
// carries on after the visitor moves to another page of that site.
(function () {
  'use strict';

  var params = new URLSearchParams(location.search);
  var embedded = location.pathname === '/embed';
  var inWidget = embedded && params.get('mode') === 'widget';
  var hostOrigin = inWidget && httpUrl(params.get('host')) ? httpUrl(params.get('host')).origin : null;
  var SESSION_KEY = 'reflectbot:session';
  // Set by quick exit: nothing may write the conversation back (the page's own unload handlers included).
  var forgotten = false;

  // An absolute http(s) URL, or null: anything else (javascript:, data:, garbage) is never followed.
  function httpUrl(text) {
    try {
      var url = new URL(text);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
    } catch (e) {
      return null;
    }
  }

  // --- Theme ----------------------------------------------------------------------------------------
  // The embedding site may choose the accent colour, the title and the starting language; anything malformed is ignored.
  var accent = embedded && /^#[0-9a-fA-F]{6}$/.test(params.get('accent') || '') ? params.get('accent') : '#1F7A7A';
  var title = embedded && params.get('title') ? params.get('title').trim().slice(0, 60) : '';
  var requestedLocale = embedded && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(params.get('locale') || '') ? params.get('locale') : null;
  var locale = requestedLocale || navigator.language || 'en-US';
  var onAccent = textOn(accent);
  // Text in the accent colour on white (button labels) only where it is readable (WCAG AA, 4.5:1).
  var accentText = 1.05 / (luminance(accent) + 0.05) >= 4.5 ? accent : '#155757';

  // WCAG relative luminance of #RRGGBB.
  function luminance(hex) {
    var channels = [1, 3, 5].map(function (i) {
      var c = parseInt(hex.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  }

  // White or near-black text, whichever reads better on the accent.
  function textOn(hex) {
    var l = luminance(hex);
    return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? '#FFFFFF' : '#1B2B2B';
  }

  function applyTheme() {
    var rootStyle = document.documentElement.style;
    rootStyle.setProperty('--accent', accent);
    rootStyle.setProperty('--on-accent', onAccent);
    if (requestedLocale) { document.documentElement.lang = requestedLocale; }
    var name = title || 'ReflectBot';
    if (title) {
      document.title = title;
      document.querySelector('.brand h1').textContent = title;
    }
    // Inside another site's page: name the frame's landmarks so they read apart from the site's own.
    document.querySelector('.site-header').setAttribute('aria-label', name + ' chat');
    document.getElementById('main').setAttribute('aria-label', name + ' conversation');
    document.querySelector('.site-footer').setAttribute('aria-label', name + ' notice');
  }

  // --- Conversation kept for this tab (embedded only) --------------------------------------------------
  // sessionStorage ends with the tab, and quick exit clears it. A browser that blocks storage in frames simply
  // starts a new conversation on each page.
  function storage() {
    try { return embedded ? window.sessionStorage : null; } catch (e) { return null; }
  }

  function readSession() {
    var store = storage();
    try {
      var saved = store && JSON.parse(store.getItem(SESSION_KEY) || 'null');
      return saved && saved.token && saved.conversationId && saved.userId ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function saveSession(session) {
    var store = storage();
    if (!store || forgotten) { return; }
    try {
      store.setItem(SESSION_KEY, JSON.stringify({ token: session.token, conversationId: session.conversationId, userId: session.userId }));
    } catch (e) { /* full or blocked: the next page starts a new conversation */ }
  }

  function forgetSession() {
    forgotten = true;
    var store = storage();
    try { if (store) { store.removeItem(SESSION_KEY); } } catch (e) { /* nothing kept */ }
  }

  function postJson(url, token, method) {
    var headers = { Accept: 'application/json' };
    if (token) { headers.Authorization = 'Bearer ' + token; }
    return fetch(url, { method: method || 'POST', headers: headers }).then(function (response) {
      if (!response.ok) {
        var error = new Error(url + ' ' + response.status);
        error.status = response.status;
        throw error;
      }
      return response.json();
    });
  }

  // A fresh token for a new user (a new conversation every page load on the bot's own page).
  function newSession() {
    return postJson('/api/webchat/token').then(function (issued) {
      return { token: issued.token, conversationId: issued.conversationId, userId: issued.userId, resumed: false };
    });
  }

  // Direct Line's reconnect answers with a fresh token when the conversation is still there; otherwise start over.
  function resumeOrStart() {
    var saved = readSession();
    if (!saved) { return newSession(); }
    return postJson('/v3/directline/conversations/' + encodeURIComponent(saved.conversationId), saved.token, 'GET')
      .then(function (found) {
        return { token: found.token, conversationId: saved.conversationId, userId: saved.userId, resumed: true };
      })
      .catch(function (error) {
        if (error.status === 429 || error.status >= 500) { throw error; }
        var store = storage();
        try { if (store) { store.removeItem(SESSION_KEY); } } catch (e) { /* nothing kept */ }
        return newSession();
      });
  }

  function startChat() {
    var status = document.getElementById('chat-status');
    return resumeOrStart()
      .then(function (session) {
        var directLine = window.WebChat.createDirectLine({
          domain: location.origin + '/v3/directline',
          token: session.token,
          // Resuming: reconnect to the same conversation. Its backlog is replayed from the start, so the visitor
          // sees what was said before the page changed, not an empty panel.
          conversationId: session.resumed ? session.conversationId : undefined,
          // ?polling=1 is for networks whose proxies drop WebSockets.
          webSocket: !params.has('polling')
        });
        saveSession(session);
        if (storage()) {
          // DirectLineJS refreshes the token every 15 minutes; keep the newest for the next page.
          var keepToken = function () {
            if (directLine.token && directLine.token !== session.token) {
              session.token = directLine.token;
              saveSession(session);
            }
          };
          setInterval(keepToken, 30000);
          window.addEventListener('pagehide', keepToken);
        }
        window.WebChat.renderWebChat({
          directLine: directLine,
          userID: session.userId,
          locale: locale,
          styleOptions: {
            accent: accent,
            botAvatarImage: '/img/avatar.svg',
            botAvatarInitials: 'RB',
            userAvatarInitials: 'You',
            bubbleBackground: '#F1F8F7',
            bubbleBorderRadius: 12,
            bubbleFromUserBackground: accent,
            bubbleFromUserTextColor: onAccent,
            bubbleFromUserBorderRadius: 12,
            suggestedActionLayout: 'flow',
            suggestedActionBackgroundColor: '#FFFFFF',
            suggestedActionBorderColor: accent,
            suggestedActionTextColor: accentText,
            suggestedActionBorderRadius: 999,
            sendBoxButtonColor: accentText,
            hideUploadButton: true,
            rootHeight: '100%'
          }
        }, document.getElementById('webchat'));
      })
      .catch(function (error) {
        status.textContent = error && error.status === 429
          ? 'The chat is very busy right now. Please try again in a minute. If you need help now, use "Need help now?".'
          : 'Sorry, the chat could not start. Please reload the page to try again. If you need help now, use "Need help now?".';
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
      appendNumbers(item, line.call);
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

  // "911", "112 or 999", "your local emergency number": numbers become call links, words stay words.
  function appendNumbers(parent, text) {
    text.split(/(\s+or\s+)/).forEach(function (part) {
      parent.appendChild(/\d/.test(part) && !/\s+or\s+/.test(part) ? telLink(part) : document.createTextNode(part));
    });
  }

  function renderLines(set) {
    linesBox.textContent = '';
    var emergency = element('p', '', 'emergency');
    emergency.appendChild(document.createTextNode('In an emergency (' + set.region + '), call '));
    appendNumbers(emergency, set.emergency);
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

  // --- Embedded: quick exit, close, focus -------------------------------------------------------------
  function tellHost(message) {
    if (hostOrigin && window.parent !== window) { window.parent.postMessage(message, hostOrigin); }
  }

  function quickExit() {
    // Forget first, synchronously: whatever happens to the navigation, the conversation is not found again in this tab.
    forgetSession();
    var exit = httpUrl(params.get('exit')) || httpUrl(document.documentElement.getAttribute('data-quick-exit-url'));
    var url = exit ? exit.href : 'about:blank';
    if (inWidget) {
      tellHost({ type: 'reflectbot:quick-exit', url: url });
      return;
    }
    try {
      // Framed by a site without the widget: take the whole tab away (browsers allow this after a click).
      window.top.location.replace(url);
    } catch (e) {
      location.replace(url);
    }
  }

  function focusChat() {
    var box = document.querySelector('[data-id="webchat-sendbox-input"]');
    if (box) { box.focus(); } else { document.getElementById('chat').focus(); }
  }

  if (embedded) {
    document.body.classList.add('embedded');
    applyTheme();
    var quick = document.getElementById('quick-exit');
    quick.hidden = false;
    quick.addEventListener('click', quickExit);
    // The privacy and terms pages are never framed: open them in their own tab.
    Array.prototype.forEach.call(document.querySelectorAll('.page-link'), function (link) {
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
    });
    if (inWidget) {
      var closeButton = document.getElementById('close-chat');
      closeButton.hidden = false;
      closeButton.addEventListener('click', function () { tellHost({ type: 'reflectbot:close' }); });
      document.addEventListener('keydown', function (event) {
        // Escape inside "Need help now?" closes that dialog only.
        if (event.key === 'Escape' && !dialog.open) { tellHost({ type: 'reflectbot:close' }); }
      });
      window.addEventListener('message', function (event) {
        if (event.origin !== hostOrigin || event.source !== window.parent || !event.data) { return; }
        if (event.data.type === 'reflectbot:focus') { focusChat(); }
      });
    }
  }

  startChat();
}());
