/*
 * Familiennavi – the staff intake aid (Familienbüro, Lotsendienst), served by the offers API at /staff/.
 * One script, no framework, no build step, nothing from another host. Talks only to /staff/api/ (same origin):
 * login and session, the intake (forwarded to the Rasa server's staff channel), referrals and their list, and
 * (role admin only) the Jugendamt's accounts.
 * Every visible text comes from the catalogue (GET /staff/api/texts); the DOM is built with createElement and
 * textContent only, never from an HTML string.
 */
(function () {
  'use strict';

  const script = document.currentScript;
  // /staff/assets/staff.js → /staff/api/
  const API = new URL('../api/', script && script.src ? script.src : location.href).href;
  // The conversation languages of the design, in its order (vocabulary/languages.py CONVERSATION_LANGUAGES).
  const LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru'];
  const STATUSES = ['offen', 'in_arbeit', 'erledigt'];
  const ROLES = ['staff', 'admin'];
  // The API's minimum (api/services/accounts.py MIN_PASSWORD_LENGTH); the API checks it again.
  const MIN_PASSWORD_LENGTH = 12;
  const TIMEOUT_MS = 20000;
  const SCHEMES = ['https:', 'http:', 'tel:', 'mailto:'];
  // The Laufzettel is printed in the family's language too only when these texts exist in it.
  const SHEET_KEYS = ['laufzettel.title', 'laufzettel.bring_label', 'laufzettel.next_label', 'laufzettel.emergency'];

  const state = {
    texts: {}, // German catalogue texts of the page
    csrf: '',
    account: null,
    retentionDays: '', // days until a referral is deleted (REFERRAL_RETENTION_DAYS)
    view: '',
    epoch: 0,
    intake: null, // {id, language}
    busy: false,
    pending: null, // the message on its way (a delete waits for it)
    consent: null, // true, false, or null (not asked yet)
    family: null, // {language, direction, texts}: the Laufzettel's second language
    offers: new Map(), // id → offer, in the order shown
    chosen: new Set(), // ids of offers on the Laufzettel
    need: null,
    jugendamt: null,
    municipality: null,
    alarm: { emergency: null, protection: null },
    touched: {}, // referral fields the staff member changed by hand (not prefilled again)
    sending: false,
    accountSending: false, // an account is being created or disabled
  };

  // --- small helpers
  function $(id) {
    return document.getElementById(id);
  }

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

  function isObject(value) {
    return !!value && typeof value === 'object' && !Array.isArray(value);
  }

  let uid = 0;
  function nextId(prefix) {
    uid += 1;
    return prefix + '-' + uid;
  }

  // A text by key, placeholders ({name}) filled in; `pack` is another language's texts (German where missing).
  // A missing key shows the key itself, so the catalogue tests and the browser tests notice it.
  function t(key, values, pack) {
    let s = pack ? pack[key] : undefined;
    if (typeof s !== 'string') s = state.texts[key];
    if (typeof s !== 'string') return key;
    return s.replace(/\{(\w+)\}/g, (whole, name) => (values && values[name] != null ? String(values[name]) : whole));
  }

  function has(key) {
    return typeof state.texts[key] === 'string';
  }

  // Placeholders of the page's fixed texts ({days}: how long referrals are kept, from the session).
  function applyTexts(root) {
    const values = { days: state.account ? state.retentionDays : '' };
    root.querySelectorAll('[data-t]').forEach((node) => {
      node.textContent = t(node.getAttribute('data-t'), values);
    });
    root.querySelectorAll('[data-t-label]').forEach((node) => {
      node.setAttribute('aria-label', t(node.getAttribute('data-t-label')));
    });
  }

  function newId() {
    const c = window.crypto;
    if (c && typeof c.randomUUID === 'function') return c.randomUUID();
    const b = new Uint8Array(16);
    c.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-');
  }

  function germanDateTime(value) {
    const date = new Date(str(value));
    if (isNaN(date.getTime())) return str(value);
    return date.toLocaleString('de-DE', { dateStyle: 'medium', timeStyle: 'short' });
  }

  function germanDate(value) {
    const date = new Date(str(value));
    if (isNaN(date.getTime())) return str(value);
    return date.toLocaleDateString('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric' });
  }

  // A live region announces a change only: empty it first, fill it a moment later.
  function announce(node, text) {
    node.textContent = '';
    if (text) setTimeout(() => (node.textContent = text), 50);
  }

  // --- talking to the API
  // Resolves to {ok, status, data}; status 0 when the server could not be reached or took too long.
  function api(method, path, body, timeout) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeout || TIMEOUT_MS);
    return fetch(API + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: ctrl.signal,
    })
      .then((res) => {
        if (res.status === 204) return { ok: res.ok, status: res.status, data: null };
        return res.json().then(
          (data) => ({ ok: res.ok, status: res.status, data: data }),
          () => ({ ok: res.ok, status: res.status, data: null })
        );
      })
      .catch(() => ({ ok: false, status: 0, data: null }))
      .then((result) => {
        clearTimeout(timer);
        return result;
      });
  }

  // A request that needs the session: a 401 ends it and brings back the login.
  function call(method, path, body, timeout) {
    const account = state.account;
    return api(method, path, body, timeout).then((res) => {
      if (res.status === 401 && account && state.account === account) {
        res.ended = true;
        const expired = res.data && res.data.type === 'session_expired';
        sessionEnded(t(expired ? 'staff.page.session_expired' : 'staff.page.session_gone'));
      }
      return res;
    });
  }

  // The API's own plain words for a refusal, else ours.
  function problem(res, fallbackKey) {
    const detail = res && res.data && typeof res.data.detail === 'string' ? res.data.detail.trim() : '';
    if (detail) return detail;
    if (res && res.status === 0) return t('staff.page.error.network');
    return t(fallbackKey || 'staff.page.error.generic');
  }

  // --- links in bot text (as in the parents' widget): text → segments (text, br, link) → nodes
  const LINK_RE =
    /(https?:\/\/[^\s<>"']+)|([\w.%+-]+@[\w-]+(?:\.[\w-]+)+)|((?:\+49[ \u00a0]?|0)[1-9]\d{1,4}(?:[ \u00a0/-]?\d{1,8}){1,5}|\b116[ \u00a0]?\d{3}\b|\b11[02]\b)/g;

  function safeHref(value) {
    const s = str(value);
    if (!s) return null;
    try {
      const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : 'https://' + s);
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

  function link(href, text, cls) {
    const a = el('a', cls || 'sp-link', text);
    a.href = href;
    if (/^https?:/i.test(href)) {
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.append(el('span', 'sp-sr', ' ' + t('staff.page.new_window')));
    }
    return a;
  }

  function textNodes(text, links) {
    const frag = document.createDocumentFragment();
    String(text).split(/\r\n|\r|\n/).forEach((line, i) => {
      if (i) frag.append(el('br'));
      let last = 0;
      let m;
      LINK_RE.lastIndex = 0;
      while (links !== false && (m = LINK_RE.exec(line))) {
        let raw = m[0];
        let href = null;
        if (m[1]) {
          raw = raw.replace(/[.,;:!?)\]}'"]+$/, '');
          href = safeHref(raw);
        } else if (m[2]) {
          href = mailHref(raw);
        } else if (!/[\w.,/]/.test(line.charAt(m.index - 1))) {
          href = telHref(raw);
        }
        if (!href) continue;
        if (m.index > last) frag.append(document.createTextNode(line.slice(last, m.index)));
        frag.append(link(href, raw));
        last = m.index + raw.length;
        LINK_RE.lastIndex = last;
      }
      if (last < line.length) frag.append(document.createTextNode(line.slice(last)));
    });
    return frag;
  }

  // --- views
  function showView(name) {
    state.view = name;
    ['login', 'intake', 'referrals', 'accounts'].forEach((view) => {
      $('sp-' + view).hidden = view !== name;
    });
    document.querySelectorAll('#sp-nav a').forEach((a) => {
      if (a.getAttribute('data-view') === name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
  }

  function go(name, focus) {
    if (!state.account) return;
    showView(name);
    const navKey = name === 'accounts' ? 'staff.page.accounts.nav' : 'staff.page.nav.' + name;
    document.title = t(navKey) + ' – ' + t('staff.page.title');
    if (name === 'referrals') loadReferrals();
    if (name === 'accounts') loadAccounts();
    if (focus) $('sp-' + name + '-h').focus();
  }

  function isAdmin() {
    return !!state.account && state.account.role === 'admin';
  }

  function viewFromHash() {
    if (location.hash === '#anfragen') return 'referrals';
    // The accounts only for an admin; anyone else who types #konten gets the intake.
    if (location.hash === '#konten' && isAdmin()) return 'accounts';
    return 'intake';
  }

  function flash(text) {
    announce($('sp-flash'), text);
  }

  // --- login, session, logout
  function showLogin(message) {
    state.account = null;
    state.csrf = '';
    $('sp-account').hidden = true;
    $('sp-nav').hidden = true;
    $('sp-nav-accounts-item').hidden = true;
    showView('login');
    document.title = t('staff.page.login.heading') + ' – ' + t('staff.page.title');
    $('sp-login-error').textContent = '';
    flash(message || '');
    const email = $('sp-email');
    (email.value ? $('sp-password') : email).focus();
  }

  function enter(data, focus) {
    const account = isObject(data && data.account) ? data.account : {};
    const jugendamt = isObject(account.jugendamt) ? account.jugendamt : {};
    state.csrf = str(data && data.csrf_token);
    state.account = account;
    state.retentionDays = Number(data && data.retention_days) || '';
    applyTexts(document);
    $('sp-who').textContent = t('staff.page.account', { email: str(account.email), jugendamt: str(jugendamt.name) });
    $('sp-account').hidden = false;
    $('sp-nav').hidden = false;
    $('sp-nav-accounts-item').hidden = !isAdmin();
    $('sp-login-error').textContent = '';
    $('sp-password').value = '';
    flash('');
    go(viewFromHash(), focus);
  }

  function sessionEnded(message) {
    resetIntake();
    $('sp-referral-list').textContent = '';
    resetAccounts();
    showLogin(message);
  }

  function fieldInvalid(input, invalid) {
    if (invalid) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  function login(event) {
    event.preventDefault();
    if (state.sending) return;
    const email = $('sp-email');
    const password = $('sp-password');
    const error = $('sp-login-error');
    const missing = !email.value.trim() ? email : !password.value ? password : null;
    fieldInvalid(email, missing === email);
    fieldInvalid(password, missing === password);
    if (missing) {
      announce(error, t('staff.page.login.missing'));
      missing.focus();
      return;
    }
    state.sending = true;
    $('sp-login-submit').setAttribute('aria-disabled', 'true');
    api('POST', 'login', { email: email.value.trim(), password: password.value }).then((res) => {
      state.sending = false;
      $('sp-login-submit').removeAttribute('aria-disabled');
      if (res.ok && res.data) return enter(res.data, true);
      const locked = res.status === 429;
      announce(error, problem(res, locked ? 'staff.page.login.locked' : 'staff.page.login.failed'));
      error.classList.toggle('sp-error--locked', locked);
      password.value = '';
      fieldInvalid(password, res.status === 401);
      password.focus();
    });
  }

  function logout() {
    const intake = state.intake;
    const forget = intake ? forgetIntake(intake) : Promise.resolve();
    forget
      .then(() => api('POST', 'logout', {}))
      .then(() => {
        resetIntake();
        $('sp-referral-list').textContent = '';
        resetAccounts();
        $('sp-email').value = '';
        showLogin(t('staff.page.logged_out'));
      });
  }

  // --- the intake: start
  function languageName(code) {
    return t('staff.page.language.' + code);
  }

  // The family's language in its own name, and the German name for the staff member.
  function languageLabel(code) {
    const frag = document.createDocumentFragment();
    frag.append(el('span', 'sp-endonym', languageName(code), { lang: code, dir: 'auto' }));
    if (has('language.' + code) && t('language.' + code) !== languageName(code)) {
      frag.append(el('span', 'sp-exonym', ' (' + t('language.' + code) + ')'));
    }
    return frag;
  }

  function buildLanguageChoices() {
    const box = $('sp-languages');
    box.textContent = '';
    LANGUAGES.forEach((code, i) => {
      const label = el('label', 'sp-choice');
      const input = el('input', null, null, { type: 'radio', name: 'family-language', value: code });
      input.checked = i === 0;
      label.append(input, languageLabel(code));
      box.append(label);
    });
  }

  function chosenLanguage() {
    const checked = document.querySelector('input[name="family-language"]:checked');
    return checked ? checked.value : 'de';
  }

  function begin(event) {
    event.preventDefault();
    if (!state.account) return;
    resetIntake();
    const language = chosenLanguage();
    state.intake = { id: newId(), language: language };
    $('sp-start').hidden = true;
    $('sp-talk').hidden = false;
    const shown = $('sp-family-language');
    shown.textContent = t('staff.page.conversation.family_language') + ' ';
    shown.append(el('span', null, languageName(language), { lang: language, dir: 'auto' }));
    loadFamilyTexts(language);
    renderConsent(false);
    updateSheet();
    $('sp-input').focus();
    send('/greet', null);
  }

  // Back to the start: everything of the last family is gone from the page.
  function resetIntake() {
    state.epoch += 1;
    state.intake = null;
    state.busy = false;
    state.pending = null;
    state.consent = null;
    state.family = null;
    state.offers = new Map();
    state.chosen = new Set();
    state.need = null;
    state.jugendamt = null;
    state.municipality = null;
    state.alarm = { emergency: null, protection: null };
    state.touched = {};
    $('sp-log').textContent = '';
    $('sp-alerts').textContent = '';
    $('sp-status').textContent = '';
    $('sp-input').value = '';
    $('sp-referral-form').reset();
    document.querySelectorAll('#sp-referral-form [aria-invalid]').forEach((node) => fieldInvalid(node, false));
    document.querySelectorAll('#sp-referral-form .sp-field-error').forEach((node) => (node.textContent = ''));
    $('sp-referral-error').textContent = '';
    $('sp-referral-done').textContent = '';
    $('sp-sheet').textContent = '';
    $('sp-talk').hidden = true;
    $('sp-start').hidden = false;
    renderConsent(false);
    applyAsk(null);
  }

  function forgetIntake(intake) {
    return Promise.resolve(state.pending).then(() => call('DELETE', 'intake/' + encodeURIComponent(intake.id)));
  }

  function newConversation() {
    if (state.intake) forgetIntake(state.intake);
    resetIntake();
    const first = document.querySelector('input[name="family-language"]:checked');
    if (first) first.focus();
  }

  // --- the intake: the conversation
  function setBusy(busy) {
    state.busy = busy;
    $('sp-send').setAttribute('aria-disabled', String(busy));
    $('sp-status').textContent = busy ? t('staff.page.conversation.sending') : '';
    $('sp-status').classList.toggle('sp-status--busy', busy);
  }

  function addAnswer(text) {
    const msg = el('div', 'sp-msg sp-msg--answer');
    msg.append(el('span', 'sp-msg-who', t('staff.page.conversation.answer') + ' '), document.createTextNode(text));
    $('sp-log').append(msg);
    scrollLog(msg);
    return msg;
  }

  function notice(text, retry) {
    const box = el('div', 'sp-notice');
    box.append(el('p', null, text));
    if (retry) {
      box.append(
        button('sp-button sp-button--secondary', t('staff.page.conversation.retry'), () => {
          if (state.busy) return;
          box.remove();
          retry();
        })
      );
    }
    $('sp-log').append(box);
    scrollLog(box);
  }

  function scrollLog(node) {
    const log = $('sp-log');
    const end = log.scrollHeight - log.clientHeight;
    log.scrollTop = node ? Math.min(node.offsetTop - 8, end) : end;
  }

  // Sends one message of the intake; `shown` is the answer as the page shows it (null for /greet).
  function send(text, shown) {
    const intake = state.intake;
    if (!intake || state.busy) return Promise.resolve(false);
    if (shown) addAnswer(shown);
    const follow = !document.activeElement || document.activeElement === document.body ||
      $('sp-talk').contains(document.activeElement);
    setBusy(true);
    const pending = call('POST', 'intake/messages', { intake_id: intake.id, text: text, language: intake.language });
    state.pending = pending;
    return pending.then((res) => {
      // A new conversation began meanwhile: this answer belongs to the old one.
      if (state.intake !== intake) return false;
      state.pending = null;
      setBusy(false);
      if (res.ended) return false;
      if (res.ok && res.data && Array.isArray(res.data.messages)) {
        render(res.data.messages, follow);
        return true;
      }
      const again = res.status === 0 || res.status >= 500;
      notice(problem(res), again ? () => send(text, null) : null);
      return false;
    });
  }

  function sayTyped(event) {
    event.preventDefault();
    const input = $('sp-input');
    const text = input.value.trim();
    if (!text || state.busy) return;
    input.value = '';
    send(text, text);
  }

  // The question decides the keyboard: digits for postal codes and numbers.
  function applyAsk(ask) {
    const input = $('sp-input');
    const kind = ask && str(ask.input);
    if (kind === 'postal_code' || kind === 'number') input.setAttribute('inputmode', 'numeric');
    else input.removeAttribute('inputmode');
    input.dataset.ask = kind || 'text';
  }

  function botMessage(text) {
    const msg = el('div', 'sp-msg sp-msg--bot');
    if (text) {
      const p = el('p', 'sp-msg-text');
      p.append(textNodes(text));
      msg.append(p);
    }
    return msg;
  }

  function quickAnswers(buttons) {
    const group = el('div', 'sp-answers', null, { role: 'group', 'aria-label': t('staff.page.conversation.answers') });
    buttons.forEach((b) => {
      const title = isObject(b) ? str(b.title) : '';
      if (!title) return;
      const payload = str(b.payload) || title;
      const btn = button('sp-answer', title, () => {
        if (state.busy || btn.disabled) return;
        btn.classList.add('sp-answer--chosen');
        send(payload, title).then((ok) => {
          if (!ok) btn.classList.remove('sp-answer--chosen');
        });
      });
      group.append(btn);
    });
    return group.firstChild ? group : null;
  }

  function hint(text) {
    const box = el('p', 'sp-guide');
    box.append(el('span', 'sp-guide-label', t('staff.page.conversation.hint') + ': '), document.createTextNode(text));
    return box;
  }

  // One batch of bot messages. A message's `custom` may come with its text or as a message of its own right after.
  function render(messages, follow) {
    const log = $('sp-log');
    log.querySelectorAll('.sp-answer').forEach((b) => (b.disabled = true));
    let block = null;
    let ask = null;
    let answers = null;
    let offers = null;
    let first = null;
    let alarm = false;
    const add = (node) => {
      log.append(node);
      if (!first) first = node;
    };
    messages.forEach((m) => {
      if (!isObject(m)) return;
      const c = isObject(m.custom) ? m.custom : null;
      const text = str(m.text);
      const group = Array.isArray(m.buttons) ? quickAnswers(m.buttons) : null;
      if (text || group) {
        block = botMessage(text);
        if (group) block.append((answers = group));
        add(block);
      }
      if (!c) return;
      if (c.type === 'ask') {
        ask = c;
        if (!block) add((block = botMessage('')));
        block.classList.add('sp-msg--ask');
        // Which question this is (for the page's own tests and styles; nothing personal).
        block.setAttribute('data-slot', str(c.slot));
        block.setAttribute('data-input', str(c.input));
        if (str(c.hint)) block.append(hint(str(c.hint)));
      } else if (c.type === 'offers') {
        add((offers = offersSection(c)));
      } else if (c.type === 'handoff' && isObject(c.contact)) {
        add(contactCard(c.contact));
      } else if (c.type === 'emergency') {
        state.alarm.emergency = c;
        alarm = true;
      } else if (c.type === 'child_protection') {
        state.alarm.protection = c;
        alarm = true;
      }
    });
    applyAsk(ask);
    if (alarm) showAlarm();
    scrollLog(first);
    if (!follow) return;
    // Typing already: the focus stays in the field.
    if (document.activeElement === $('sp-input') && $('sp-input').value) return;
    const kind = ask && str(ask.input);
    if (offers) offers.querySelector('.sp-offers-h').focus({ preventScroll: true });
    // Quick answers first where there are any, except for a postal code or free text.
    else if (answers && kind !== 'postal_code' && kind !== 'text') answers.querySelector('button').focus({ preventScroll: true });
    else $('sp-input').focus({ preventScroll: true });
  }

  // --- safeguarding: the emergency numbers and the child-protection route, at once, above everything
  function showAlarm() {
    const box = $('sp-alerts');
    const emergency = state.alarm.emergency;
    const protection = state.alarm.protection;
    const panel = el('section', 'sp-alarm', null, { role: 'alert', 'aria-labelledby': 'sp-alarm-h' });
    panel.append(el('h3', 'sp-alarm-h', t('staff.page.alarm.heading'), { id: 'sp-alarm-h' }));
    const numbers = emergency && Array.isArray(emergency.numbers) ? emergency.numbers.filter((n) => isObject(n) && telHref(n.phone)) : [];
    if (numbers.length) {
      panel.append(el('p', 'sp-alarm-lead', t('staff.page.alarm.numbers')));
      const list = el('ul', 'sp-alarm-numbers');
      numbers.forEach((n) => {
        const a = el('a', 'sp-call');
        a.href = telHref(n.phone);
        a.append(el('span', 'sp-call-label', str(n.label)), el('span', 'sp-call-number', str(n.phone)));
        if (str(n.hours)) a.append(el('span', 'sp-call-hours', str(n.hours)));
        const item = el('li');
        item.append(a);
        list.append(item);
      });
      panel.append(list);
    }
    if (protection && str(protection.text)) {
      const route = el('div', 'sp-protection');
      route.append(el('h4', null, t('staff.page.alarm.protection')));
      const p = el('p');
      p.append(textNodes(str(protection.text)));
      route.append(p);
      panel.append(route);
    }
    box.textContent = '';
    box.append(panel);
    panel.scrollIntoView({ block: 'nearest' });
  }

  // --- offers
  function fact(list, term, value) {
    if (!value) return;
    const row = el('div', 'sp-fact');
    const dd = el('dd');
    if (value instanceof Node) dd.append(value);
    else dd.append(textNodes(value, false));
    row.append(el('dt', null, term), dd);
    list.append(row);
  }

  function lines(value) {
    return str(value).split(/\s*;\s*/).join('\n');
  }

  function contactFacts(d, languages) {
    const facts = el('dl', 'sp-facts');
    const phone = str(d.phone);
    const tel = telHref(phone);
    fact(facts, t('card.phone'), tel ? link(tel, phone, 'sp-link sp-tel') : phone);
    fact(facts, t('card.address'), str(d.address));
    fact(facts, t('card.hours'), lines(d.opening_hours));
    if (languages) fact(facts, t('card.languages'), languages);
    const mail = mailHref(d.email);
    if (mail) fact(facts, t('card.email'), link(mail, str(d.email)));
    const web = safeHref(d.url);
    if (web && /^https?:/.test(web)) fact(facts, t('card.web'), link(web, new URL(web).hostname));
    return facts;
  }

  function cardTitle(tag, name, demo) {
    const h = el(tag, 'sp-card-title');
    if (demo === true) h.append(el('span', 'sp-badge', t('card.example')), ' ');
    h.append(name);
    return h;
  }

  function offerCard(o) {
    const card = el('article', 'sp-card', null, { 'data-offer': str(o.id), 'data-category': str(o.category) });
    card.append(cardTitle('h5', str(o.name), o.demo));
    if (str(o.category_label)) card.append(el('p', 'sp-card-cat', str(o.category_label)));
    if (str(o.why)) card.append(el('p', 'sp-card-why', str(o.why)));
    if (o.demo === true) card.append(el('p', 'sp-card-demo', t('card.example_note')));
    const tags = el('ul', 'sp-tags');
    if (o.free_of_charge === true) tags.append(el('li', 'sp-tag', t('card.free')));
    if (o.home_visit === true) tags.append(el('li', 'sp-tag', t('card.home_visit')));
    if (tags.firstChild) card.append(tags);
    const langs = Array.isArray(o.languages) ? o.languages.map(str).filter(Boolean).join(', ') : '';
    card.append(contactFacts(o, langs));
    const pick = el('label', 'sp-pick');
    const box = el('input', 'sp-pick-box', null, { type: 'checkbox', 'data-offer': str(o.id) });
    box.checked = state.chosen.has(str(o.id));
    box.addEventListener('change', () => choose(str(o.id), box.checked));
    pick.append(box, el('span', null, t('staff.page.offers.choose')), el('span', 'sp-sr', ' – ' + str(o.name)));
    card.append(pick);
    return card;
  }

  function offersSection(c) {
    if ('need' in c) state.need = str(c.need) || null;
    if (isObject(c.jugendamt)) state.jugendamt = c.jugendamt;
    if (isObject(c.municipality)) state.municipality = c.municipality;
    const id = nextId('sp-offers');
    const section = el('section', 'sp-offers', null, { 'aria-labelledby': id });
    const town = state.municipality ? str(state.municipality.name) : '';
    const heading = town ? t('staff.page.offers.heading', { town: town }) : t('staff.page.offers.heading_plain');
    section.append(el('h4', 'sp-offers-h', heading, { id: id, tabindex: '-1' }));
    const offers = Array.isArray(c.offers) ? c.offers.filter((o) => isObject(o) && str(o.id) && str(o.name)) : [];
    if (offers.length) {
      const list = el('ul', 'sp-offer-list');
      offers.forEach((o) => {
        state.offers.set(str(o.id), o);
        const item = el('li');
        item.append(offerCard(o));
        list.append(item);
      });
      section.append(list);
    } else {
      section.append(el('p', null, t('staff.page.offers.none')));
    }
    const ja = state.jugendamt;
    if (ja && str(ja.name)) {
      const card = el('div', 'sp-jugendamt');
      card.append(el('p', 'sp-jugendamt-name', t('staff.page.offers.jugendamt', { name: str(ja.name) })));
      card.append(contactFacts(ja));
      section.append(card);
    }
    updateReferralChoices();
    updateSheet();
    return section;
  }

  function contactCard(contact) {
    const card = el('article', 'sp-card sp-card--contact');
    card.append(cardTitle('h5', str(contact.name), contact.demo));
    card.append(contactFacts(contact));
    return card;
  }

  function choose(id, on) {
    if (on) state.chosen.add(id);
    else state.chosen.delete(id);
    document.querySelectorAll('.sp-pick-box').forEach((box) => {
      if (box.getAttribute('data-offer') === id) box.checked = on;
    });
    updateReferralChoices();
    updateSheet();
  }

  function chosenOffers() {
    return Array.from(state.offers.values()).filter((o) => state.chosen.has(str(o.id)));
  }

  // --- consent
  function renderConsent(focus) {
    const asked = state.consent !== null;
    $('sp-consent-ask').hidden = asked;
    $('sp-consent-done').hidden = !asked;
    const stateText = $('sp-consent-state');
    stateText.textContent = asked ? t(state.consent ? 'staff.page.consent.given' : 'staff.page.consent.refused') : '';
    stateText.classList.toggle('sp-consent-state--yes', state.consent === true);
    $('sp-referral').hidden = state.consent !== true;
    if (state.consent === true) updateReferralChoices();
    if (!focus) return;
    if (state.consent === true) $('sp-referral-h').focus();
    else if (asked) $('sp-consent-change').focus();
    else $('sp-consent-yes').focus();
  }

  function setConsent(value) {
    state.consent = value;
    $('sp-referral-done').textContent = '';
    renderConsent(true);
  }

  // --- referral form (only with consent)
  function option(value, text, selected) {
    const o = el('option', null, text, { value: value });
    o.selected = !!selected;
    return o;
  }

  function categories() {
    return Object.keys(state.texts)
      .map((key) => /^category\.([a-z_]+)\.label$/.exec(key))
      .filter(Boolean)
      .map((m) => m[1]);
  }

  function updateReferralChoices() {
    const intake = state.intake;
    if (!intake) return;
    const language = $('sp-ref-language');
    const need = $('sp-need');
    const offer = $('sp-offer');
    const chosen = chosenOffers();
    const pickedLanguage = state.touched.language ? language.value : intake.language;
    language.textContent = '';
    LANGUAGES.forEach((code) => {
      const label = languageName(code) + (has('language.' + code) && code !== 'de' ? ' (' + t('language.' + code) + ')' : '');
      language.append(option(code, label, code === pickedLanguage));
    });
    const slugs = categories();
    const fallbackNeed = chosen.length ? str(chosen[0].category) : '';
    const pickedNeed = state.touched.need ? need.value : state.need || fallbackNeed;
    need.textContent = '';
    need.append(option('', t('staff.page.referral.choose'), !pickedNeed));
    slugs.forEach((slug) => need.append(option(slug, t('category.' + slug + '.label'), slug === pickedNeed)));
    const offers = chosen.length ? chosen : Array.from(state.offers.values());
    const pickedOffer = state.touched.offer ? offer.value : chosen.length ? str(chosen[0].id) : '';
    offer.textContent = '';
    offer.append(option('', t('staff.page.referral.no_offer'), !pickedOffer));
    offers.forEach((o) => offer.append(option(str(o.id), str(o.name), str(o.id) === pickedOffer)));
  }

  function requireField(input, errorId) {
    const empty = !input.value.trim();
    fieldInvalid(input, empty);
    $(errorId).textContent = empty ? t('staff.page.referral.required') : '';
    return empty ? input : null;
  }

  function sendReferral(event) {
    event.preventDefault();
    if (state.consent !== true || !state.intake || state.sending) return;
    const form = $('sp-referral-form');
    const error = $('sp-referral-error');
    const done = $('sp-referral-done');
    done.textContent = '';
    const invalid = [requireField($('sp-alias'), 'sp-alias-error'), requireField($('sp-contact'), 'sp-contact-error')]
      .filter(Boolean);
    if (!$('sp-need').value) invalid.push($('sp-need'));
    fieldInvalid($('sp-need'), !$('sp-need').value);
    if (invalid.length) {
      announce(error, t('staff.page.referral.incomplete'));
      invalid[0].focus();
      return;
    }
    error.textContent = '';
    const kind = form.querySelector('input[name="kind"]:checked');
    const body = {
      consent: true,
      kind: kind ? kind.value : 'rueckruf',
      alias: $('sp-alias').value.trim(),
      contact: $('sp-contact').value.trim(),
      reach_when: $('sp-when').value.trim(),
      language: $('sp-ref-language').value,
      need: $('sp-need').value,
      offer_id: $('sp-offer').value || null,
      note: $('sp-note').value.trim(),
    };
    const intake = state.intake;
    state.sending = true;
    $('sp-referral-submit').setAttribute('aria-disabled', 'true');
    call('POST', 'referrals', body).then((res) => {
      state.sending = false;
      $('sp-referral-submit').removeAttribute('aria-disabled');
      if (res.ended || state.intake !== intake) return;
      if (res.ok) {
        ['sp-alias', 'sp-contact', 'sp-when', 'sp-note'].forEach((id) => ($(id).value = ''));
        announce(done, t('staff.page.referral.sent', { alias: body.alias }));
        return;
      }
      announce(error, problem(res));
    });
  }

  // --- Laufzettel
  function loadFamilyTexts(language) {
    state.family = null;
    if (language === 'de') return;
    const intake = state.intake;
    api('GET', 'texts?lang=' + encodeURIComponent(language)).then((res) => {
      if (state.intake !== intake) return;
      const d = res.ok && isObject(res.data) ? res.data : null;
      const texts = d && isObject(d.texts) ? d.texts : null;
      // The API answers in German for a language without a catalogue; a German text is no translation.
      const translated = texts && SHEET_KEYS.every((key) => typeof texts[key] === 'string' && texts[key] !== state.texts[key]);
      if (d && d.language === language && translated) {
        state.family = { language: language, direction: d.direction === 'rtl' ? 'rtl' : 'ltr', texts: texts };
      }
      updateSheet();
    });
  }

  // The family's version of a text, or null when there is none (German fallbacks do not count).
  function familyText(key, values) {
    const fam = state.family;
    if (!fam || typeof fam.texts[key] !== 'string' || fam.texts[key] === state.texts[key]) return null;
    return t(key, values, fam.texts);
  }

  function inFamilyLanguage(node) {
    node.setAttribute('lang', state.family.language);
    node.setAttribute('dir', state.family.direction);
    node.classList.add('sp-sheet-alt');
    return node;
  }

  // German text, then the family's (own lang and dir), each in its own element.
  function both(tag, cls, key, values) {
    const frag = document.createDocumentFragment();
    frag.append(el(tag, cls, t(key, values)));
    const other = familyText(key, values);
    if (other) frag.append(inFamilyLanguage(el(tag, cls, other)));
    return frag;
  }

  // "Telefon / Phone"
  function bothLabel(key) {
    const frag = document.createDocumentFragment();
    frag.append(t(key));
    const other = familyText(key);
    if (other) {
      frag.append(' / ');
      frag.append(inFamilyLanguage(el('span', null, other)));
    }
    return frag;
  }

  function sheetFact(list, key, value) {
    if (!value) return;
    const row = el('div', 'sp-sheet-fact');
    const dt = el('dt');
    dt.append(bothLabel(key));
    const dd = el('dd');
    dd.append(textNodes(value, false));
    row.append(dt, dd);
    list.append(row);
  }

  // What to bring and the next step for one kind of offer: German, or (family) in the family's language.
  function sheetSteps(category, family) {
    const get = (key) => (family ? familyText(key) : has(key) ? t(key) : null);
    const block = el('div', 'sp-sheet-steps-part');
    [
      ['laufzettel.bring_label', 'laufzettel.bring.' + category],
      ['laufzettel.next_label', 'laufzettel.next.' + category],
    ].forEach((pair) => {
      const value = get(pair[1]);
      if (value) block.append(el('p', 'sp-sheet-step', get(pair[0]) || t(pair[0])), el('p', null, value));
    });
    if (!block.firstChild) return null;
    return family ? inFamilyLanguage(block) : block;
  }

  function buildSheet() {
    const sheet = $('sp-sheet');
    sheet.textContent = '';
    if (!state.intake) return;
    const offers = chosenOffers();
    sheet.classList.toggle('sp-sheet--two', !!state.family);
    sheet.classList.toggle('sp-sheet--many', offers.length > 3);
    const today = new Date();
    const head = el('header', 'sp-sheet-head');
    const title = el('h1', 'sp-sheet-title');
    title.append(el('span', null, t('laufzettel.title')));
    const otherTitle = familyText('laufzettel.title');
    if (otherTitle) title.append(inFamilyLanguage(el('span', 'sp-sheet-title-alt', otherTitle)));
    head.append(title);
    const dates = el('p', 'sp-sheet-date');
    dates.append(t('laufzettel.date', { date: germanDate(today.toISOString()) }));
    if (familyText('laufzettel.date')) {
      let local = germanDate(today.toISOString());
      try {
        local = today.toLocaleDateString(state.family.language, { day: 'numeric', month: 'long', year: 'numeric' });
      } catch (e) {
        // An unknown locale keeps the German date.
      }
      dates.append(' · ', inFamilyLanguage(el('span', null, familyText('laufzettel.date', { date: local }))));
    }
    head.append(dates);
    head.append(both('p', 'sp-sheet-intro', offers.length ? 'laufzettel.intro' : 'laufzettel.no_offers'));
    sheet.append(head);

    if (offers.length) {
      const list = el('ol', 'sp-sheet-offers');
      offers.forEach((o) => {
        const item = el('li', 'sp-sheet-offer');
        const name = el('h2', 'sp-sheet-name');
        if (o.demo === true) {
          const badge = el('span', 'sp-sheet-badge');
          badge.append(bothLabel('laufzettel.example'));
          name.append(badge, ' ');
        }
        name.append(str(o.name));
        item.append(name);
        if (str(o.category_label)) item.append(el('p', 'sp-sheet-cat', str(o.category_label)));
        const facts = el('dl', 'sp-sheet-facts');
        sheetFact(facts, 'laufzettel.phone', str(o.phone));
        sheetFact(facts, 'laufzettel.address', str(o.address));
        sheetFact(facts, 'laufzettel.hours', lines(o.opening_hours));
        item.append(facts);
        const category = str(o.category);
        const steps = el('div', 'sp-sheet-steps');
        const german = sheetSteps(category, false);
        const other = state.family ? sheetSteps(category, true) : null;
        if (german) steps.append(german);
        if (other) steps.append(other);
        if (steps.firstChild) item.append(steps);
        list.append(item);
      });
      sheet.append(list);
    }

    const ja = state.jugendamt;
    if (ja && str(ja.name)) {
      const box = el('section', 'sp-sheet-jugendamt');
      const h = el('h2', 'sp-sheet-name');
      h.append(bothLabel('laufzettel.jugendamt'));
      box.append(h, el('p', 'sp-sheet-ja-name', str(ja.name)));
      const facts = el('dl', 'sp-sheet-facts');
      sheetFact(facts, 'laufzettel.phone', str(ja.phone));
      sheetFact(facts, 'laufzettel.address', str(ja.address));
      sheetFact(facts, 'laufzettel.email', str(ja.email));
      if (facts.firstChild) box.append(facts);
      sheet.append(box);
    }

    const emergency = el('footer', 'sp-sheet-emergency');
    emergency.append(both('p', null, 'laufzettel.emergency'));
    sheet.append(emergency);
  }

  // The side panel: what goes on the Laufzettel, and in which languages.
  function updateSheet() {
    const offers = chosenOffers();
    const list = $('sp-chosen');
    list.textContent = '';
    offers.forEach((o) => list.append(el('li', null, str(o.name))));
    $('sp-sheet-count').textContent = offers.length
      ? t('staff.page.sheet.count', { count: offers.length })
      : t('staff.page.sheet.none');
    const languages = $('sp-sheet-languages');
    languages.textContent = '';
    if (state.family) {
      languages.append(t('staff.page.sheet.two_languages') + ' ');
      languages.append(el('span', null, languageName(state.family.language), { lang: state.family.language, dir: 'auto' }));
    } else {
      languages.textContent = t('staff.page.sheet.german_only');
    }
    buildSheet();
  }

  function printSheet() {
    buildSheet();
    window.print();
  }

  // --- the Jugendamt's referrals
  function statusLabel(status) {
    return t('staff.page.status.' + status);
  }

  function kindLabel(kind) {
    return t('staff.page.referral.kind_' + kind);
  }

  function eventLabel(action) {
    const key = 'staff.page.event.' + action.replace(/[^a-z0-9_]/gi, '_');
    return has(key) ? t(key) : action;
  }

  function loadReferrals() {
    const status = $('sp-referrals-status');
    const error = $('sp-referrals-error');
    const filter = $('sp-filter').value;
    error.textContent = '';
    status.textContent = t('staff.page.referrals.loading');
    call('GET', 'referrals' + (filter ? '?status=' + encodeURIComponent(filter) : '')).then((res) => {
      if (res.ended || state.view !== 'referrals') return;
      if (!res.ok || !res.data || !Array.isArray(res.data.referrals)) {
        status.textContent = '';
        announce(error, problem(res));
        return;
      }
      const referrals = res.data.referrals.filter(isObject);
      renderReferrals(referrals);
      announce(status, referrals.length ? t('staff.page.referrals.count', { count: referrals.length }) : t('staff.page.referrals.empty'));
    });
  }

  function renderReferrals(referrals) {
    const list = $('sp-referral-list');
    list.textContent = '';
    referrals.forEach((r) => list.append(referralItem(r)));
  }

  function referralItem(r) {
    const item = el('li', 'sp-ref', null, { 'data-referral': str(r.id) });
    const headingId = nextId('sp-ref-h');
    const h = el('h3', 'sp-ref-title', t('staff.page.referrals.item', { kind: kindLabel(str(r.kind)), alias: str(r.alias) }), { id: headingId });
    const badge = el('span', 'sp-status-badge sp-status-badge--' + str(r.status), statusLabel(str(r.status)));
    item.append(h, badge);
    const facts = el('dl', 'sp-facts sp-facts--grid');
    fact(facts, t('staff.page.referrals.created'), t('staff.page.referrals.created_value', { at: germanDateTime(r.created_at), by: str(r.created_by) }));
    fact(facts, t('staff.page.referral.contact'), str(r.contact));
    fact(facts, t('staff.page.referral.when'), str(r.reach_when));
    const code = str(r.language);
    fact(facts, t('staff.page.referral.language'), has('staff.page.language.' + code) ? languageName(code) : code);
    fact(facts, t('staff.page.referral.need'), str(r.need_label) || str(r.need));
    fact(facts, t('staff.page.referral.offer'), str(r.offer_name));
    fact(facts, t('staff.page.referral.note'), str(r.note));
    fact(facts, t('staff.page.referrals.expires'), germanDate(r.expires_at));
    item.append(facts);

    const change = el('div', 'sp-row sp-ref-change');
    const selectId = nextId('sp-ref-status');
    const label = el('label', null, t('staff.page.referrals.change'), { for: selectId });
    const select = el('select', null, null, { id: selectId, 'aria-describedby': headingId });
    STATUSES.forEach((s) => select.append(option(s, statusLabel(s), s === str(r.status))));
    const save = button('sp-button sp-button--secondary', t('staff.page.referrals.save'), () => changeStatus(r, select, item), {
      'aria-describedby': headingId,
    });
    const result = el('p', 'sp-ref-result', null, { role: 'status' });
    change.append(label, select, save, result);
    item.append(change);

    const history = el('details', 'sp-history');
    const summary = el('summary', null, t('staff.page.referrals.history'));
    const events = el('ol', 'sp-events');
    history.append(summary, events);
    history.addEventListener('toggle', () => {
      if (history.open) loadEvents(str(r.id), events);
    });
    item.append(history);
    return item;
  }

  function changeStatus(r, select, item) {
    const result = item.querySelector('.sp-ref-result');
    call('PATCH', 'referrals/' + encodeURIComponent(str(r.id)), { status: select.value }).then((res) => {
      if (res.ended) return;
      if (!res.ok) {
        announce(result, problem(res));
        return;
      }
      const updated = isObject(res.data) ? res.data : { status: select.value };
      r.status = str(updated.status) || select.value;
      const badge = item.querySelector('.sp-status-badge');
      badge.className = 'sp-status-badge sp-status-badge--' + r.status;
      badge.textContent = statusLabel(r.status);
      announce(result, t('staff.page.referrals.saved', { status: statusLabel(r.status) }));
      const history = item.querySelector('.sp-history');
      if (history.open) loadEvents(str(r.id), history.querySelector('.sp-events'));
    });
  }

  function loadEvents(id, list) {
    list.textContent = '';
    list.append(el('li', null, t('staff.page.referrals.loading')));
    call('GET', 'referrals/' + encodeURIComponent(id)).then((res) => {
      if (res.ended) return;
      list.textContent = '';
      const events = res.ok && res.data && Array.isArray(res.data.events) ? res.data.events.filter(isObject) : null;
      if (!events) {
        list.append(el('li', 'sp-field-error', problem(res)));
        return;
      }
      events.forEach((e) => {
        list.append(el('li', null, t('staff.page.referrals.event', {
          action: eventLabel(str(e.action)),
          by: str(e.by),
          at: germanDateTime(e.at),
        })));
      });
    });
  }

  // --- the Jugendamt's accounts (role admin; the API answers 403 to anyone else)
  function resetAccounts() {
    $('sp-account-rows').textContent = '';
    $('sp-account-form').reset();
    ['sp-account-email', 'sp-account-password'].forEach((id) => fieldInvalid($(id), false));
    ['sp-account-email-error', 'sp-account-password-error', 'sp-account-error', 'sp-account-done', 'sp-accounts-error',
      'sp-accounts-status'].forEach((id) => ($(id).textContent = ''));
  }

  // Loads and shows the list; `message` is announced instead of the count. Resolves to the rows shown (or null).
  function loadAccounts(message) {
    const status = $('sp-accounts-status');
    const error = $('sp-accounts-error');
    error.textContent = '';
    status.textContent = t('staff.page.accounts.loading');
    return call('GET', 'accounts').then((res) => {
      if (res.ended || state.view !== 'accounts') return null;
      if (!res.ok || !res.data || !Array.isArray(res.data.accounts)) {
        status.textContent = '';
        announce(error, problem(res));
        return null;
      }
      const list = res.data.accounts.filter((a) => isObject(a) && str(a.id));
      renderAccounts(list);
      announce(status, message || t('staff.page.accounts.count', { count: list.length }));
      return list;
    });
  }

  function renderAccounts(list) {
    const rows = $('sp-account-rows');
    rows.textContent = '';
    list.forEach((a) => rows.append(accountRow(a)));
  }

  function roleLabel(role) {
    return ROLES.indexOf(role) >= 0 ? t('staff.page.accounts.role_' + role) : role;
  }

  function accountRow(a) {
    const email = str(a.email);
    const own = !!state.account && email === str(state.account.email);
    const disabled = !!str(a.disabled_at);
    const row = el('tr', disabled ? 'sp-account-row sp-account-row--disabled' : 'sp-account-row', null, {
      'data-account': str(a.id),
      'data-email': email,
    });
    const headId = nextId('sp-account-h');
    // The row's name for its button, and the place the focus returns to after a change.
    row.append(el('th', 'sp-account-email', email, { scope: 'row', id: headId, tabindex: '-1' }));
    row.append(el('td', null, roleLabel(str(a.role))));
    const stateCell = el('td', 'sp-account-state');
    stateCell.append(
      el('span', 'sp-status-badge sp-status-badge--' + (disabled ? 'disabled' : 'active'),
        t(disabled ? 'staff.page.accounts.disabled' : 'staff.page.accounts.active'))
    );
    if (a.locked === true) {
      stateCell.append(' ', el('span', 'sp-status-badge sp-status-badge--locked', t('staff.page.accounts.locked')));
    }
    row.append(stateCell);
    row.append(el('td', null, str(a.last_login_at) ? germanDateTime(a.last_login_at) : t('staff.page.accounts.never')));
    const action = el('td', 'sp-account-action');
    if (own) action.append(el('span', 'sp-hint', t('staff.page.accounts.you')));
    else if (!disabled) action.append(disableButton(a, action, headId));
    row.append(action);
    return row;
  }

  function disableButton(a, cell, headId) {
    return button('sp-button sp-button--secondary sp-button--danger', t('staff.page.accounts.disable'),
      () => askDisable(a, cell, headId), { 'aria-describedby': headId, 'data-action': 'disable' });
  }

  // The confirmation in place of the button: the question gets the focus, Escape or "Abbrechen" goes back.
  function askDisable(a, cell, headId) {
    const questionId = nextId('sp-confirm');
    const box = el('div', 'sp-confirm', null, { role: 'group', 'aria-labelledby': questionId });
    const question = el('p', 'sp-confirm-q', t('staff.page.accounts.confirm', { email: str(a.email) }), {
      id: questionId,
      tabindex: '-1',
    });
    const back = () => {
      cell.textContent = '';
      const again = disableButton(a, cell, headId);
      cell.append(again);
      again.focus();
    };
    const row = el('div', 'sp-row');
    row.append(
      button('sp-button sp-button--danger', t('staff.page.accounts.confirm_yes'), () => disableAccount(a, cell, headId), {
        'data-action': 'confirm',
      }),
      button('sp-button sp-button--secondary', t('staff.page.accounts.confirm_no'), back, { 'data-action': 'cancel' })
    );
    box.append(question, row);
    box.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || state.accountSending) return;
      event.preventDefault();
      back();
    });
    cell.textContent = '';
    cell.append(box);
    question.focus();
  }

  function disableAccount(a, cell, headId) {
    if (state.accountSending) return;
    const error = $('sp-accounts-error');
    error.textContent = '';
    state.accountSending = true;
    cell.querySelectorAll('button').forEach((b) => b.setAttribute('aria-disabled', 'true'));
    call('POST', 'accounts/' + encodeURIComponent(str(a.id)) + '/disable').then((res) => {
      state.accountSending = false;
      cell.querySelectorAll('button').forEach((b) => b.removeAttribute('aria-disabled'));
      if (res.ended) return;
      if (!res.ok) {
        announce(error, problem(res));
        return;
      }
      const email = str(a.email);
      loadAccounts(t('staff.page.accounts.disabled_done', { email: email })).then((list) => {
        if (!list) return;
        // The focus stays on the row of the account just disabled.
        const head = Array.from(document.querySelectorAll('#sp-account-rows tr')).find(
          (tr) => tr.getAttribute('data-email') === email
        );
        (head ? head.querySelector('th') : $('sp-accounts-list-h')).focus();
      });
    });
  }

  function accountFieldError(input, errorId, key) {
    fieldInvalid(input, !!key);
    $(errorId).textContent = key ? t(key) : '';
    return key ? input : null;
  }

  function createAccount(event) {
    event.preventDefault();
    if (!isAdmin() || state.accountSending) return;
    const email = $('sp-account-email');
    const password = $('sp-account-password');
    const error = $('sp-account-error');
    const done = $('sp-account-done');
    done.textContent = '';
    const address = email.value.trim();
    const emailKey = !address
      ? 'staff.page.accounts.required'
      : !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)
        ? 'staff.page.accounts.email_invalid'
        : null;
    const passwordKey = !password.value
      ? 'staff.page.accounts.required'
      : password.value.length < MIN_PASSWORD_LENGTH
        ? 'staff.page.accounts.password_short'
        : null;
    const invalid = [
      accountFieldError(email, 'sp-account-email-error', emailKey),
      accountFieldError(password, 'sp-account-password-error', passwordKey),
    ].filter(Boolean);
    if (invalid.length) {
      announce(error, t('staff.page.accounts.incomplete'));
      invalid[0].focus();
      return;
    }
    error.textContent = '';
    const checked = document.querySelector('#sp-account-form input[name="role"]:checked');
    const body = { email: address, password: password.value, role: checked ? checked.value : 'staff' };
    state.accountSending = true;
    $('sp-account-submit').setAttribute('aria-disabled', 'true');
    call('POST', 'accounts', body).then((res) => {
      state.accountSending = false;
      $('sp-account-submit').removeAttribute('aria-disabled');
      if (res.ended) return;
      if (!res.ok) {
        // The API's own words (an address that has an account already, a password too short, …).
        announce(error, problem(res));
        if (res.status === 409) {
          fieldInvalid(email, true);
          email.focus();
        }
        return;
      }
      const created = isObject(res.data) && str(res.data.email) ? str(res.data.email) : address;
      $('sp-account-form').reset();
      announce(done, t('staff.page.accounts.created', { email: created }));
      loadAccounts();
    });
  }

  // --- start
  function wire() {
    $('sp-login-form').addEventListener('submit', login);
    $('sp-logout').addEventListener('click', logout);
    $('sp-start-form').addEventListener('submit', begin);
    $('sp-say').addEventListener('submit', sayTyped);
    $('sp-new').addEventListener('click', newConversation);
    $('sp-consent-yes').addEventListener('click', () => setConsent(true));
    $('sp-consent-no').addEventListener('click', () => setConsent(false));
    $('sp-consent-change').addEventListener('click', () => setConsent(null));
    $('sp-referral-form').addEventListener('submit', sendReferral);
    [['sp-ref-language', 'language'], ['sp-need', 'need'], ['sp-offer', 'offer']].forEach((pair) => {
      $(pair[0]).addEventListener('change', () => (state.touched[pair[1]] = true));
    });
    $('sp-print').addEventListener('click', printSheet);
    window.addEventListener('beforeprint', buildSheet);
    $('sp-filter').addEventListener('change', loadReferrals);
    $('sp-reload').addEventListener('click', loadReferrals);
    $('sp-csv').href = API + 'statistics.csv';
    $('sp-account-form').addEventListener('submit', createAccount);
    ['sp-account-email', 'sp-account-password'].forEach((id) => {
      $(id).addEventListener('input', () => fieldInvalid($(id), false));
    });
    window.addEventListener('hashchange', () => go(viewFromHash(), true));
  }

  function loadTexts(attempt) {
    return api('GET', 'texts?lang=de').then((res) => {
      if (res.ok && res.data && isObject(res.data.texts)) {
        state.texts = res.data.texts;
        return true;
      }
      // Without texts the page has nothing to say: try again, a little later each time.
      return new Promise((resolve) => setTimeout(resolve, Math.min(30000, 1000 * Math.pow(2, attempt)))).then(() =>
        loadTexts(attempt + 1)
      );
    });
  }

  function start() {
    wire();
    loadTexts(0)
      .then(() => {
        applyTexts(document);
        buildLanguageChoices();
        document.title = t('staff.page.title');
        return api('GET', 'session');
      })
      .then((res) => {
        document.body.classList.remove('sp-loading');
        if (res.ok && res.data && res.data.csrf_token) enter(res.data, false);
        else showLogin('');
      });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
