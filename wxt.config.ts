// WXT build config (https://wxt.dev/api/config.html). Two builds, chosen by mode:
// - `production` (default for `wxt build`): real networks, no MSW, no demo data;
// - `simulation` (`wxt build --mode simulation`): MSW inside the service worker, a seeded demo team.
// `import.meta.env.MODE` is a compile-time constant, so the production bundle drops every simulation import.
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { API_HOSTS } from './extension/lib/hosts.ts';

/** Entrypoints that only make sense against the mock networks. */
const SIMULATION_ONLY = new Set(['consent', 'simulator']);

export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  // Explicit imports everywhere: a reader (and a test) sees where every name comes from.
  imports: false,
  // MV3 for Firefox too (WXT defaults Firefox to MV2).
  manifestVersion: 3,
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}-{{mode}}',
  // `npm run zip`: store zips in .output/; Firefox also gets the sources zip AMO asks for (no screenshots).
  zip: { excludeSources: ['artifacts/**'] },
  vite: ({ command }) => {
    // WXT sets NODE_ENV to the mode, and Vite reads anything but 'production' as a development build:
    // `--mode simulation` shipped Preact's development JSX (a file name and line number on every element,
    // slower renders). Every `wxt build` is a release build, whatever its mode; `wxt` (serve) stays dev.
    if (command === 'build') process.env.NODE_ENV = 'production';
    return {
      // preset-vite types target the root vite 8 while WXT bundles vite 7; the plugin API is the same.
      plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false }) as never],
      build: { target: 'es2022' },
    };
  },
  hooks: {
    'entrypoints:grouped': (_wxt, groups) => {
      // The popup in a build step of its own, so its script is one file: built with the other pages it
      // shares chunks with them, and each extra file is one more round trip through the browser before
      // the popup's first line runs (issue #5: first render < 100 ms; bench/popup.ts measures it).
      for (const group of [...groups]) {
        if (!Array.isArray(group) || group.length < 2) continue;
        const at = group.findIndex((entry) => entry.type === 'popup');
        if (at >= 0) groups.push(group.splice(at, 1));
      }
    },
    'entrypoints:resolved': (wxt, entrypoints) => {
      // Development (and `wxt prepare`, whose types the simulation code needs) keeps them too.
      if (wxt.config.mode !== 'production') return;
      for (let i = entrypoints.length - 1; i >= 0; i--) {
        if (SIMULATION_ONLY.has(entrypoints[i]!.name)) entrypoints.splice(i, 1);
      }
    },
  },
  manifest: ({ mode, browser }) => ({
    name: mode === 'simulation' ? '__MSG_extensionNameSimulation__' : '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    // alarms: the health sweep (R11); notifications: R6 reminders and alerts; identity: OAuth consent.
    permissions: ['alarms', 'notifications', 'identity'],
    host_permissions: [...API_HOSTS],
    action: { default_title: '__MSG_extensionName__' },
    // Firefox keys storage and the identity redirect URL to a stable add-on id.
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'social-health@extension.invalid' } } }
      : {}),
  }),
});
