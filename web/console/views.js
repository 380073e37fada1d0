// The console's views, built as DOM nodes (never from HTML strings: product names and Odoo's
// messages are shown as text, whatever they contain). Every visible word comes from the catalogue
// through t(); app.js owns the state and passes it in.

import { barChart } from './charts.js';

/// h('div', {class: 'x', onclick: f}, child, 'text', ...)
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function ago(t, iso, now = Date.now()) {
  if (!iso) return t('time.never');
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 120) return t('time.seconds_ago', { n: seconds });
  if (seconds < 7200) return t('time.minutes_ago', { n: Math.round(seconds / 60) });
  return t('time.hours_ago', { n: Math.round(seconds / 3600) });
}

const kg = (n) => Number(n ?? 0).toFixed(2);

/// A stored UTC time in the browser's zone (the plant's), in the page's language.
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(document.documentElement.lang === 'id' ? 'id-ID' : 'en-GB');
}

export function linksView(t, health) {
  const item = (key, link) => {
    const status = link?.status ?? 'unknown';
    return h('li', { class: `link link-${status}`, 'data-testid': `link-${key}` },
      h('span', { class: 'link-name' }, t(`link.${key}`)), ' ',
      h('span', { class: 'link-status' }, t(`link.${status}`)), ' ',
      h('span', { class: 'link-time', 'data-time': link?.last_ok ?? link?.checked_at ?? '' },
        t('link.last_contact', { ago: ago(t, link?.last_ok ?? link?.checked_at) })));
  };
  return [item('plc', health?.plc), item('odoo', health?.odoo), item('database', health?.database)];
}

export function attentionView(t, items, can, act) {
  const list = h('ul', { class: 'attention-list' });
  for (const a of items) {
    const vars = { mo: a.mo_id ?? '', slot: a.slot ?? '', equipment: a.equipment ?? '' };
    const actions = h('div', { class: 'actions' });
    for (const action of a.actions ?? []) {
      actions.append(h('button', {
        type: 'button', class: action === 'manual_cancel' ? 'danger' : 'primary',
        disabled: !can('operator'), 'data-action': action,
        onclick: () => act(action, a),
      }, t(`action.${action}`)));
    }
    list.append(h('li', { class: `attention attention-${a.kind}`, 'data-testid': 'attention-item',
                          'data-kind': a.kind },
      h('p', { class: 'attention-what' }, t(`attention.${a.kind}`, vars)),
      a.message ? h('p', { class: 'attention-message', 'data-testid': 'attention-message' }, a.message) : null,
      actions));
  }
  return h('section', { class: 'panel attention-panel', 'aria-labelledby': 'attention-title' },
    h('h2', { id: 'attention-title' }, t('attention.title'), ' ',
      h('span', { class: items.length ? 'count' : 'count none', 'data-testid': 'attention-count' }, String(items.length))),
    items.length ? list : h('p', { class: 'quiet' }, t('attention.none')));
}

export function slotCard(t, card, can, act, now) {
  const state = card.state;
  const lines = h('div', { class: 'lines' });
  for (const l of card.lines ?? []) {
    const label = t('slot.progress', { equipment: l.equipment, actual: kg(l.actual), planned: kg(l.planned) });
    lines.append(h('div', { class: 'line' },
      // Short on the card (code, actual/planned); the whole sentence is the bar's accessible name.
      h('span', { class: 'line-label', title: label },
        h('span', { class: 'code' }, l.equipment), ` ${kg(l.actual)} / ${kg(l.planned)}`),
      h('progress', { max: Math.max(Number(l.planned), 0.01), value: Math.min(Number(l.actual), Number(l.planned)),
                      'aria-label': label })));
  }
  const active = !['empty', 'cancelled', 'completed'].includes(state);
  return h('article', { class: `slot slot-${state}`, 'data-testid': `slot-${card.slot}`, 'data-state': state,
                        'aria-labelledby': `slot-title-${card.slot}` },
    h('header', { class: 'slot-head' },
      h('h3', { id: `slot-title-${card.slot}` }, t('slot.title', { slot: card.slot })),
      h('span', { class: `state state-${state}`, 'data-testid': 'slot-state' }, t(`state.${state}`))),
    state === 'empty' ? h('p', { class: 'quiet' }, t('slot.empty')) : [
      h('p', { class: 'mo' }, card.mo_id),
      h('p', { class: 'product' }, card.product),
      card.quantity !== undefined ? h('p', { class: 'quantity' }, t('slot.quantity', { quantity: kg(card.quantity) })) : null,
      lines,
      h('p', { class: 'changed quiet', 'data-time': card.last_change_from_plc ?? '' },
        t('slot.changed', { ago: ago(t, card.last_change_from_plc, now) })),
      card.notes ? h('p', { class: 'notes', 'data-testid': 'slot-notes' }, card.notes) : null,
      active ? h('button', { type: 'button', class: 'danger', disabled: !can('operator'),
                             'data-action': 'manual_cancel',
                             onclick: () => act('manual_cancel', { slot: card.slot, mo_id: card.mo_id,
                                                                   product: card.product }) },
                 t('action.manual_cancel')) : null,
    ]);
}

export function lineView(t, state, can, act) {
  const now = Date.now();
  const grid = h('div', { class: 'slots', 'data-testid': 'slots' });
  for (const card of state?.slots ?? []) grid.append(slotCard(t, card, can, act, now));
  return [
    attentionView(t, state?.attention ?? [], can, act),
    h('section', { class: 'panel', 'aria-labelledby': 'line-title' },
      h('h2', { id: 'line-title' }, t('line.title')), grid),
  ];
}

function field(label, control) {
  return h('label', { class: 'field' }, h('span', {}, label), control);
}

export function historyView(t, filters, page, rows, onFilter, onPage, onDetail) {
  const status = h('select', { name: 'status' },
    h('option', { value: '' }, t('history.status_any')),
    h('option', { value: 'completed' }, t('state.completed')),
    h('option', { value: 'cancelled' }, t('state.cancelled')));
  status.value = filters.status ?? '';
  const input = (name, type = 'text') => {
    const i = h('input', { name, type });
    i.value = filters[name] ?? '';
    return i;
  };
  const form = h('form', { class: 'filters', 'data-testid': 'history-filters',
                           onsubmit: (e) => { e.preventDefault(); onFilter(Object.fromEntries(new FormData(form))); } },
    field(t('history.status'), status), field(t('history.mo'), input('mo_id')),
    field(t('history.product'), input('product')), field(t('history.from'), input('from', 'date')),
    field(t('history.to'), input('to', 'date')),
    h('button', { type: 'submit', class: 'primary' }, t('history.apply')));
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  const table = h('table', { class: 'table', 'data-testid': 'history-table' },
    h('thead', {}, h('tr', {},
      ...[t('history.archived_at'), t('history.slot'), t('history.mo'), t('history.product'), t('history.quantity'),
          t('history.status'), t('history.notes'), t('history.details')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-testid': 'history-row' },
      h('td', {}, when(r.created_at)), h('td', {}, r.batch_no), h('td', {}, r.mo_id), h('td', {}, r.finished_goods),
      h('td', { class: 'num' }, kg(r.quantity)), h('td', {}, t(`state.${r.status}`)), h('td', {}, r.notes),
      h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => onDetail(r) },
        t('history.details')))))));
  return h('section', { class: 'panel', 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, t('history.title')), form,
    h('p', {}, h('a', { href: `/api/histories.csv?${query}`, download: 'plcbridge-history.csv',
                        'data-testid': 'csv-export' }, t('history.export'))),
    rows.length ? table : h('p', { class: 'quiet' }, t('history.none')),
    h('div', { class: 'pager' },
      h('button', { type: 'button', class: 'secondary', disabled: page === 0, onclick: () => onPage(page - 1) },
        t('history.previous')),
      h('span', {}, t('history.page', { page: page + 1 })),
      h('button', { type: 'button', class: 'secondary', disabled: rows.length < 20, onclick: () => onPage(page + 1) },
        t('history.next'))));
}

export function detailView(t, row, onClose) {
  const groups = (row.lines ?? []).map((l) => ({ label: l.equipment, values: [Number(l.planned), Number(l.actual)] }));
  return [
    h('h2', {}, t('detail.title', { mo: row.mo_id })),
    barChart({ title: t('detail.title', { mo: row.mo_id }), groups,
               series: [{ name: t('detail.planned'), className: 'bar-planned' },
                        { name: t('detail.actual'), className: 'bar-actual' }] }),
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ...[t('detail.equipment'), t('detail.planned'), t('detail.actual')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, (row.lines ?? []).map((l) => h('tr', {}, h('td', {}, l.equipment),
        h('td', { class: 'num' }, kg(l.planned)), h('td', { class: 'num' }, kg(l.actual)))))),
    h('button', { type: 'button', class: 'secondary', onclick: onClose }, t('detail.close')),
  ];
}

export function reportsView(t, report, failures) {
  const groups = (report?.days ?? []).map((d) => ({ label: d.day.slice(5), values: [d.automatic, d.manual] }));
  const simpleTable = (heads, rows) => h('table', { class: 'table' },
    h('thead', {}, h('tr', {}, heads.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
  return [
    h('section', { class: 'panel', 'aria-labelledby': 'cancel-title' },
      h('h2', { id: 'cancel-title' }, t('reports.cancellations')),
      barChart({ title: t('reports.cancellations'), groups,
                 series: [{ name: t('reports.automatic'), className: 'bar-auto' },
                          { name: t('reports.manual'), className: 'bar-manual' }] }),
      simpleTable([t('reports.day'), t('reports.automatic'), t('reports.manual')],
        (report?.days ?? []).filter((d) => d.automatic + d.manual > 0).map((d) => [d.day, d.automatic, d.manual]))),
    h('section', { class: 'panel', 'aria-labelledby': 'auto-title' },
      h('h2', { id: 'auto-title' }, t('reports.latest_auto')),
      (report?.latest_auto_cancels ?? []).length
        ? simpleTable([t('history.archived_at'), t('history.slot'), t('history.mo'), t('history.product')],
          report.latest_auto_cancels.map((r) => [when(r.created_at), r.batch_no, r.mo_id, r.finished_goods]))
        : h('p', { class: 'quiet' }, t('reports.none'))),
    h('section', { class: 'panel', 'aria-labelledby': 'failures-title' },
      h('h2', { id: 'failures-title' }, t('reports.failures')),
      (failures ?? []).length
        ? simpleTable([t('reports.occurred'), t('reports.equipment'), t('reports.info')],
          failures.map((f) => [when(f.occurred_at), f.equipment, f.info]))
        : h('p', { class: 'quiet' }, t('reports.none'))),
  ];
}

export function schedulerView(t, scheduler, can, onToggle, signedIn) {
  if (!signedIn) {
    return h('section', { class: 'panel' }, h('h2', {}, t('scheduler.title')), h('p', {}, t('scheduler.sign_in')));
  }
  const admin = can('admin');
  const all = h('input', { type: 'checkbox', id: 'scheduler-all', disabled: !admin,
                           onchange: (e) => onToggle(null, e.target.checked) });
  all.checked = !!scheduler?.enabled;
  return h('section', { class: 'panel', 'aria-labelledby': 'scheduler-title' },
    h('h2', { id: 'scheduler-title' }, t('scheduler.title')),
    admin ? null : h('p', { class: 'quiet' }, t('scheduler.admin_only')),
    h('p', {}, all, ' ', h('label', { for: 'scheduler-all' }, t('scheduler.all'))),
    h('table', { class: 'table', 'data-testid': 'scheduler-table' },
      h('thead', {}, h('tr', {}, ...[t('scheduler.task'), t('scheduler.interval'), t('scheduler.enabled'),
                                     t('scheduler.runs'), t('scheduler.last_error')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, (scheduler?.tasks ?? []).map((task) => {
        const box = h('input', { type: 'checkbox', disabled: !admin, 'aria-label': `${t('scheduler.enabled')}: ${task.name}`,
                                 onchange: (e) => onToggle(task.name, e.target.checked) });
        box.checked = task.enabled;
        return h('tr', {}, h('td', {}, task.name), h('td', { class: 'num' }, `${task.interval_ms} ms`), h('td', {}, box),
          h('td', { class: 'num' }, task.runs), h('td', {}, task.last_error));
      }))));
}

export function auditView(t, entries, signedIn) {
  if (!signedIn) return h('section', { class: 'panel' }, h('h2', {}, t('audit.title')), h('p', {}, t('audit.sign_in')));
  return h('section', { class: 'panel', 'aria-labelledby': 'audit-title' },
    h('h2', { id: 'audit-title' }, t('audit.title')),
    h('table', { class: 'table', 'data-testid': 'audit-table' },
      h('thead', {}, h('tr', {}, ...[t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.target'),
                                     t('audit.reason'), t('audit.outcome')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, entries.map((e) => h('tr', { 'data-testid': 'audit-row' }, h('td', {}, when(e.at)), h('td', {}, e.actor),
        h('td', {}, e.action), h('td', {}, e.target), h('td', {}, e.reason), h('td', {}, e.outcome))))));
}
