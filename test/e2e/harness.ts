// The e2e harness: the built extension in a real headless browser, Chromium (playwright-core) or Firefox
// (puppeteer-core over WebDriver BiDi), driven like a person would (roles and accessible names, real
// clicks), plus the few extension-API looks a person gets from the toolbar (the badge). One journey runs in
// every browser of the run:
//
//   import { BROWSERS, useExtension } from './harness.ts';
//   describe.each(BROWSERS)('%s', (browser) => {
//     const ext = useExtension({ browser });            // beforeAll: launch; afterAll: close
//     it('…', async () => {
//       const popup = await ext().openPopup();          // waits for the first account
//       await popup.getByRole('button', { name: 'Check now' }).click();
//       expect(await ext().badge()).toBe('6');
//       await ext().screenshot(popup, 'popup');         // artifacts/screenshots/<browser>/popup.png
//     });
//   });
//
// `vitest.e2e.config.ts` builds the simulation extension once per browser (setup.ts); every `useExtension`
// launches its own browser with a fresh profile, so journeys never see each other's changes. E2E_BROWSERS
// (e.g. `firefox`) narrows the run. A journey that needs more than one extension (e.g. a team server and
// two members) launches more sessions with `launch()`; nothing here assumes a single one.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { KvKey, KvRecords } from '../../extension/lib/db.ts';
import type { Request } from '../../extension/lib/protocol.ts';
import type { Reply } from '../../extension/lib/wire.ts';
import { chromiumPath, launchChromium } from './driver/chromium.ts';
import { firefoxPath, launchFirefox } from './driver/firefox.ts';
import type { BrowserName, Launch, LaunchOptions, Mode, Session } from './driver/types.ts';
import { growTeam } from './grow-team.ts';
import { Page } from './page.ts';

export type { BrowserName, Mode };
export { Page };

export const ROOT = resolve(import.meta.dirname, '../..');
/** Where the e2e run leaves screenshots for a person to look at (gitignored; CI keeps it as an artifact). */
export const SCREENSHOTS = resolve(ROOT, 'artifacts/screenshots');

const DRIVERS: Record<BrowserName, { launch: Launch; path: () => string; wxt: string }> = {
  chromium: { launch: launchChromium, path: chromiumPath, wxt: 'chrome' },
  firefox: { launch: launchFirefox, path: firefoxPath, wxt: 'firefox' },
};

/** The browsers this run drives: all of them, or those E2E_BROWSERS names (comma-separated). */
export const BROWSERS: BrowserName[] = (() => {
  const asked = process.env.E2E_BROWSERS?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (!asked?.length) return Object.keys(DRIVERS) as BrowserName[];
  const unknown = asked.filter((b) => !(b in DRIVERS));
  if (unknown.length) throw new Error(`E2E_BROWSERS: unknown ${unknown.join(', ')}; use chromium, firefox`);
  return asked as BrowserName[];
})();

export const outDir = (browser: BrowserName, mode: Mode) =>
  resolve(ROOT, `.output/${DRIVERS[browser].wxt}-mv3-${mode}`);

/** The browser's executable, or an error that says how to install it: the browser tests fail, never skip. */
export function requireBrowser(browser: BrowserName): string {
  return DRIVERS[browser].path();
}

/** The status vocabulary as the popup shows it (English, the default locale). */
export const STATUS = {
  connected: 'Connected',
  'reauth-soon': 'Reauthorize soon',
  disconnected: 'Disconnected',
  lapsed: 'Lapsed',
} as const;

const built = new Set<string>();

const wxtBuild = (browser: BrowserName, mode: Mode) => ({
  command: resolve(ROOT, 'node_modules/.bin/wxt'),
  args: ['build', '-b', DRIVERS[browser].wxt, '--mode', mode],
});
const buildFailed = (args: string[], output: string) => new Error(`wxt ${args.join(' ')} failed:\n${output}`);

/**
 * Builds the extension for a browser (once per process, browser and mode) when a test needs one the
 * global setup did not build (a file run on its own, the production build). E2E_SKIP_BUILD=1 reuses
 * whatever is in .output (for quick local iterations).
 */
export function buildExtension(browser: BrowserName, mode: Mode): string {
  const dir = outDir(browser, mode);
  const key = `${browser}:${mode}`;
  if (built.has(key) || (process.env.E2E_SKIP_BUILD && existsSync(resolve(dir, 'manifest.json')))) return dir;
  const { command, args } = wxtBuild(browser, mode);
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw buildFailed(args, `${result.stdout}\n${result.stderr}`);
  built.add(key);
  return dir;
}

/** Builds the simulation extension for every browser at once (the global setup): two builds in parallel. */
export async function buildAll(browsers: BrowserName[], mode: Mode): Promise<void> {
  await Promise.all(
    browsers.map((browser) => {
      if (process.env.E2E_SKIP_BUILD && existsSync(resolve(outDir(browser, mode), 'manifest.json')))
        return undefined;
      const { command, args } = wxtBuild(browser, mode);
      return new Promise<void>((done, fail) => {
        const child = spawn(command, args, { cwd: ROOT });
        let output = '';
        child.stdout.on('data', (chunk) => {
          output += chunk;
        });
        child.stderr.on('data', (chunk) => {
          output += chunk;
        });
        child.on('error', fail);
        child.on('close', (code) => (code === 0 ? done() : fail(buildFailed(args, output))));
      });
    }),
  );
}

/** The built extension's directory; builds it if the global setup has not (a file run on its own). */
export function extensionDir(browser: BrowserName, mode: Mode): string {
  const dir = outDir(browser, mode);
  if (mode === 'simulation' && process.env.E2E_BUILT === '1' && existsSync(resolve(dir, 'manifest.json')))
    return dir;
  return buildExtension(browser, mode);
}

/** The extension API namespace in a page: `browser` in Firefox, `chrome` in Chromium (both promise-based in MV3). */
interface ExtensionApi {
  action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

type WithApi = { browser?: ExtensionApi; chrome?: ExtensionApi };

export interface E2E {
  readonly browser: BrowserName;
  /** "Chrome/140.0.7339.185", "Firefox/153.0": what the run drove, for the record. */
  readonly version: string;
  readonly session: Session;
  /** A new tab on an extension page (`popup.html`, `options.html`, ...), loaded. */
  open(path: string): Promise<Page>;
  /** The popup in a tab, once its first account is shown. */
  openPopup(): Promise<Page>;
  /** The toolbar badge's text, through the extension API. */
  badge(): Promise<string>;
  /** The toolbar button's tooltip (names the accounts that need a person). */
  badgeTitle(): Promise<string>;
  /** A message to the background, sent from an extension page (as the popup or settings would). */
  send(request: Request): Promise<Reply>;
  /** Runs `fn` in an extension page (its extension APIs: `browser` in Firefox, `chrome` in Chromium). */
  inPage<R>(fn: () => R | Promise<R>): Promise<R>;
  /** A record of the background's IndexedDB `kv` store (state, me, view, ...). */
  kv<K extends KvKey>(key: K): Promise<KvRecords[K] | undefined>;
  /** Switch who "I" am (simulation: one of the demo team), by permission level or id. */
  becomeUser(pick: { permission?: string; superAdmin?: boolean; id?: string }): Promise<string>;
  /** The page opened by `trigger` (e.g. the consent page a Reconnect click opens). */
  pageOpenedBy(trigger: () => Promise<unknown>): Promise<Page>;
  /** Saves artifacts/screenshots/<browser>/NAME.png: the whole page, or (`fullPage: false`) the viewport. */
  screenshot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<string>;
  /**
   * Grows the stored team to `accounts` accounts (the demo team plus copies of its connected accounts under
   * new ids and names) and restarts the extension, so the background boots from that state as after a
   * browser restart and writes the popup's view of every account. Open pages close.
   */
  seedAccounts(accounts: number): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOpts extends Omit<LaunchOptions, 'dir'> {
  browser: BrowserName;
  mode?: Mode;
}

export async function launch(opts: LaunchOpts): Promise<E2E> {
  const { browser, mode = 'simulation', ...options } = opts;
  const session = await DRIVERS[browser].launch({ dir: extensionDir(browser, mode), ...options });
  const open = async (path: string) => new Page(await session.open(path));
  // One extension page kept open to ask the extension APIs and IndexedDB what a person's browser knows.
  let control: Page | null = null;
  const inExtension = async <A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> => {
    if (!control || control.isClosed()) control = await open('popup.html');
    return control.evaluate(fn, arg);
  };

  const e2e: E2E = {
    browser,
    version: session.version,
    session,
    open,
    async openPopup() {
      const popup = await open('popup.html');
      try {
        await popup.getByRole('listitem').first().waitFor({ timeout: 15_000 });
      } catch (error) {
        throw new Error(
          `The popup showed no account within 15 s. Errors on the page: ${popup.tab.errors.join('; ') || 'none'}`,
          { cause: error },
        );
      }
      return popup;
    },
    badge: () =>
      inExtension(() => {
        const api = (globalThis as WithApi).browser ?? (globalThis as WithApi).chrome!;
        return api.action.getBadgeText({});
      }, undefined),
    badgeTitle: () =>
      inExtension(() => {
        const api = (globalThis as WithApi).browser ?? (globalThis as WithApi).chrome!;
        return api.action.getTitle({});
      }, undefined),
    send: (request) =>
      inExtension((r) => {
        const api = (globalThis as WithApi).browser ?? (globalThis as WithApi).chrome!;
        return api.runtime.sendMessage(r) as Promise<Reply>;
      }, request),
    inPage: (fn) => inExtension(fn as () => never, undefined),
    kv: (key) =>
      inExtension(
        (k) =>
          new Promise<never>((done, fail) => {
            const db = indexedDB.open('social-health');
            db.onerror = () => fail(db.error);
            db.onsuccess = () => {
              const get = db.result.transaction('kv').objectStore('kv').get(k);
              get.onerror = () => fail(get.error);
              get.onsuccess = () => {
                db.result.close();
                done(get.result as never);
              };
            };
          }),
        key,
      ),
    async becomeUser(pick) {
      const state = await e2e.kv('state');
      const user = Object.values(state?.users ?? {}).find(
        (u) =>
          (pick.id === undefined || u.id === pick.id) &&
          (pick.permission === undefined || u.permission === pick.permission) &&
          (pick.superAdmin === undefined || Boolean(u.superAdmin) === pick.superAdmin),
      );
      if (!user) throw new Error(`No user matches ${JSON.stringify(pick)} in the stored team`);
      const reply = await e2e.send({ type: 'set-current-user', user: user.id });
      if (!reply.ok) throw new Error(`set-current-user ${user.id} refused: ${reply.message}`);
      return user.id;
    },
    pageOpenedBy: async (trigger) => new Page(await session.tabOpenedBy(trigger)),
    async screenshot(page, name, options) {
      const dir = resolve(SCREENSHOTS, browser);
      mkdirSync(dir, { recursive: true });
      const path = resolve(dir, `${name}.png`);
      await page.tab.screenshot(path, options);
      return path;
    },
    async seedAccounts(accounts) {
      // A live background may write the state it holds between the rewrite and the restart (Firefox: a
      // sweep the control page's wake started), undoing the rewrite: then the stored team is small again
      // and the rewrite is done once more.
      for (let attempt = 1; ; attempt++) {
        await session.restartBackground(
          () => inExtension(growTeam, accounts),
          () =>
            inExtension(() => {
              const api = (globalThis as { browser?: { runtime: { reload(): void } } }).browser;
              setTimeout(() => api?.runtime.reload(), 0);
            }, undefined),
        );
        // Pages may have closed with the background (Firefox reloads the add-on): ask from a new one.
        const previous = control;
        control = null;
        if (previous && !previous.isClosed()) await previous.close().catch(() => undefined);
        const end = Date.now() + 30_000;
        for (;;) {
          // A message starts a stopped background, which boots from the stored state and rebuilds the view.
          const [view, state] = await e2e
            .send({ type: 'wake' })
            .then(() => Promise.all([e2e.kv('view'), e2e.kv('state')]))
            .catch(() => [undefined, undefined] as const);
          if (view?.accounts.length === accounts) return;
          const undone = state && Object.keys(state.accounts).length < accounts;
          if (undone && attempt < 3) break;
          if (undone || Date.now() > end)
            throw new Error(`The view never reached ${accounts} accounts (${attempt} rewrites of the store)`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    },
    close: () => session.close(),
  };
  return e2e;
}

/** One browser for the enclosing describe: launched before its tests, closed after; call the getter in tests. */
export function useExtension(opts: LaunchOpts): () => E2E {
  let ext: E2E | undefined;
  beforeAll(async () => {
    ext = await launch(opts);
  }, 120_000);
  afterAll(async () => {
    await ext?.close();
  });
  return () => {
    if (!ext) throw new Error('The extension is not launched (useExtension registers a beforeAll hook)');
    return ext;
  };
}

/** The popup's account row for `name` (its accessible name is "NAME STATUS"). */
export function account(popup: Page, name: string, status?: keyof typeof STATUS) {
  return popup.getByRole('listitem', {
    name: status ? `${name} ${STATUS[status]}` : new RegExp(`^${escapeRegExp(name)} `),
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
