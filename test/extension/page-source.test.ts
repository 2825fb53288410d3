// What the popup and settings pages read from IndexedDB: one record (and the popup's smaller first screen),
// with the simulated clock's offset from the same transaction.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Store } from '../../extension/background/store.ts';
import { openHealthDb } from '../../extension/lib/db.ts';
import { storedSource } from '../../extension/lib/page-source.ts';
import type { PopupView } from '../../extension/lib/types.ts';
import { freshDbName, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const view = (accounts: number, partial: PopupView['partial'] = null) =>
  ({ at: 1, accounts: Array.from({ length: accounts }, (_, i) => ({ id: `a${i}` })), partial }) as PopupView;

beforeEach(() => void resetBrowser());

describe('stored source', () => {
  it('loadFirst reads the small glance record; load reads the whole view', async () => {
    const db = await openHealthDb(freshDbName());
    await new Store(db).commit({ view: view(40), glance: view(5, { total: 40, attention: 3 }) });
    const source = storedSource(db, 'view', 'glance');
    expect((await source.loadFirst())!.accounts).toHaveLength(5);
    expect((await source.load())!.accounts).toHaveLength(40);
  });

  it('loadFirst falls back to the whole view when no glance was written yet (a database from before it)', async () => {
    const db = await openHealthDb(freshDbName());
    await new Store(db).commit({ view: view(40) });
    expect((await storedSource(db, 'view', 'glance').loadFirst())!.accounts).toHaveLength(40);
  });

  it("now() runs ahead by the simulator's clock offset read with the record", async () => {
    const db = await openHealthDb(freshDbName());
    const source = storedSource(db, 'view', 'glance');
    await new Store(db).commit({ view: view(1), clockOffset: 86_400_000 });
    const before = Date.now();
    await source.loadFirst();
    expect(source.now() - before).toBeGreaterThanOrEqual(86_400_000);
    expect(source.now() - Date.now()).toBeLessThanOrEqual(86_400_000);
  });
});
