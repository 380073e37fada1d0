// The operator console in Debian's chromium (headless), driven by playwright-core: what docs/CONSOLE.md
// promises, seen on the page. One plant and one browser for the whole file; the steps run in order.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { plant } from './harness.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const screenshots = process.env.PLCBRIDGE_TEST_SCREENSHOTS;

let p; let browser; let context; let page;
const consoleErrors = [];

async function api(method, path, body, headers = {}) {
  const response = await fetch(p.base + path, {
    method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${p.token}`, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, data: await response.json().catch(() => null) };
}

async function signIn(user, password) {
  await page.getByRole('button', { name: /Sign in|Masuk/ }).first().click();
  await page.getByLabel(/Username|Nama pengguna/).fill(user);
  await page.getByLabel(/^Password|Kata sandi/).fill(password);
  await page.locator('dialog').getByRole('button', { name: /^Sign in$|^Masuk$/ }).click();
}

async function signOut() {
  await page.getByRole('button', { name: /Sign out|Keluar/ }).click();
  await page.getByRole('button', { name: /Sign in|Masuk/ }).first().waitFor();
}

/// Waits until `read()` answers something `ok(answer)` accepts (the page acts asynchronously).
async function eventually(read, ok, what, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`${what}: last answer ${JSON.stringify(last)}`);
}

async function axeSerious() {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 2).map((n) => n.target).join(' | ')})`);
}

before(async () => {
  p = await plant();
  browser = await chromium.launch({
    executablePath: process.env.PLCBRIDGE_TEST_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  // bypassCSP: axe-core is injected by the test; the page's own policy allows only its own files.
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
});

// Every step starts from the line view in English, signed out — whatever the step before left —
// without reloading the page (one step checks that nothing reloads it).
beforeEach(async () => {
  if (!page || page.url() === 'about:blank') return;
  if (await page.locator('dialog[open]').count()) await page.evaluate(() => document.querySelector('dialog').close());
  if (await page.locator('#lang').inputValue() !== 'en') await page.locator('#lang').selectOption('en');
  if (await page.locator('#sign-out').isVisible()) await signOut();
  await page.getByTestId('tab-line').click();
  await page.locator('#attention-title').waitFor();
});

after(async () => {
  await browser?.close();
  await p?.close();
});

test('the line view shows ten slots, live, with the links and no serious accessibility violation', async () => {
  // Odoo answers slowly (2.5 s a call), so a failed batch stays failed on its card long enough to see.
  const slow = await fetch(`${p.odooBase}/_sim/faults`, { method: 'POST', body: JSON.stringify({ delay_count: -1, delay_ms: 2500 }) });
  assert.equal(slow.status, 200);
  await page.goto(p.base + '/');
  await page.locator('[data-testid=slot-10]').waitFor();
  assert.equal(await page.locator('article.slot').count(), 10);
  await page.evaluate(() => { window.__sameDocument = true; });
  // The first queue arrives through the event stream: no reload.
  await page.locator('article.slot[data-state=dosing], article.slot[data-state=queued]').first().waitFor({ timeout: 60000 });
  await page.locator('[data-testid=link-plc]').filter({ hasText: 'ok' }).waitFor();
  assert.deepEqual(await axeSerious(), [], 'no serious accessibility violations on the line view');
});

test('an operator cancels a running batch from the page: confirmation, note, audit row, history row', async () => {
  await signIn('oper', 'operator-password');
  await page.getByText('oper (operator)').waitFor();
  // A slot still dosing or queued (the first queue runs for 15 s).
  const running = page.locator('[data-testid=slot-5]');
  await page.locator('[data-testid=slot-5][data-state=dosing], [data-testid=slot-5][data-state=queued]').waitFor({ timeout: 30000 });
  const slotId = await running.getAttribute('data-testid');
  const mo = await running.locator('.mo').innerText();
  await running.getByRole('button', { name: 'Cancel batch…' }).click();
  const dialog = page.locator('dialog');
  await dialog.getByText(`MO ${mo}`).waitFor();
  await dialog.getByLabel('Note (why)').fill('silo 101 blocked, checked by shift B');
  await dialog.getByTestId('confirm-cancel').click();
  const card = page.locator(`[data-testid=${slotId}]`);
  await page.locator(`[data-testid=${slotId}][data-state=cancelled]`).waitFor({ timeout: 10000 });
  assert.equal(await card.locator('[data-testid=slot-notes]').innerText(),
    'Manually cancelled by operator oper: silo 101 blocked, checked by shift B');
  const audit = await eventually(() => api('GET', '/api/audit?action=manual_cancel'),
    (a) => a.data?.entries?.some((e) => e.target.includes(mo)), 'the audit trail records the cancel');
  const row = audit.data.entries.find((e) => e.target.includes(mo));
  assert.ok(row, JSON.stringify(audit.data));
  assert.equal(row.actor, 'oper');
  assert.equal(row.reason, 'silo 101 blocked, checked by shift B');
  assert.equal(row.outcome, 'ok');
  const history = await api('GET', `/api/histories?mo_id=${encodeURIComponent(mo)}`);
  assert.equal(history.data.histories[0].status, 'cancelled');
  assert.match(history.data.histories[0].notes, /^Manually cancelled by operator oper: /);
  // The audit trail is on the page too.
  await page.getByTestId('tab-audit').click();
  await page.locator('[data-testid=audit-row]', { hasText: 'manual_cancel' }).first().waitFor();
  await page.getByTestId('tab-line').click();
  await signOut();
});

test('a failed batch turns failed, then cancelled, on its card without a reload', async () => {
  const slot2 = page.locator('[data-testid=slot-2]');
  await page.locator('[data-testid=slot-2][data-state=failed]').waitFor({ timeout: 60000 });
  await page.locator('[data-testid=slot-2][data-state=cancelled]').waitFor({ timeout: 60000 });
  assert.match(await slot2.locator('[data-testid=slot-notes]').innerText(), /Auto-cancelled: status_operation=1/);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload happened');
  await fetch(`${p.odooBase}/_sim/faults`, { method: 'POST', body: JSON.stringify({ delay_count: 0, delay_ms: 0 }) });
  if (screenshots) { mkdirSync(screenshots, { recursive: true }); await page.screenshot({ path: `${screenshots}/console-line.png` }); }
});

test('history: filter by status and product, page through, see a batch in detail, export CSV', async () => {
  await page.getByTestId('tab-history').click();
  const form = page.getByTestId('history-filters');
  await form.getByLabel('Status').selectOption('cancelled');
  await form.getByRole('button', { name: 'Apply filters' }).click();
  await page.locator('[data-testid=history-row]').first().waitFor();
  const rows = await page.locator('[data-testid=history-row]').allInnerTexts();
  assert.ok(rows.length >= 2, rows.join('\n'));
  for (const r of rows) assert.match(r, /cancelled/);
  const product = await page.locator('[data-testid=history-row] td:nth-child(4)').first().innerText();
  await form.getByLabel('Product').fill(product.slice(2, 8).toLowerCase());
  await form.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForFunction((p) => [...document.querySelectorAll('[data-testid=history-row] td:nth-child(4)')]
    .every((td) => td.textContent.toLowerCase().includes(p)), product.slice(2, 8).toLowerCase());
  await page.locator('[data-testid=history-row]').first().getByRole('button', { name: 'Details' }).click();
  await page.locator('dialog svg.chart').waitFor();
  assert.ok(await page.locator('dialog tbody tr').count() > 0, 'consumption lines planned vs actual');
  assert.deepEqual(await axeSerious(), [], 'no serious accessibility violations on the history detail');
  await page.locator('dialog').getByRole('button', { name: 'Close' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-export').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^history_id,batch_no,mo_id,product,quantity,weight_finished_good,status,notes,/);
  const body = csv.trim().split('\r\n').slice(1);
  assert.ok(body.length > 0);
  for (const line of body) assert.match(line, /,cancelled,/);
  assert.deepEqual(await axeSerious(), [], 'no serious accessibility violations on the history');
  if (screenshots) await page.screenshot({ path: `${screenshots}/console-history.png` });
});

test('reports: cancellations per day as a chart, the latest auto-cancels', async () => {
  await page.getByTestId('tab-reports').click();
  await page.getByRole('heading', { name: /Cancellations per day/ }).waitFor();
  assert.ok(await page.locator('svg.chart rect').count() > 2);
  await page.getByRole('heading', { name: 'Latest auto-cancels' }).waitFor();
  assert.ok(await page.locator('table', { hasText: 'Archived' }).locator('tbody tr').count() >= 1);
});

test('scheduler: an admin switches a task off and on, and the audit trail says so', async () => {
  await signIn('adam', 'admin-password');
  await page.getByText('adam (admin)').waitFor();
  await page.getByTestId('tab-scheduler').click();
  const box = page.getByLabel('Enabled: log_retention');
  await box.waitFor();
  assert.equal(await box.isChecked(), true);
  await box.uncheck();
  await page.waitForFunction(() => !document.querySelector('[aria-label="Enabled: log_retention"]').checked);
  await page.getByLabel('Enabled: log_retention').check();
  const audit = await eventually(() => api('GET', '/api/audit?actor=adam'),
    (a) => a.data?.entries?.[0]?.action === 'task_enable', 'the audit trail records the toggles');
  assert.deepEqual(audit.data.entries.slice(0, 3).map((e) => e.action), ['task_enable', 'task_disable', 'login']);
  const status = await api('GET', '/api/admin/scheduler/status');
  assert.equal(status.data.tasks.find((t) => t.name === 'log_retention').enabled, true);
  await page.getByTestId('tab-line').click();
  await signOut();
});

test('the language switch shows Bahasa Indonesia from its own catalogue', async () => {
  await page.locator('#lang').selectOption('id');
  await page.getByTestId('tab-line').filter({ hasText: 'Lini' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'id');
  assert.match(await page.locator('#attention-title').innerText(), /Perlu perhatian/);
  assert.match(await page.locator('[data-testid=slot-2] [data-testid=slot-state]').innerText(), /dibatalkan|antre|penakaran|selesai|kosong/);
  await page.locator('#lang').selectOption('en');
  await page.getByTestId('tab-line').filter({ hasText: 'Line' }).waitFor();
});

test('no console errors so far', () => {
  assert.deepEqual(consoleErrors, []);
});

test('a viewer is refused: no enabled action, and the server says 403', async () => {
  await signIn('vera', 'viewer-password');
  await page.getByText('vera (viewer)').waitFor();
  const buttons = page.locator('[data-action=manual_cancel]');
  for (let i = 0; i < await buttons.count(); ++i) assert.equal(await buttons.nth(i).isDisabled(), true);
  const answer = await page.evaluate(async () => {
    const session = await (await fetch('/api/session')).json();
    const r = await fetch('/api/admin/manual/cancel-batch/3', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf }, body: '{}' });
    return { status: r.status, body: await r.json() };
  });
  assert.equal(answer.status, 403);
  assert.equal(answer.body.error, 'forbidden');
  await signOut();
});

test('sign-in is throttled after repeated failures', async () => {
  for (let i = 0; i < 5; ++i) {
    await signIn('oper', `wrong-${i}`);
    await page.getByTestId('login-error').filter({ hasText: 'wrong' }).waitFor();
    await page.locator('dialog').getByRole('button', { name: 'Close' }).click();
  }
  await signIn('oper', 'operator-password');
  await page.getByTestId('login-error').filter({ hasText: 'too many failed sign-ins' }).waitFor();
  await page.locator('dialog').getByRole('button', { name: 'Close' }).click();
  await eventually(() => api('GET', '/api/audit?action=login&limit=20'),
    (a) => a.data?.entries?.some((e) => e.actor === 'oper' && e.outcome.startsWith('refused: throttled')),
    'the audit trail records the throttled sign-in');
});

test('the page reconnects by itself after the service restarts', async () => {
  await p.stopService();
  await page.getByTestId('banner').filter({ hasText: 'reconnecting' }).waitFor({ timeout: 15000 });
  await p.startService();
  await page.waitForFunction(() => document.getElementById('banner').hidden, null, { timeout: 30000 });
  await page.locator('[data-testid=slot-1]').waitFor();
});
