// `npm start`: build the simulation extension and open it in Chromium (or Chrome) with its popup showing
// the demo team. Without a browser or a display it says so and explains how to load it by hand.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { findBrowser, hasDisplay, launchExtension } from './chromium.ts';

const root = resolve(import.meta.dirname, '..');
const dir = resolve(root, '.output/chrome-mv3-simulation');

const build = spawnSync(resolve(root, 'node_modules/.bin/wxt'), ['build', '--mode', 'simulation'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error('The simulation build failed (see above); nothing to open.');
  process.exit(1);
}

const browser = findBrowser();
const display = hasDisplay();
if (!browser || !display) {
  const why = browser
    ? 'There is no display here (DISPLAY and WAYLAND_DISPLAY are unset), so no browser window can open.'
    : 'No Chromium or Chrome was found (looked in CHROME_PATH and the usual places; on Debian: apt-get install -y chromium).';
  console.log(`
${why}

The simulation extension is built in:
  ${dir}

To load it by hand: open chrome://extensions, turn on Developer mode, click "Load unpacked" and pick that
folder; then click the extension's toolbar button to see the demo team.

Without a browser, run a scenario headless instead:
  npm run simulate -- scenarios/<file>.json
`);
  process.exit(0);
}

const ext = await launchExtension(dir, { executablePath: browser, headless: false });
const page = ext.context.pages()[0] ?? (await ext.context.newPage());
await page.goto(ext.url('popup.html'));
console.log(`Opened ${browser} with the simulation extension (id ${ext.id}); its popup shows the demo team.`);
console.log('Close the browser window to stop.');
ext.context.on('close', () => process.exit(0));
