/*
 * Familiennavi – the parents' chat widget.
 * One script, no framework, no build step. Embed with (the server's address in front):
 *   <script src="/webhooks/familiennavi/widget.js" defer></script>
 * Options (data-* on that tag): data-endpoint, data-open="true", data-title.
 * Every text from the bot, the server or the parent is shown as text: the DOM is built with
 * createElement/textContent only, never from an HTML string.
 */
(function () {
  'use strict';

  // Loaded twice on one page: keep the first widget. (An element with id="Familiennavi" is not us.)
  if (window.Familiennavi && window.Familiennavi.version) return;

  const VERSION = '1.0.0';
  const MAX_CHARS = 1000;
  const TIMEOUT_MS = 15000;
  const STORAGE_KEY = 'familiennavi.sender';
  const LANG_KEY = 'familiennavi.lang';
  const SENDER_RE = /^[A-Za-z0-9-]{8,64}$/;
  const TEXT_STEPS = [0.875, 1, 1.125, 1.25, 1.5];
  const SCHEMES = ['https:', 'http:', 'tel:', 'mailto:'];

  // Every text comes from the server's text catalogue (vocabulary/texts/<language>.json). The channel puts here
  // its languages [{code, name, dir}], the version of the texts and German's texts ({widget, card, channel});
  // another language's come from texts/<code>.json.
  const I18N = __FAMILIENNAVI_TEXTS__;
  const PACKS = I18N.texts;

  // --- configuration from our own <script> tag
  const script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  const scriptUrl = script && script.src ? script.src : location.href;
  const options = (script && script.dataset) || {};
  const endpoint = withSlash(new URL(options.endpoint || '.', scriptUrl).href);
  const title = (options.title || '').trim();
  let LANG = 'de';
  let T;

  function withSlash(url) {
    return url.charAt(url.length - 1) === '/' ? url : url + '/';
  }

  // --- state: messages live only in the DOM (memory); the id only in sessionStorage
  const state = {
    sender: '',
    busy: false,
    pending: null, // the request on the way, so a delete waits for it
    ctrl: null,
    epoch: 0, // counts restarts; answers for an older conversation are dropped
    started: false,
    scale: 1,
    atEnd: true,
  };
  let ui = null;
  let openWhenReady = null;

  // --- small helpers
  function el(tag, cls, text, attrs) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    for (const name in attrs || {}) node.setAttribute(name, attrs[name]);
    return node;
  }

  function button(cls, text, onClick, attrs) {
    const b = el('button', cls, text, attrs);
    b.type = 'button';
    if (onClick) b.addEventListener('click', onClick);
    return b;
  }

  function str(value) {
    if (typeof value === 'number') return String(value);
    return typeof value === 'string' ? value.trim() : '';
  }

  // Icons are drawn in CSS: no image files, nothing fetched.
  function icon(name) {
    return el('span', 'fn-icon fn-icon--' + name, null, { 'aria-hidden': 'true' });
  }

  // --- ids
  function newId() {
    const c = window.crypto;
    // randomUUID exists only in secure contexts (https, localhost).
    if (c && typeof c.randomUUID === 'function') return c.randomUUID();
    const b = new Uint8Array(16);
    if (c && c.getRandomValues) c.getRandomValues(b);
    else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-');
  }

  // sessionStorage when the browser allows it; else values live in memory for this page only.
  function stored(key, value) {
    try {
      if (value == null) return sessionStorage.getItem(key);
      sessionStorage.setItem(key, value);
    } catch (e) {
      return null;
    }
  }

  function loadSender() {
    const id = stored(STORAGE_KEY);
    return id && SENDER_RE.test(id) ? (state.sender = id) : saveSender(newId());
  }

  function saveSender(id) {
    stored(STORAGE_KEY, id);
    return (state.sender = id);
  }

  // --- languages
  function langInfo(code) {
    return I18N.languages.find((l) => l.code === code);
  }

  // Chosen in this tab, else the browser's first language that we have, else German.
  function firstLang() {
    const tags = [stored(LANG_KEY)].concat(Array.from(navigator.languages || [navigator.language]));
    return tags.map((tag) => String(tag).split('-')[0].toLowerCase()).find(langInfo) || 'de';
  }

  // Resolves to true when the language's texts are here.
  function loadPack(code) {
    if (PACKS[code]) return Promise.resolve(true);
    const work = fetch(endpoint + 'texts/' + code + '.json?v=' + I18N.version, { credentials: 'omit' })
      .then((res) => res.json())
      .then((pack) => !!(pack.widget && (PACKS[code] = pack)), () => false);
    return withTimeout(work, null, false);
  }

  // Card labels and channel messages are shared with the messengers; the widget's own texts come last.
  function useLang(code) {
    const p = PACKS[(LANG = code)];
    T = Object.assign({}, p.channel, p.card, p.widget);
    applyTexts();
  }

  // lang and dir: of the widget, and of each message in the language it came in.
  function langOf(node, code) {
    node.lang = code;
    node.dir = langInfo(code).dir;
    return node;
  }

  // --- links: bot text → segments (text, br, link) → nodes
  // Web address | www. address | e-mail | phone number (German style, checked further in telHref).
  const LINK_RE =
    /(https?:\/\/[^\s<>"']+)|(www\.[^\s<>"']+)|([\w.%+-]+@[\w-]+(?:\.[\w-]+)+)|((?:\+49[ \u00a0]?|0)[1-9]\d{1,4}(?:[ \u00a0/-]?\d{1,8}){1,5}|\b116[ \u00a0]?\d{3}\b|\b11[02]\b)/g;

  function safeHref(value) {
    let s = str(value);
    if (!s) return null;
    // Addresses without a scheme ("www.x.de", "x.de/seite") are web addresses.
    if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) {
      if (!/^[\w-]+(\.[\w-]+)+([/?#]|$)/.test(s)) return null;
      s = 'https://' + s;
    }
    try {
      const url = new URL(s);
      return SCHEMES.indexOf(url.protocol) >= 0 ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // tel: link with digits only; null for anything that is not a plausible phone number.
  function telHref(value) {
    const raw = str(value);
    const digits = raw.replace(/\D/g, '');
    const short = digits === '110' || digits === '112';
    if (!short && (digits.length < 6 || digits.length > 15)) return null;
    if (/[^\d\s\u00a0+()/-]/.test(raw)) return null;
    return 'tel:' + (raw.charAt(0) === '+' ? '+' : '') + digits;
  }

  function mailHref(value) {
    const s = str(value);
    return /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/.test(s) ? safeHref('mailto:' + s) : null;
  }

  // Plain text, line breaks and (unless links === false) links, in order.
  function segments(text, links) {
    const out = [];
    String(text).split(/\r\n|\r|\n/).forEach((line, i) => {
      if (i) out.push({ type: 'br' });
      let last = 0;
      let m;
      LINK_RE.lastIndex = 0;
      while (links !== false && (m = LINK_RE.exec(line))) {
        let raw = m[0];
        let href = null;
        if (m[1] || m[2]) {
          // A full stop or bracket after an address belongs to the sentence.
          raw = raw.replace(/[.,;:!?)\]}'"]+$/, '');
          href = raw && safeHref(raw);
        } else if (m[3]) {
          href = mailHref(raw);
        } else if (!/[\w.,/]/.test(line.charAt(m.index - 1))) {
          href = telHref(raw);
        }
        if (!href) continue;
        if (m.index > last) out.push({ type: 'text', value: line.slice(last, m.index) });
        out.push({ type: 'link', href: href, value: raw });
        last = m.index + raw.length;
        LINK_RE.lastIndex = last;
      }
      if (last < line.length) out.push({ type: 'text', value: line.slice(last) });
    });
    return out;
  }

  // "Internetseite: example.org": the label in the widget's language, the address left to right.
  function link(href, text, cls, label) {
    const a = el('a', cls, label ? label + ': ' : null);
    // Phone numbers, e-mail and web addresses read left to right in every language.
    a.append(el('bdi', null, text, { dir: 'ltr' }));
    a.href = href;
    if (/^https?:/i.test(href)) {
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.append(el('span', 'fn-sr', ' ' + T.new_window));
    }
    return a;
  }

  // Segments as nodes; links=false for addresses and opening hours; inside <bdi dir> when dir is given.
  function textNodes(text, links, dir) {
    const frag = dir ? el('bdi', null, null, { dir: dir }) : document.createDocumentFragment();
    segments(text, links).forEach((s) => {
      if (s.type === 'br') frag.append(el('br'));
      else if (s.type === 'link') frag.append(link(s.href, s.value));
      else frag.append(document.createTextNode(s.value));
    });
    return frag;
  }

  // "2026-10-01" → "01.10.2026" in German, as the widget's language writes dates (digits 0-9).
  function localDate(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(str(value));
    if (!m) return str(value);
    const f = { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' };
    return new Date(Date.UTC(m[1], m[2] - 1, m[3])).toLocaleDateString(LANG + '-u-nu-latn', f);
  }

  // --- building the widget
  // The widget's own texts carry their key (data-t: text, data-tl: aria-label, data-tt: title): a language
  // switches them all at once.
  function build() {
    ui = {};
    const root = el('div', 'fn-root');
    // Hidden until widget.css has loaded, so the page never shows unstyled parts.
    root.hidden = true;

    const launcher = button('fn-launcher', null, () => (ui.panel.hidden ? open(true) : close(true)), {
      'data-tl': 'open',
      'aria-expanded': 'false',
      'aria-controls': 'fn-panel',
    });
    launcher.append(icon('chat'));

    const panel = el('section', 'fn-panel', null, { id: 'fn-panel', role: 'dialog', 'aria-labelledby': 'fn-title' });
    panel.hidden = true;

    // Header: title, language, text size, close.
    const header = el('div', 'fn-header');
    const heading = el('h2', 'fn-title', null, { id: 'fn-title', 'data-t': 'title' });
    const smaller = textSizeButton('A−', 'smaller', -1);
    const bigger = textSizeButton('A+', 'bigger', 1);
    const closeBtn = button('fn-tool fn-close', null, () => close(true), { 'data-tl': 'close', 'data-tt': 'close' });
    closeBtn.append(icon('close'));
    header.append(heading, languagePicker(), smaller, bigger, closeBtn);

    // The emergency card stays pinned above the messages until the parent closes it.
    const pinned = el('div', 'fn-pinned', null, { 'aria-live': 'polite' });
    const log = el('div', 'fn-log', null, { role: 'log', 'aria-live': 'polite', 'data-tl': 'log' });
    // Focusable, so keyboard users can scroll the conversation.
    log.tabIndex = 0;
    log.addEventListener('scroll', () => {
      state.atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 32;
    });

    const status = el('p', 'fn-status', null, { role: 'status' });

    // Footer: the input, then restart and delete (in reach of the thumb).
    const foot = el('div', 'fn-foot');
    const form = el('form', 'fn-form');
    form.noValidate = true;
    const label = el('label', 'fn-sr');
    label.htmlFor = 'fn-input';
    const input = el('input', 'fn-input', null, { id: 'fn-input', type: 'text', enterkeyhint: 'send' });
    const sendBtn = el('button', 'fn-send', null, { 'data-t': 'send' });
    sendBtn.type = 'submit';
    form.append(label, input, sendBtn);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitTyped();
    });
    input.addEventListener('input', () => {
      if (tooLong(input.value)) setStatus(T.too_long, true);
      else if (status.classList.contains('fn-status--warn')) setStatus('');
    });

    const actions = el('div', 'fn-actions');
    const restartBtn = button('fn-action', null, () => restart(), { 'data-t': 'restart' });
    const deleteBtn = button('fn-action', null, showConfirm, { 'data-t': 'remove' });
    actions.append(restartBtn, deleteBtn);

    const confirmBox = el('div', 'fn-confirm', null, { role: 'group', 'aria-labelledby': 'fn-confirm-q' });
    confirmBox.hidden = true;
    const question = el('p', 'fn-confirm-q', null, { id: 'fn-confirm-q', 'data-t': 'confirm' });
    const yes = button('fn-action fn-action--danger', null, removeConversation, { 'data-t': 'confirm_yes' });
    const no = button('fn-action', null, () => hideConfirm(true), { 'data-t': 'confirm_no' });
    confirmBox.append(question, yes, no);

    foot.append(form, actions, confirmBox);
    panel.append(header, pinned, log, status, foot);
    root.append(launcher, panel);

    // Escape: first closes the language list, then cancels the question "really delete?", then the panel.
    panel.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' && event.key !== 'Esc') return;
      event.preventDefault();
      if (!ui.langs.hidden) showLangs(false, true);
      else if (!confirmBox.hidden) hideConfirm(true);
      else close(true);
    });

    Object.assign(ui, { root, launcher, panel, heading, pinned, log, status, input, label, sendBtn, smaller, bigger,
      actions, deleteBtn, confirmBox, yes, no });
    document.body.append(root);
    setScale(state.scale);
    trackViewport();
    loadCss(() => {
      root.hidden = false;
    });
  }

  // The widget's own texts in the language now chosen; messages keep the language they came in.
  function applyTexts() {
    const name = langInfo(LANG).name;
    const root = langOf(ui.root, LANG);
    root.querySelectorAll('[data-t]').forEach((n) => {
      n.textContent = T[n.dataset.t];
    });
    root.querySelectorAll('[data-tl]').forEach((n) => n.setAttribute('aria-label', T[n.dataset.tl]));
    root.querySelectorAll('[data-tt]').forEach((n) => {
      n.title = T[n.dataset.tt];
    });
    if (title) ui.heading.textContent = title;
    ui.langName.textContent = name;
    ui.langBtn.setAttribute('aria-label', T.language + ': ' + name);
    ui.langs.childNodes.forEach((o) => o.setAttribute('aria-selected', String(o.dataset.code === LANG)));
    applyAsk({ input: ui.input.dataset.ask });
    if (state.busy) setStatus(T.sending);
  }

  // Shows "A−"/"A+" (left to right in every language), says "Schrift kleiner"/"Schrift größer".
  function textSizeButton(sign, key, step) {
    const b = button('fn-tool', null, () => setScale(state.scale + step), { 'data-tt': key });
    b.append(el('span', null, sign, { 'aria-hidden': 'true', dir: 'ltr' }));
    b.append(el('span', 'fn-sr', null, { 'data-t': key }));
    return b;
  }

  // --- the language: a button with the language's own name opens a list box of the catalogue's languages
  // (arrows, Home, End, Enter or a click choose; Escape closes it, focus goes back to the button).
  function languagePicker() {
    const box = el('div', 'fn-langpick');
    const btn = button('fn-tool fn-lang', null, () => showLangs(list.hidden, true), {
      'aria-haspopup': 'listbox',
      'aria-expanded': 'false',
      'aria-controls': 'fn-langs',
    });
    const name = el('span', null, null, { 'aria-hidden': 'true' });
    btn.append(icon('globe'), name);
    const list = el('ul', 'fn-langs', null, { id: 'fn-langs', role: 'listbox', 'data-tl': 'language' });
    list.hidden = true;
    I18N.languages.forEach((l) => {
      const o = el('li', null, null, { role: 'option', tabindex: '-1', 'data-code': l.code });
      // Each name in its own language and direction.
      o.append(langOf(el('span', null, l.name), l.code));
      o.addEventListener('click', () => chooseLang(l.code));
      list.append(o);
    });
    list.addEventListener('keydown', (event) => {
      const opts = Array.from(list.childNodes);
      const n = opts.length;
      const i = opts.indexOf(document.activeElement);
      const to = { ArrowDown: i + 1, ArrowUp: i + n - 1, Home: 0, End: n - 1 }[event.key];
      if (event.key === 'Enter' || event.key === ' ') chooseLang(opts[i].dataset.code);
      else if (to == null) return;
      else opts[to % n].focus();
      event.preventDefault();
    });
    // Focus elsewhere (Tab, a click outside) closes the list.
    box.addEventListener('focusout', (event) => box.contains(event.relatedTarget) || showLangs(false));
    box.append(btn, list);
    Object.assign(ui, { langBtn: btn, langName: name, langs: list });
    return box;
  }

  function showLangs(show, refocus) {
    ui.langs.hidden = !show;
    ui.langBtn.setAttribute('aria-expanded', String(show));
    if (show) (ui.langs.querySelector('[aria-selected="true"]') || ui.langs.firstChild).focus();
    else if (refocus) ui.langBtn.focus();
  }

  // The widget's texts switch at once; the bot is told, after a message still on the way, and answers in it.
  function chooseLang(code) {
    showLangs(false, true);
    if (code !== LANG) {
      loadPack(code).then((ok) => {
        if (!ok) return notice(T.invalid);
        stored(LANG_KEY, code);
        useLang(code);
        const message = '/choose_language' + JSON.stringify({ conversation_language: code });
        Promise.resolve(state.pending).then(() => send(message));
      });
    }
  }

  function loadCss(done) {
    let called = false;
    const finish = () => {
      if (!called) done();
      called = true;
    };
    const href = new URL('widget.css', scriptUrl).href;
    const present = Array.prototype.some.call(document.querySelectorAll('link[rel="stylesheet"]'), (l) => l.href === href);
    if (present) return finish();
    const sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = href;
    sheet.addEventListener('load', finish);
    sheet.addEventListener('error', finish);
    document.head.append(sheet);
    // A slow stylesheet must not keep the help hidden for long.
    setTimeout(finish, 4000);
  }

  // The on-screen keyboard shrinks only the visual viewport: size the panel to it, so the input stays visible.
  function trackViewport() {
    const vv = window.visualViewport;
    const update = () => {
      const stick = state.atEnd;
      // Pinch zoom changes the visual viewport too; only the keyboard should resize the panel.
      if (vv && vv.scale < 1.01) {
        ui.root.style.setProperty('--fn-vh', Math.round(vv.height) + 'px');
        ui.root.style.setProperty('--fn-vt', Math.round(vv.offsetTop) + 'px');
        ui.root.classList.add('fn-vv');
      }
      if (stick) scrollToEnd();
    };
    if (vv) {
      vv.addEventListener('resize', update);
      vv.addEventListener('scroll', update);
    }
    window.addEventListener('orientationchange', update);
    update();
  }

  function setScale(index) {
    state.scale = Math.max(0, Math.min(TEXT_STEPS.length - 1, index));
    ui.root.style.setProperty('--fn-scale', String(TEXT_STEPS[state.scale]));
    // aria-disabled instead of disabled: the button keeps the keyboard focus at the end of the scale.
    ui.smaller.setAttribute('aria-disabled', String(state.scale === 0));
    ui.bigger.setAttribute('aria-disabled', String(state.scale === TEXT_STEPS.length - 1));
  }

  // --- open and close
  function open(focus) {
    if (!ui) {
      openWhenReady = focus;
      return;
    }
    ui.panel.hidden = false;
    ui.launcher.setAttribute('aria-expanded', 'true');
    ui.root.classList.add('fn-is-open');
    document.documentElement.classList.add('fn-lock');
    if (!state.started) {
      state.started = true;
      ui.log.append(el('p', 'fn-intro', T.intro, { 'data-t': 'intro' }));
      send('/greet');
    }
    scrollToEnd();
    // Not when the page opens the panel by itself: that would pop up the keyboard on a phone.
    if (focus) ui.input.focus();
  }

  function close(returnFocus) {
    if (!ui) {
      openWhenReady = null;
      return;
    }
    const hadFocus = ui.panel.contains(document.activeElement);
    ui.panel.hidden = true;
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.root.classList.remove('fn-is-open');
    document.documentElement.classList.remove('fn-lock');
    if (returnFocus || hadFocus) ui.launcher.focus();
  }

  // --- the conversation
  function tooLong(text) {
    return Array.from(text).length > MAX_CHARS;
  }

  function setStatus(text, warn) {
    ui.status.textContent = text || '';
    ui.status.classList.toggle('fn-status--warn', !!warn);
    ui.status.classList.toggle('fn-status--busy', !!text && !warn);
  }

  function setBusy(busy) {
    state.busy = busy;
    ui.sendBtn.setAttribute('aria-disabled', String(busy));
    setStatus(busy ? T.sending : '');
  }

  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
    state.atEnd = true;
  }

  // Long answers (offer cards) are read from their start; short ones simply scroll to the end.
  function scrollToShow(node) {
    const log = ui.log;
    const end = log.scrollHeight - log.clientHeight;
    log.scrollTop = node ? Math.min(node.offsetTop - 8, end) : end;
    state.atEnd = log.scrollTop >= end - 32;
  }

  function submitTyped() {
    const text = ui.input.value.trim();
    if (!text) return ui.input.focus();
    if (tooLong(text)) return setStatus(T.too_long, true);
    if (state.busy) return;
    ui.input.value = '';
    send(text, text, { typed: true });
  }

  function addUser(text) {
    // In the direction of the parent's own words (dir="auto" skips the parts with their own dir).
    const msg = el('div', 'fn-msg fn-msg--user', null, { dir: 'auto' });
    msg.append(langOf(el('span', 'fn-sr', T.you + ' '), LANG), document.createTextNode(text));
    ui.log.append(msg);
    scrollToEnd();
    return msg;
  }

  function markFailed(bubble, failed) {
    bubble.classList.toggle('fn-msg--failed', failed);
    const note = bubble.querySelector('.fn-msg-note');
    if (note) note.remove();
    if (failed) bubble.append(langOf(el('span', 'fn-msg-note', T.not_sent), LANG));
  }

  function notice(text, retry) {
    const box = langOf(el('div', 'fn-notice' + (retry ? ' fn-notice--retry' : '')), LANG);
    box.append(el('p', null, text));
    if (retry) {
      box.append(button('fn-retry', T.retry, () => {
        if (state.busy) return;
        box.remove();
        ui.log.focus({ preventScroll: true });
        retry();
      }));
    }
    ui.log.append(box);
    scrollToEnd();
    return box;
  }

  // Sends one message; shown is what appears as the parent's message (null for /greet).
  function send(message, shown, opts) {
    opts = opts || {};
    if (state.busy) return Promise.resolve(false);
    const epoch = state.epoch;
    // An older "Nochmal senden" must not send an old message after a new one.
    ui.log.querySelectorAll('.fn-notice--retry').forEach((n) => n.remove());
    let bubble = opts.bubble || null;
    if (bubble) markFailed(bubble, false);
    else if (shown) bubble = addUser(shown);
    // Focus may follow the answer only if the parent was working in the panel when sending.
    const inPanel = ui.panel.contains(document.activeElement);
    setBusy(true);
    const pending = post(message);
    state.pending = pending;
    return pending.then((result) => {
      // The parent started again meanwhile: this answer belongs to the old conversation.
      if (epoch !== state.epoch) return false;
      setBusy(false);
      if (result.ok) {
        if (opts.typed && ui.input.value === shown) ui.input.value = '';
        render(result.messages, inPanel);
        return true;
      }
      if (bubble) markFailed(bubble, true);
      // The parent must not type the message again.
      if (opts.typed && !ui.input.value) ui.input.value = shown;
      if (result.retry) notice(T.failed, () => send(message, shown, { bubble: bubble, typed: opts.typed }));
      else notice(result.text);
      return false;
    });
  }

  function withTimeout(promise, ctrl, fallback) {
    let timer;
    const late = new Promise((resolve) => {
      timer = setTimeout(() => {
        if (ctrl) ctrl.abort();
        resolve(fallback);
      }, TIMEOUT_MS);
    });
    return Promise.race([promise, late]).then((result) => {
      clearTimeout(timer);
      return result;
    });
  }

  function post(message) {
    const FAIL = { ok: false, retry: true };
    const ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    state.ctrl = ctrl;
    const work = fetch(endpoint + 'webhook', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      // The language is a hint for the bot: a new conversation (also after it expired) starts in it.
      body: JSON.stringify({ sender: state.sender, message: message, metadata: { language_code: LANG } }),
      credentials: 'omit',
      cache: 'no-store',
      signal: ctrl ? ctrl.signal : undefined,
    })
      .then((res) => {
        if (res.ok) return res.json().then((data) => (Array.isArray(data) ? { ok: true, messages: data } : FAIL));
        // Refused by the server, in the widget's language; no retry (the same message would be refused again).
        if (res.status === 413 || res.status === 422) {
          return { ok: false, retry: false, text: res.status === 413 ? T.too_long : T.invalid };
        }
        return FAIL;
      })
      .catch(() => FAIL);
    return withTimeout(work, ctrl, FAIL);
  }

  // One batch of bot messages.
  function render(messages, inPanel) {
    const log = ui.log;
    // Answered: the buttons of older messages can no longer be used.
    log.querySelectorAll('.fn-reply').forEach((b) => {
      b.disabled = true;
    });
    let first = null;
    let ask = null;
    let replies = null;
    messages.forEach((m) => {
      if (!m || typeof m !== 'object') return;
      const nodes = [];
      if (str(m.text)) nodes.push(botText(m.text));
      if (Array.isArray(m.buttons)) {
        const group = quickReplies(m.buttons);
        if (group) nodes.push((replies = group));
      }
      const c = m.custom && typeof m.custom === 'object' ? m.custom : null;
      if (c && c.type === 'ask') ask = c;
      else if (c && c.type === 'offers') nodes.push(offersList(c));
      else if (c && c.type === 'handoff') nodes.push(handoffCard(c.contact));
      else if (c && c.type === 'emergency') showEmergency(c);
      nodes.forEach((n) => {
        if (!n) return;
        log.append(langOf(n, LANG));
        if (!first) first = n;
      });
    });
    applyAsk(ask);
    scrollToShow(first);
    if (inPanel) moveFocus(ask, replies);
  }

  // After an answer, focus goes where the next step is – unless the parent left the panel or is typing.
  // preventScroll: the start of a long answer stays in view.
  function moveFocus(ask, replies) {
    const active = document.activeElement;
    const lost = !active || active === document.body || active.disabled;
    if (ui.panel.hidden || (!lost && !ui.panel.contains(active))) return;
    if (active === ui.input && ui.input.value) return;
    const kind = ask && ask.input;
    const wantButtons = replies && (!kind || kind === 'choice' || kind === 'yes_no');
    if (wantButtons) replies.querySelector('button').focus({ preventScroll: true });
    else if (lost) ui.input.focus({ preventScroll: true });
  }

  // The question decides the keyboard: digits for postal codes and numbers (letters still allowed).
  function applyAsk(ask) {
    const kind = ask && T.ask[ask.input] ? ask.input : 'text';
    const input = ui.input;
    if (kind === 'postal_code' || kind === 'number') input.setAttribute('inputmode', 'numeric');
    else input.removeAttribute('inputmode');
    input.autocomplete = kind === 'postal_code' ? 'postal-code' : 'off';
    input.placeholder = T.ask[kind].placeholder;
    ui.label.textContent = T.ask[kind].label;
    input.dataset.ask = kind;
  }

  function botText(text) {
    const msg = el('div', 'fn-msg fn-msg--bot');
    msg.append(el('span', 'fn-sr', T.bot + ' '), textNodes(text));
    return msg;
  }

  function quickReplies(buttons) {
    const group = el('div', 'fn-replies', null, { role: 'group', 'aria-label': T.replies });
    buttons.forEach((b) => {
      const text = b && str(b.title);
      if (!text) return;
      const payload = str(b.payload) || text;
      const btn = button('fn-reply', text, () => {
        if (state.busy || btn.disabled) return;
        btn.classList.add('fn-reply--chosen');
        send(payload, text).then((ok) => {
          if (!ok) btn.classList.remove('fn-reply--chosen');
        });
      });
      group.append(btn);
    });
    return group.firstChild ? group : null;
  }

  // --- cards
  function cardTitle(name, demo) {
    const h = el('h3', 'fn-card-title');
    if (demo === true) h.append(el('span', 'fn-badge', T.example), ' ');
    h.append(name);
    return h;
  }

  function callLink(phone, label, extra) {
    const href = telHref(phone);
    if (!href) return null;
    const a = el('a', 'fn-call');
    a.href = href;
    a.append(el('span', 'fn-call-label', label), el('bdi', 'fn-call-number', phone, { dir: 'ltr' }));
    if (extra) a.append(el('span', 'fn-call-hours', extra));
    return a;
  }

  function fact(list, term, value, links, dir) {
    if (!value) return;
    const row = el('div', 'fn-fact');
    const dd = el('dd');
    dd.append(textNodes(value, links, dir));
    row.append(el('dt', null, term), dd);
    list.append(row);
  }

  // Phone, address, opening hours, web, e-mail: shared by offer and handoff cards.
  function contactParts(card, d, languages) {
    const phone = str(d.phone);
    const call = phone && callLink(phone, T.call);
    if (call) card.append(call);
    const facts = el('dl', 'fn-facts');
    if (phone && !call) fact(facts, T.phone, phone, true, 'ltr');
    fact(facts, T.address, str(d.address), false, 'ltr');
    // "Mo 09:00-12:00; Di 14:00-16:00" reads better one day per line; in the direction of its own words.
    fact(facts, T.hours, str(d.opening_hours).split(/\s*;\s*/).join('\n'), false, 'auto');
    if (languages) fact(facts, T.languages, languages);
    if (facts.firstChild) card.append(facts);
    const links = el('p', 'fn-links');
    const web = safeHref(d.url);
    if (web && /^https?:/.test(web)) links.append(link(web, new URL(web).hostname, 'fn-link', T.web));
    const mail = mailHref(d.email);
    if (mail) links.append(link(mail, str(d.email), 'fn-link', T.email));
    if (links.firstChild) card.append(links);
  }

  function offerCard(o) {
    const card = el('article', 'fn-card');
    card.append(cardTitle(str(o.name), o.demo));
    if (str(o.category_label)) card.append(el('p', 'fn-card-cat', str(o.category_label)));
    if (str(o.why)) card.append(el('p', 'fn-card-why', str(o.why)));
    if (o.demo === true) card.append(el('p', 'fn-card-demo', T.example_note));
    const tags = el('ul', 'fn-tags');
    if (o.free_of_charge === true) tags.append(el('li', 'fn-tag', T.free));
    if (o.home_visit === true) tags.append(el('li', 'fn-tag', T.home_visit));
    if (tags.firstChild) card.append(tags);
    const langs = Array.isArray(o.languages) ? o.languages.map(str).filter(Boolean).join(', ') : '';
    contactParts(card, o, langs);
    const checked = str(o.last_verified);
    if (checked) {
      const p = el('p', 'fn-verified', T.verified + ': ');
      p.append(el('time', null, localDate(checked), { datetime: checked }));
      card.append(p);
    }
    return card;
  }

  function offersList(c) {
    const offers = Array.isArray(c.offers) ? c.offers.filter((o) => o && typeof o === 'object' && str(o.name)) : [];
    if (!offers.length) return null;
    const list = el('ul', 'fn-offers', null, { 'aria-label': T.offers });
    offers.forEach((o) => {
      const item = el('li');
      item.append(offerCard(o));
      list.append(item);
    });
    return list;
  }

  function handoffCard(contact) {
    if (!contact || typeof contact !== 'object' || !str(contact.name)) return null;
    const card = el('article', 'fn-card fn-card--handoff');
    card.append(cardTitle(str(contact.name), contact.demo));
    if (contact.demo === true) card.append(el('p', 'fn-card-demo', T.example_note));
    contactParts(card, contact);
    return card;
  }

  // Pinned above the messages; a newer emergency card replaces the older one.
  function showEmergency(c) {
    const numbers = Array.isArray(c.numbers) ? c.numbers.filter((n) => n && telHref(n.phone)) : [];
    if (!numbers.length) return;
    const card = langOf(el('section', 'fn-emergency', null, { 'aria-labelledby': 'fn-emergency-title' }), LANG);
    const head = el('div', 'fn-emergency-head');
    const h = el('h3', 'fn-card-title', T.emergency, { id: 'fn-emergency-title' });
    // Focus to the conversation, not the input: that would pop up the keyboard.
    const closeBtn = button('fn-action', T.close, () => {
      ui.pinned.textContent = '';
      ui.log.focus({ preventScroll: true });
    }, { 'aria-label': T.emergency_close });
    head.append(h, closeBtn);
    const list = el('ul', 'fn-emergency-list');
    numbers.forEach((n) => {
      const item = el('li');
      item.append(callLink(str(n.phone), str(n.label) || T.call, str(n.hours)));
      list.append(item);
    });
    card.append(head, list);
    ui.pinned.textContent = '';
    ui.pinned.append(card);
    ui.pinned.scrollTop = 0;
  }

  // --- restart and delete
  // A new conversation; the old one is deleted on the server too (unless that was just done).
  function restart(message, forgotten) {
    const old = state.sender;
    if (!forgotten) Promise.resolve(state.pending).then(() => forgetOnServer(old));
    state.epoch++;
    if (state.ctrl) state.ctrl.abort();
    setBusy(false);
    saveSender(newId());
    ui.log.textContent = '';
    ui.pinned.textContent = '';
    hideConfirm(false);
    applyAsk(null);
    ui.log.append(el('p', 'fn-intro', T.intro, { 'data-t': 'intro' }));
    if (message) ui.log.append(langOf(el('p', 'fn-notice fn-notice--ok', message), LANG));
    state.started = true;
    return send('/greet');
  }

  function showConfirm() {
    ui.actions.hidden = true;
    ui.confirmBox.hidden = false;
    // "Nein" first: an accidental Enter must not delete.
    ui.no.focus();
  }

  function hideConfirm(refocus) {
    ui.confirmBox.hidden = true;
    ui.actions.hidden = false;
    if (refocus) ui.deleteBtn.focus();
  }

  // Deletes a conversation on the server; resolves to true when it is gone.
  function forgetOnServer(sender) {
    const ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    const work = fetch(endpoint + 'conversations/' + encodeURIComponent(sender), {
      method: 'DELETE',
      credentials: 'omit',
      cache: 'no-store',
      signal: ctrl ? ctrl.signal : undefined,
    }).then((res) => res.ok || res.status === 404, () => false);
    return withTimeout(work, ctrl, false);
  }

  function removeConversation() {
    if (ui.yes.disabled) return;
    ui.yes.disabled = true;
    const sender = state.sender;
    // Wait for a message still on the way, or the server would store it again after the delete.
    Promise.resolve(state.pending)
      .then(() => forgetOnServer(sender))
      .then((ok) => {
        ui.yes.disabled = false;
        hideConfirm(true);
        if (ok) restart(T.deleted, true);
        else notice(T.delete_failed);
      });
  }

  // --- start
  function start() {
    loadSender();
    const code = firstLang();
    // German is in this file; another first language is fetched before the widget shows (German if that fails).
    loadPack(code).then((ok) => {
      build();
      useLang(ok ? code : 'de');
      if (openWhenReady != null) open(openWhenReady);
      else if (options.open === 'true') open(false);
    });
  }

  window.Familiennavi = Object.freeze({
    open: function () {
      open(true);
    },
    close: function () {
      close(false);
    },
    version: VERSION,
  });

  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
