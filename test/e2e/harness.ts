// The e2e harness: the built extension in headless Chromium (design.md "Facts verified on this machine"),
// driven like a person would (roles and accessible names), plus the few extension-API looks a person gets
// from the toolbar (the badge). `vitest.e2e.config.ts` builds the simulation extension once (setup.ts);
// every test file launches its own browser with a fresh profile, so files never see each other's changes.
//
//   import { useExtension } from './harness.ts';
//   const ext = useExtension();                      // beforeAll: launch; afterAll: close
//   it('…', async () => {
//     const popup = await ext().openPopup();         // waits for the first account
//     await popup.getByRole('button', { name: 'Check now' }).click();
//     expect(await ext().badge()).toBe('6');
//     await ext().screenshot(popup, 'popup');        // artifacts/screenshots/popup.png
//   });
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { KvKey, KvRecords } from '../../extension/lib/db.ts';
import type { Request } from '../../extension/lib/protocol.ts';
import type { Reply } from '../../extension/lib/wire.ts';
import { findBrowser, type LaunchedExtension, launchExtension, NO_BROWSER } from '../../scripts/chromium.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export type Mode = 'simulation' | 'production';
export const outDir = (mode: Mode) => resolve(ROOT, `.output/chrome-mv3-${mode}`);
/** Where the e2e run leaves screenshots for a person to look at (gitignored; CI keeps it as an artifact). */
export const SCREENSHOTS = resolve(ROOT, 'artifacts/screenshots');

/** The status vocabulary as the popup shows it (English, the default locale). */
export const STATUS = {
  connected: 'Connected',
  'reauth-soon': 'Reauthorize soon',
  disconnected: 'Disconnected',
  lapsed: 'Lapsed',
} as const;

/** Chromium's path, or an error that says how to get one: the browser tests fail, never skip. */
export function requireBrowser(): string {
  const path = findBrowser();
  if (!path) throw new Error(`The end-to-end tests need a browser. ${NO_BROWSER}`);
  return path;
}

const built = new Set<Mode>();

/**
 * Builds the extension (once per process and mode). The e2e config's global setup builds the simulation
 * before any file runs; a test that needs the production build calls this itself. E2E_SKIP_BUILD=1 reuses
 * whatever is in .output (for quick local iterations).
 */
export function buildExtension(mode: Mode): string {
  const dir = outDir(mode);
  if (built.has(mode) || (process.env.E2E_SKIP_BUILD && existsSync(resolve(dir, 'manifest.json'))))
    return dir;
  const result = spawnSync(resolve(ROOT, 'node_modules/.bin/wxt'), ['build', '--mode', mode], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`wxt build --mode ${mode} failed:\n${result.stdout}\n${result.stderr}`);
  built.add(mode);
  return dir;
}

/** The built extension's directory; builds it if the global setup has not (a file run on its own). */
export function extensionDir(mode: Mode): string {
  const dir = outDir(mode);
  if (mode === 'simulation' && process.env.E2E_BUILT === '1' && existsSync(resolve(dir, 'manifest.json')))
    return dir;
  return buildExtension(mode);
}

interface ChromeApi {
  chrome: {
    action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
    runtime: { sendMessage(message: unknown): Promise<unknown> };
  };
}

export interface E2E extends LaunchedExtension {
  /** The running service worker (Chrome may have restarted it since launch). */
  currentWorker(): Promise<Worker>;
  /** A new tab on an extension page (`popup.html`, `options.html`, ...), loaded. */
  open(page: string): Promise<Page>;
  /** The popup in a tab, once its first account is shown. */
  openPopup(): Promise<Page>;
  /** The toolbar badge's text, through the extension API in the service worker. */
  badge(): Promise<string>;
  /** The toolbar button's tooltip (names the accounts that need a person). */
  badgeTitle(): Promise<string>;
  /** A message to the background, sent from an extension page (as the popup or settings would). */
  send(request: Request): Promise<Reply>;
  /** A record of the background's IndexedDB `kv` store (state, me, view, ...). */
  kv<K extends KvKey>(key: K): Promise<KvRecords[K] | undefined>;
  /** Switch who "I" am (simulation: one of the demo team), by permission level or id. */
  becomeUser(pick: { permission?: string; superAdmin?: boolean; id?: string }): Promise<string>;
  /** The page opened by `trigger` (e.g. the consent page a Reconnect click opens). */
  pageOpenedBy(trigger: () => Promise<unknown>): Promise<Page>;
  /** Saves artifacts/screenshots/NAME.png. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export interface LaunchOpts {
  mode?: Mode;
  userDataDir?: string;
  args?: string[];
}

export async function launch(opts: LaunchOpts = {}): Promise<E2E> {
  const executablePath = requireBrowser();
  const dir = extensionDir(opts.mode ?? 'simulation');
  const ext = await launchExtension(dir, {
    executablePath,
    headless: true,
    userDataDir: opts.userDataDir,
    args: opts.args,
  });
  let control: Page | null = null;

  const currentWorker = async (): Promise<Worker> =>
    ext.context.serviceWorkers().find((w) => w.url().includes(ext.id)) ??
    (await ext.context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const inWorker = async <T>(fn: () => Promise<T>): Promise<T> => (await currentWorker()).evaluate(fn);

  const open = async (page: string) => {
    const tab = await ext.context.newPage();
    await tab.goto(ext.url(page));
    return tab;
  };

  const e2e: E2E = {
    ...ext,
    currentWorker,
    open,
    async openPopup() {
      const popup = await ext.context.newPage();
      const errors: string[] = [];
      popup.on('pageerror', (error) => errors.push(error.message));
      await popup.goto(ext.url('popup.html'));
      try {
        await popup.getByRole('listitem').first().waitFor({ timeout: 15_000 });
      } catch (error) {
        throw new Error(
          `The popup showed no account within 15 s. Errors on the page: ${errors.join('; ') || 'none'}`,
          { cause: error },
        );
      }
      return popup;
    },
    badge: () => inWorker(() => (globalThis as unknown as ChromeApi).chrome.action.getBadgeText({})),
    badgeTitle: () => inWorker(() => (globalThis as unknown as ChromeApi).chrome.action.getTitle({})),
    async send(request) {
      if (!control || control.isClosed()) control = await open('popup.html');
      return control.evaluate(
        (r) => (globalThis as unknown as ChromeApi).chrome.runtime.sendMessage(r) as Promise<Reply>,
        request,
      );
    },
    async kv(key) {
      const worker = await currentWorker();
      return worker.evaluate(
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
      );
    },
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
    async pageOpenedBy(trigger) {
      const [page] = await Promise.all([ext.context.waitForEvent('page'), trigger()]);
      await page.waitForLoadState();
      return page;
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const path = resolve(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    close: () => ext.context.close(),
  };
  return e2e;
}

/** One browser for the file: launched before its tests, closed after; call the returned getter in tests. */
export function useExtension(opts: LaunchOpts = {}): () => E2E {
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
