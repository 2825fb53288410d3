// `npm start`: the team server in simulation mode (mock networks, a simulated clock, the demo team) with its
// embedded database in a fresh folder, and Chromium (or Chrome) with the production extension already
// joined to it as the demo team's super admin (the server's first invite, through the options page's
// invite link). Without a browser or a display it says so, prints the server's address, the built folder
// and how to join by hand, and keeps the server running.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findBrowser, hasDisplay, launchExtension } from './chromium.ts';

const root = resolve(import.meta.dirname, '..');
const dir = resolve(root, '.output/chrome-mv3-production');

const build = spawnSync(resolve(root, 'node_modules/.bin/wxt'), ['build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The extension build failed (see above); nothing to open.');
  process.exit(1);
}

/** 8787 (the server's default) when it is free, else any free port. */
async function port(): Promise<number> {
  const probe = createServer();
  const listen = (p: number) =>
    new Promise<number>((done, fail) => {
      probe.once('error', fail);
      probe.listen(p, '127.0.0.1', () => done((probe.address() as { port: number }).port));
    });
  const got = await listen(8787).catch(() => listen(0));
  await new Promise((done) => probe.close(done));
  return got;
}

const data = mkdtempSync(join(tmpdir(), 'social-health-demo-'));
const url = `http://127.0.0.1:${await port()}`;
const server: ChildProcess = spawn(
  resolve(root, 'node_modules/.bin/node'),
  ['server/main.ts', '--simulate', '--port', new URL(url).port, '--data', data],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
let out = '';
server.stdout!.on('data', (chunk) => {
  out += chunk;
  process.stdout.write(chunk);
});
let stopping = false;
const stop = () => {
  stopping = true;
  server.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
// The demo's database goes with the server, however it stopped.
server.once('exit', (code) => {
  rmSync(data, { recursive: true, force: true });
  if (code && !stopping) console.error(`The team server stopped (exit ${code}); see above.`);
  process.exit(stopping ? 0 : (code ?? 0));
});

const deadline = Date.now() + 60_000;
let code: string | undefined;
while (!code) {
  code = /First start: .*\n\s+(\S+)/.exec(out)?.[1];
  if (Date.now() > deadline) {
    console.error('The team server printed no invite code within a minute; see above.');
    stop();
  }
  await new Promise((r) => setTimeout(r, 100));
}

const browser = findBrowser();
const display = hasDisplay();
if (!browser || !display) {
  const why = browser
    ? 'There is no display here (DISPLAY and WAYLAND_DISPLAY are unset), so no browser window can open.'
    : 'No Chromium or Chrome was found (looked in CHROME_PATH and the usual places; on Debian: apt-get install -y chromium).';
  console.log(`
${why}

The team server runs at ${url} (simulation: mock networks, a simulated clock, the demo team).
The extension is built in:
  ${dir}

To join by hand: open chrome://extensions, turn on Developer mode, click "Load unpacked" and pick that folder;
open the extension's options page, enter the server address ${url} and the invite code
  ${code}
and click "Join team". The toolbar button then shows the demo team as its super admin sees it.

Press Ctrl+C to stop the server.`);
} else {
  const ext = await launchExtension(dir, { executablePath: browser, headless: false });
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.goto(ext.url(`options.html?server=${encodeURIComponent(url)}&code=${encodeURIComponent(code)}`));
  // The join form's one submit button (its label is in the browser's language).
  await page.locator('section.team form button[type=submit]').click();
  await page.locator('section.team h2').filter({ hasText: 'Demo team' }).waitFor({ timeout: 30_000 });
  await page.goto(ext.url('popup.html'));
  console.log(`Opened ${browser} with the extension joined to ${url} as the demo team's super admin.`);
  console.log('Close the browser window (or press Ctrl+C) to stop.');
  ext.context.on('close', stop);
}
