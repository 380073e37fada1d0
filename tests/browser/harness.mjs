// The plant on loopback for the browser tests: the real plcbridge binary as PLC simulator, Odoo
// simulator and service, SQLite in a temporary folder, the API on a fixed free port (so the page
// can reconnect to the same address after a restart).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// PLCBRIDGE_TEST_*: the prefix plcbridge reserves for its tests (any other PLCBRIDGE_ variable it
// would refuse as an unknown configuration key).
export const binary = process.env.PLCBRIDGE_TEST_BINARY;
if (!binary) throw new Error('PLCBRIDGE_TEST_BINARY is not set: run through tests/browser/run_browser_tests.sh');

// Whatever happens to the test, no process outlives it.
const children = new Set();
process.on('exit', () => { for (const c of children) c.kill('SIGKILL'); });

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/// Starts `plcbridge args...` and resolves with {child, output(), port} once a line matches `ready`.
export function start(args, ready, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.on('exit', () => children.delete(child));
    let text = '';
    const timer = setTimeout(() => reject(new Error(`plcbridge ${args[0]} did not start:\n${text}`)), 20000);
    const onData = (chunk) => {
      text += chunk;
      const match = text.match(ready);
      if (match) { clearTimeout(timer); resolve({ child, output: () => text, port: Number(match[1]) }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`plcbridge ${args[0]} exited ${code}:\n${text}`)); });
  });
}

export function stop(proc) {
  return new Promise((resolve) => {
    if (!proc || proc.child.exitCode !== null) { resolve(); return; }
    proc.child.removeAllListeners('exit');
    proc.child.on('exit', () => resolve());
    proc.child.kill('SIGTERM');
  });
}

export async function plant() {
  const dir = mkdtempSync(join(tmpdir(), 'plcbridge-browser-'));
  // Batches take 5 ticks of 6 s; slot 2 fails half way through the first queue, while the others
  // are still dosing (an operator cancels one of them meanwhile).
  const plc = await start(['plc-sim', '--listen', '127.0.0.1:0', '--auto-run', '--fail-slot', '2', '--tick-ms', '6000'],
    /"fins_port": (\d+)/);
  const odoo = await start(['odoo-sim', '--listen', '127.0.0.1:0'], /"port": (\d+)/);
  const apiPort = await freePort();
  const config = join(dir, 'plcbridge.toml');
  writeFileSync(config, [
    '[plc]', 'host = "127.0.0.1"', `port = ${plc.port}`,
    '[odoo]', `url = "http://127.0.0.1:${odoo.port}"`, 'password = "admin"',
    '[database]', `url = "sqlite:${join(dir, 'plcbridge.db')}"`,
    '[api]', `listen = "127.0.0.1:${apiPort}"`, 'token = "browser-test-token"',
    '[log]', `file = "${join(dir, 'app.log')}"`,
    '[tasks]', 'plc_read_interval_ms = 500', 'mo_sync_interval_s = 1', '',
  ].join('\n'));
  const cli = (args, input) => {
    const r = spawnSync(binary, [...args, '--config', config], { input, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`plcbridge ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    return r.stdout;
  };
  cli(['migrate']);
  cli(['user', 'add', 'oper', '--role', 'operator'], 'operator-password\n');
  cli(['user', 'add', 'vera', '--role', 'viewer'], 'viewer-password\n');
  cli(['user', 'add', 'adam', '--role', 'admin'], 'admin-password\n');
  const base = `http://127.0.0.1:${apiPort}`;
  const startService = () => start(['run', '--config', config], /"api_port": (\d+)/);
  let service = await startService();
  return {
    base, dir, odooBase: `http://127.0.0.1:${odoo.port}`, token: 'browser-test-token',
    service: () => service,
    async restart() { await stop(service); service = await startService(); },
    async stopService() { await stop(service); },
    async startService() { service = await startService(); },
    async close() { await stop(service); await stop(plc); await stop(odoo); },
  };
}
