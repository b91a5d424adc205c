// ReflectBot's chat widget for other sites. A site adds
//   <script src="https://BOT/widget.js" data-title="..." data-accent="#1F7A7A" data-position="bottom-right"
//           data-locale="en-GB" data-exit-url="https://..." async></script>
// (or sets window.ReflectBotWidget = { title, accent, position, locale, exitUrl } before it) and gets a chat button
// in a corner that opens a panel with the bot's own page in a frame (/embed). The conversation lives in that frame,
// on the bot's origin, so nothing of it is readable by this page. Messages between page and frame are checked on
// both sides: the frame only talks to this origin, and this page only listens to the bot's frame.
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.__reflectBotWidget) { return; }
  window.__reflectBotWidget = true;

  var botOrigin = new URL(script.src, location.href).origin;
  var given = window.ReflectBotWidget || {};
  var data = script.dataset;
  var OPEN_KEY = 'reflectbot-widget:open';

  function pick(name, fallback) {
    var value = data[name] !== undefined ? data[name] : given[name];
    return typeof value === 'string' && value.trim() ? value.trim() : fallback;
  }

  var settings = {
    title: pick('title', 'ReflectBot').slice(0, 60),
    accent: /^#[0-9a-fA-F]{6}$/.test(pick('accent', '')) ? pick('accent', '') : '#1F7A7A',
    position: pick('position', 'bottom-right') === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    locale: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(pick('locale', '')) ? pick('locale', '') : '',
    exitUrl: httpUrl(pick('exitUrl', '')) || ''
  };

  function httpUrl(text) {
    try {
      var url = new URL(text, location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // White or near-black text, whichever reads better on the accent (WCAG relative luminance).
  function textOn(hex) {
    var channels = [1, 3, 5].map(function (i) {
      var c = parseInt(hex.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    return (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) ? '#FFFFFF' : '#1B2B2B';
  }

  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  function remember(open) {
    var store = storage();
    if (!store) { return; }
    try {
      if (open) { store.setItem(OPEN_KEY, '1'); } else { store.removeItem(OPEN_KEY); }
    } catch (e) { /* storage full or blocked: the panel just starts closed next time */ }
  }

  var side = settings.position === 'bottom-left' ? 'left' : 'right';
  var css = [
    ':host { all: initial; }',
    '.launcher { position: fixed; bottom: 1.25rem; ' + side + ': 1.25rem; z-index: 2147483000; display: inline-flex; align-items: center; gap: 0.5rem;',
    '  padding: 0.75rem 1.1rem; border: 2px solid #FFFFFF; border-radius: 999px; background: ' + settings.accent + '; color: ' + textOn(settings.accent) + ';',
    '  font: 600 1rem/1.2 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; cursor: pointer; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25); }',
    '.launcher:focus-visible { outline: 3px solid #F2A93B; outline-offset: 3px; }',
    '.launcher svg { width: 1.25rem; height: 1.25rem; fill: currentColor; }',
    '.panel { position: fixed; bottom: 5.25rem; ' + side + ': 1.25rem; z-index: 2147483000; width: min(25rem, calc(100vw - 2.5rem));',
    '  height: min(40rem, calc(100vh - 7rem)); border-radius: 12px; overflow: hidden; background: #FFFFFF; box-shadow: 0 10px 40px rgba(0, 0, 0, 0.3); }',
    '.panel[hidden] { display: none; }',
    '.panel iframe { display: block; width: 100%; height: 100%; border: 0; }',
    '@media (max-width: 30rem) { .panel { inset: 0; width: 100vw; height: 100vh; border-radius: 0; } }'
  ].join('\n');

  var host = document.createElement('div');
  host.setAttribute('data-reflectbot-widget', '');
  // Open, so assistive technology and accessibility checkers see inside; the shadow root keeps the page's styles out.
  var root = host.attachShadow({ mode: 'open' });
  if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'reflectbot-panel');
  launcher.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';
  launcher.appendChild(document.createTextNode('Chat with ' + settings.title));

  var panel = document.createElement('div');
  panel.id = 'reflectbot-panel';
  panel.className = 'panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', settings.title);
  panel.hidden = true;

  root.appendChild(panel);
  root.appendChild(launcher);

  var frame = null;

  function frameUrl() {
    var query = new URLSearchParams({ mode: 'widget', host: location.origin, title: settings.title, accent: settings.accent });
    if (settings.locale) { query.set('locale', settings.locale); }
    if (settings.exitUrl) { query.set('exit', settings.exitUrl); }
    return botOrigin + '/embed?' + query.toString();
  }

  function send(type) {
    if (frame && frame.contentWindow) { frame.contentWindow.postMessage({ type: type }, botOrigin); }
  }

  // moveFocus: false when the panel reopens by itself after a navigation (focus stays where the page put it).
  function open(moveFocus) {
    if (!frame) {
      // The frame (and Web Chat with it) loads on first open only: most visits never open the chat.
      frame = document.createElement('iframe');
      frame.title = settings.title;
      frame.src = frameUrl();
      frame.setAttribute('allow', 'clipboard-write');
      frame.addEventListener('load', function () { if (!panel.hidden && moveFocus) { send('reflectbot:focus'); } });
      panel.appendChild(frame);
    }
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    remember(true);
    if (moveFocus) {
      frame.focus();
      send('reflectbot:focus');
    }
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    remember(false);
    launcher.focus();
  }

  function quickExit(url) {
    remember(false);
    host.remove();
    // replace: the page the visitor was on does not stay in the tab's history.
    // The frame always names the bot's configured page; this site's own choice comes first.
    location.replace(settings.exitUrl || httpUrl(url) || 'about:blank');
  }

  launcher.addEventListener('click', function () {
    if (panel.hidden) { open(true); } else { close(); }
  });

  window.addEventListener('message', function (event) {
    if (event.origin !== botOrigin || !frame || event.source !== frame.contentWindow || !event.data) { return; }
    if (event.data.type === 'reflectbot:close') { close(); }
    if (event.data.type === 'reflectbot:quick-exit') { quickExit(event.data.url); }
  });

  function attach() {
    document.body.appendChild(host);
    // The visitor had the chat open on the previous page of this site: carry on where they were.
    var store = storage();
    var wasOpen = false;
    try { wasOpen = !!store && store.getItem(OPEN_KEY) === '1'; } catch (e) { wasOpen = false; }
    if (wasOpen) { open(false); }
  }

  if (document.body) { attach(); } else { document.addEventListener('DOMContentLoaded', attach); }
}());
