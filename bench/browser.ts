// The simulation extension in headless Chromium with 1,000 accounts in its IndexedDB, for the popup (a) and
// memory (e) benchmarks. Seeding, the simplest honest way: let the extension seed its demo team as usual,
// then (from its own service worker, same origin) rewrite the stored core state with 1,000 accounts: the
// 15 demo accounts plus copies of the connected ones under new ids. Close the browser and start it again
// with the same profile: the background boots from that state exactly as after a browser restart, gives
// every connected account a fresh grant in the mock world, and writes the popup's view for 1,000 accounts.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { findBrowser, type LaunchedExtension, launchExtension, NO_BROWSER } from '../scripts/chromium.ts';
import { growTeam } from '../test/e2e/grow-team.ts';

/** A page that does nothing but mark when its (module) script ran: the popup's baseline. */
const BLANK_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>blank</title></head>
<body><p>blank</p><script type="module" src="/blank.js"></script></body></html>
`;
const BLANK_JS = "performance.mark('blank-rendered');\n";

export interface Seeded {
  ext: LaunchedExtension;
  profile: string;
  accounts: number;
}

/** A copy of the built extension with blank.html added (the build itself stays as WXT made it). */
export function withBlankPage(dir: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'bench-ext-')), 'extension');
  cpSync(dir, copy, { recursive: true });
  writeFileSync(join(copy, 'blank.html'), BLANK_HTML);
  writeFileSync(join(copy, 'blank.js'), BLANK_JS);
  return copy;
}

const kvRead = (worker: Worker, key: string) =>
  worker.evaluate(
    (k) =>
      new Promise<unknown>((done, fail) => {
        const open = indexedDB.open('social-health');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get(k);
          get.onsuccess = () => {
            open.result.close();
            done(get.result);
          };
          get.onerror = () => fail(get.error);
        };
      }),
    key,
  );

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function worker(ext: LaunchedExtension): Promise<Worker> {
  return (
    ext.context.serviceWorkers().find((w) => w.url().includes(ext.id)) ??
    (await ext.context.waitForEvent('serviceworker', { timeout: 30_000 }))
  );
}

export async function seededBrowser(dir: string, accounts: number, args: string[] = []): Promise<Seeded> {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error(NO_BROWSER);
  const profile = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const first = await launchExtension(dir, { executablePath, headless: true, userDataDir: profile, args });
  await until('the demo team', () => kvRead(first.worker, 'view'));
  await first.worker.evaluate(growTeam, accounts);
  await first.context.close();

  const ext = await launchExtension(dir, { executablePath, headless: true, userDataDir: profile, args });
  await until(
    `the view of ${accounts} accounts`,
    async () =>
      ((await kvRead(await worker(ext), 'view')) as { accounts: unknown[] } | undefined)?.accounts.length ===
      accounts,
  );
  return { ext, profile, accounts };
}

/** Opens an extension page and returns the startTime (ms since navigation start) of each mark. */
export async function marks(ext: LaunchedExtension, page: string, names: string[]): Promise<number[]> {
  const tab: Page = await ext.context.newPage();
  try {
    await tab.goto(ext.url(page));
    const last = names[names.length - 1]!;
    await tab.waitForFunction((n) => performance.getEntriesByName(n).length > 0, last, { timeout: 30_000 });
    return await tab.evaluate(
      (ns) => ns.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN),
      names,
    );
  } finally {
    await tab.close();
  }
}

export { kvRead, until };
