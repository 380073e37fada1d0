// The operator console (docs/CONSOLE.md): state, tabs, sign-in, the live feed and the actions.
// Every change on the line arrives through /api/events; the views are rebuilt from the state.

import { call, setCsrf, liveFeed } from './api.js';
import { h, linksView, lineView, historyView, detailView, reportsView, schedulerView, auditView, ago } from './views.js';

const ROLES = ['viewer', 'operator', 'admin'];
const TABS = ['line', 'history', 'reports', 'scheduler', 'audit'];
const HISTORY_PAGE = 20;

const app = {
  lang: localStorage.getItem('plcbridge.lang') || 'en',
  catalogue: {},
  user: null,
  tab: TABS.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'line',
  live: null,
  connected: false,
  history: { filters: {}, page: 0, rows: [] },
  message: '',
};

function t(key, vars = {}) {
  const text = app.catalogue[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

function can(role) {
  return !!app.user && ROLES.indexOf(app.user.role) >= ROLES.indexOf(role);
}

async function loadLanguage(lang) {
  const response = await fetch(`/console/i18n/${lang}.json`);
  app.catalogue = await response.json();
  app.lang = lang;
  localStorage.setItem('plcbridge.lang', lang);
  document.documentElement.lang = lang;
}

function banner() {
  const node = document.getElementById('banner');
  let text = app.message;
  if (!app.connected) text = t('app.reconnecting');
  else if (app.live?.state_error) text = t('app.state_error', { message: app.live.state_error });
  node.hidden = !text;
  node.textContent = text;
  node.dataset.testid = 'banner';
}

function renderChrome() {
  document.getElementById('lang-label').textContent = t('app.language');
  document.getElementById('lang').value = app.lang;
  document.getElementById('sign-in').textContent = t('app.sign_in');
  document.getElementById('sign-out').textContent = t('app.sign_out');
  document.getElementById('sign-in').hidden = !!app.user;
  document.getElementById('sign-out').hidden = !app.user;
  document.getElementById('who').textContent = app.user ? t('app.signed_in_as', { name: app.user.username, role: app.user.role }) : '';
  document.getElementById('links').replaceChildren(...linksView(t, app.live?.health));
  const tabs = document.getElementById('tabs');
  tabs.replaceChildren(...TABS.map((name) => h('a', {
    href: `#${name}`, class: name === app.tab ? 'tab active' : 'tab', 'aria-current': name === app.tab ? 'page' : null,
    'data-testid': `tab-${name}`,
  }, t(`tab.${name}`))));
  banner();
}

async function render() {
  renderChrome();
  const main = document.getElementById('main');
  if (app.tab === 'line') {
    main.replaceChildren(...lineView(t, app.live?.state, can, act));
  } else if (app.tab === 'history') {
    main.replaceChildren(historyView(t, app.history.filters, app.history.page, app.history.rows,
      (filters) => { app.history.filters = filters; app.history.page = 0; loadHistory(); },
      (page) => { app.history.page = page; loadHistory(); },
      showDetail));
  } else if (app.tab === 'reports') {
    const [report, failures] = await Promise.all([call('GET', '/api/reports/cancellations?days=14'),
                                                  call('GET', '/api/equipment-failures?limit=50')]);
    if (app.tab !== 'reports') return;
    main.replaceChildren(...reportsView(t, report.ok ? report.data : null, failures.ok ? failures.data.failures : []));
  } else if (app.tab === 'scheduler') {
    const status = app.user ? await call('GET', '/api/admin/scheduler/status') : null;
    if (app.tab !== 'scheduler') return;
    main.replaceChildren(schedulerView(t, status?.ok ? status.data : null, can, toggleTask, !!app.user));
  } else if (app.tab === 'audit') {
    const entries = can('operator') ? await call('GET', '/api/audit?limit=100') : null;
    if (app.tab !== 'audit') return;
    main.replaceChildren(auditView(t, entries?.ok ? entries.data.entries : [], can('operator')));
  }
}

async function loadHistory() {
  const query = new URLSearchParams(Object.entries(app.history.filters).filter(([, v]) => v));
  query.set('limit', String(HISTORY_PAGE));
  query.set('offset', String(app.history.page * HISTORY_PAGE));
  const answer = await call('GET', `/api/histories?${query}`);
  if (!answer.ok) { say(t('error.generic', { message: answer.message })); return; }
  app.history.rows = answer.data.histories;
  render();
}

function say(text) {
  app.message = text;
  banner();
}

function openDialog(children, label) {
  const dialog = document.getElementById('dialog');
  dialog.replaceChildren(...children);
  dialog.setAttribute('aria-label', label);
  if (!dialog.open) dialog.showModal();
  return dialog;
}

function closeDialog() {
  const dialog = document.getElementById('dialog');
  if (dialog.open) dialog.close();
}

function showDetail(row) {
  openDialog(detailView(t, row, closeDialog), t('detail.title', { mo: row.mo_id }));
}

function signInDialog() {
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'login-error' });
  const form = h('form', { class: 'stack', onsubmit: async (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const answer = await call('POST', '/api/session', { username: data.username, password: data.password });
    if (!answer.ok) { error.textContent = t('login.failed', { message: answer.message }); return; }
    app.user = answer.data;
    setCsrf(answer.data.csrf);
    closeDialog();
    say('');
    render();
  } },
  h('h2', {}, t('login.title')),
  h('label', { class: 'field' }, h('span', {}, t('login.username')),
    h('input', { name: 'username', autocomplete: 'username', required: true })),
  h('label', { class: 'field' }, h('span', {}, t('login.password')),
    h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
  error,
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary' }, t('login.submit')),
    h('button', { type: 'button', class: 'secondary', onclick: closeDialog }, t('login.cancel'))));
  openDialog([form], t('login.title'));
}

function cancelDialog(item) {
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'stack', onsubmit: async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const answer = await call('POST', `/api/admin/manual/cancel-batch/${item.slot}`,
      { notes: String(data.get('notes') ?? ''), cancel_in_odoo: data.get('cancel_in_odoo') === 'on' });
    if (!answer.ok) { error.textContent = t('error.generic', { message: answer.message }); return; }
    closeDialog();
    say(answer.data.status === 'cancelling' ? t('cancel.queued', { mo: answer.data.mo_id })
                                            : t('cancel.done', { slot: item.slot }));
  } },
  h('h2', {}, t('cancel.title', { slot: item.slot })),
  h('p', {}, t('cancel.what', { mo: item.mo_id, product: item.product ?? '' })),
  h('label', { class: 'field' }, h('span', {}, t('cancel.note')), h('textarea', { name: 'notes', rows: 3 })),
  h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'cancel_in_odoo' }), ' ', t('cancel.in_odoo')),
  error,
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'danger', 'data-testid': 'confirm-cancel' }, t('cancel.confirm')),
    h('button', { type: 'button', class: 'secondary', onclick: closeDialog }, t('cancel.keep'))));
  openDialog([form], t('cancel.title', { slot: item.slot }));
}

async function act(action, item) {
  if (!app.user) { say(t('error.sign_in_first')); signInDialog(); return; }
  if (action === 'manual_cancel') { cancelDialog(item); return; }
  let answer;
  if (action === 'retry') answer = await call('POST', `/api/admin/jobs/${item.job_id}/retry`);
  if (action === 'acknowledge') answer = await call('POST', `/api/admin/equipment-failures/${item.id}/acknowledge`, {});
  if (answer && !answer.ok) say(t('error.generic', { message: answer.message }));
}

async function toggleTask(task, enabled) {
  const body = task ? { task, enabled } : { enabled };
  const answer = await call('POST', '/api/admin/scheduler/toggle', body);
  if (!answer.ok) say(t('error.generic', { message: answer.message }));
  render();
}

async function restoreSession() {
  const answer = await call('GET', '/api/session');
  app.user = answer.ok && answer.data.signed_in ? answer.data : null;
  setCsrf(app.user ? app.user.csrf : '');
}

function refreshTimes() {
  // "time since" moves without new data.
  for (const node of document.querySelectorAll('.changed[data-time]')) {
    node.textContent = t('slot.changed', { ago: ago(t, node.dataset.time || null) });
  }
  for (const node of document.querySelectorAll('.link-time[data-time]')) {
    node.textContent = t('link.last_contact', { ago: ago(t, node.dataset.time || null) });
  }
}

async function start() {
  await loadLanguage(app.lang);
  await restoreSession();
  document.getElementById('lang').addEventListener('change', async (e) => { await loadLanguage(e.target.value); render(); });
  document.getElementById('sign-in').addEventListener('click', signInDialog);
  document.getElementById('sign-out').addEventListener('click', async () => {
    await call('DELETE', '/api/session');
    app.user = null;
    setCsrf('');
    render();
  });
  window.addEventListener('hashchange', () => {
    const tab = location.hash.slice(1);
    app.tab = TABS.includes(tab) ? tab : 'line';
    app.message = '';
    if (app.tab === 'history') loadHistory(); else render();
  });
  liveFeed(async (payload) => {
    const wasConnected = app.connected;
    app.live = payload;
    app.connected = true;
    // After a restart of the service the session is gone: ask again who we are.
    if (!wasConnected && app.user) await restoreSession();
    if (app.tab === 'line') render(); else renderChrome();
  }, (connected) => {
    app.connected = connected;
    banner();
  });
  setInterval(refreshTimes, 1000);
  if (app.tab === 'history') loadHistory(); else render();
  document.body.dataset.ready = 'true';
}

start();
