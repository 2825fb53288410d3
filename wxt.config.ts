// WXT build config (https://wxt.dev/api/config.html). Two builds, chosen by mode:
// - `production` (default for `wxt build`): real networks, no MSW, no demo data;
// - `simulation` (`wxt build --mode simulation`): MSW inside the service worker, a seeded demo team.
// `import.meta.env.MODE` is a compile-time constant, so the production bundle drops every simulation import.
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { API_HOSTS } from './extension/lib/hosts.ts';
import { GECKO_ID } from './extension/lib/stores.ts';

/** Entrypoints that only make sense against the mock networks. */
const SIMULATION_ONLY = new Set(['consent', 'simulator']);

/**
 * The oldest Firefox the e2e suite runs (Debian 12's firefox-esr 153, what its security updates ship);
 * older ones are untested, so not claimed. Everything the manifest relies on is older: MV3 with
 * `background.scripts` (an event page; Firefox has no extension service workers) since 109,
 * `data_collection_permissions` since 140.
 */
const FIREFOX_MIN = '153.0';

/**
 * Preact's diff assigns `innerHTML` in exactly one place: for an element given `dangerouslySetInnerHTML`.
 * No component here uses that prop (Biome's security/noDangerouslySetInnerHtml fails the lint if one
 * does), so the build replaces that one assignment with a throw: the shipped code can never parse a
 * string as HTML, and AMO's linter (UNSAFE_VAR_ASSIGNMENT) has nothing to flag. The build fails if
 * Preact's code no longer has exactly one such assignment (a new Preact: look again).
 */
function preactWithoutInnerHtml(): Plugin {
  const assignment = /\b[\w$]+\.innerHTML=[\w$]+\.__html\b/g;
  return {
    name: 'preact-without-inner-html',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs(\?|$)/.test(id)) return null;
      const found = code.match(assignment)?.length ?? 0;
      if (found !== 1)
        this.error(
          `preact-without-inner-html: expected one dangerouslySetInnerHTML assignment in ${id}, found ${found}`,
        );
      return {
        code: code.replace(
          assignment,
          '(()=>{throw Error("dangerouslySetInnerHTML is disabled in this extension")})()',
        ),
        map: null,
      };
    },
  };
}

export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  // Explicit imports everywhere: a reader (and a test) sees where every name comes from.
  imports: false,
  // MV3 for Firefox too (WXT defaults Firefox to MV2).
  manifestVersion: 3,
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}-{{mode}}',
  // `npm run zip`: the Chrome and Firefox store zips in .output/, and the sources zip AMO asks for with
  // every Firefox upload: what the build reads plus BUILDING.md (how to rebuild it); tests, benchmarks and
  // dev tooling stay out. `npm run zip:check` rebuilds from that zip alone and compares (CI runs it).
  zip: {
    excludeSources: [
      'artifacts/**',
      'bench/**',
      'scenarios/**',
      'scripts/**',
      'test/**',
      'biome.json',
      'vitest.config.ts',
      'vitest.e2e.config.ts',
    ],
  },
  vite: ({ command }) => {
    // WXT sets NODE_ENV to the mode, and Vite reads anything but 'production' as a development build:
    // `--mode simulation` shipped Preact's development JSX (a file name and line number on every element,
    // slower renders). Every `wxt build` is a release build, whatever its mode; `wxt` (serve) stays dev.
    if (command === 'build') process.env.NODE_ENV = 'production';
    return {
      // preset-vite types target the root vite 8 while WXT bundles vite 7; the plugin API is the same.
      plugins: [
        preact({ devToolsEnabled: false, prefreshEnabled: false }) as never,
        preactWithoutInnerHtml() as never,
      ],
      // Terser rather than esbuild's minifier: the background is 2 KB smaller gzipped (issue #16 measured
      // 63,655 -> 61,355 bytes with team mode in it; the budget is 60 KB, test/extension/bundle.test.ts).
      // collapse_vars off: it folds zod's `const F = Function; new F("")` probe into `new Function("")`,
      // which AMO's linter flags as eval (npm run lint:firefox).
      build: {
        target: 'es2022',
        minify: 'terser',
        terserOptions: { compress: { passes: 2, collapse_vars: false }, format: { comments: false } },
      },
    };
  },
  hooks: {
    'entrypoints:grouped': (_wxt, groups) => {
      // The popup in a build step of its own, so its first paint needs one script and the one chunk it
      // shares with App (entrypoints/popup/mount.tsx, loaded after that paint): built with the other
      // pages it shares chunks with them, and each extra file is one more round trip through the browser
      // before the popup's first line runs (issue #5: first render < 100 ms; bench/popup.ts measures it).
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
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // Firefox keys storage and the identity redirect URL to this id (lib/stores.ts).
              id: GECKO_ID,
              strict_min_version: FIREFOX_MIN,
              // Nothing is sent to us or to anyone else: the only requests go to the networks the user
              // connects, carrying the tokens those networks issued, for what the user asked
              // (https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/).
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
