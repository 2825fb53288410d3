// The connection log's cap by count and by age (issue #13 finding 8; extension/README.md documents it):
// lines beyond it go in the same commit that adds the new ones.
import { describe, expect, it, vi } from 'vitest';
import { DAY } from '../../core/index.ts';
import { LOG_CAP } from '../../extension/background/log-cap.ts';
import { Store } from '../../extension/background/store.ts';
import { openHealthDb } from '../../extension/lib/db.ts';
import type { LogEntry } from '../../extension/lib/types.ts';
import { T0 } from './fixtures.ts';
import { freshDbName } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const line = (at: number, n: number): LogEntry => ({
  at,
  rule: 'R11',
  account: 'fb-1',
  message: `line ${n}`,
  source: 'sweep',
});

async function messages(store: Store) {
  return (await store.log(1_000)).map((e) => e.message).reverse();
}

describe('the event log is capped (issue #13 finding 8)', () => {
  it('by count: the oldest lines beyond the cap go, in the commit that adds the new ones', async () => {
    const store = new Store(await openHealthDb(freshDbName()), { lines: 5, age: 1_000 * DAY });
    await store.commit({ log: [1, 2, 3, 4].map((n) => line(T0 + n, n)) });
    await store.commit({ log: [5, 6, 7].map((n) => line(T0 + n, n)) });
    expect(await messages(store)).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
  });

  it('by age: lines older than the cap before the newest line go', async () => {
    const store = new Store(await openHealthDb(freshDbName()), { lines: 100, age: 10 * DAY });
    await store.commit({ log: [line(T0, 1), line(T0 + 5 * DAY, 2)] });
    await store.commit({ log: [line(T0 + 12 * DAY, 3)] });
    expect(await messages(store)).toEqual(['line 2', 'line 3']);
  });

  it('a commit without log lines deletes nothing', async () => {
    const store = new Store(await openHealthDb(freshDbName()), { lines: 1, age: DAY });
    await store.commit({ log: [line(T0, 1)] });
    await store.commit({ clock: T0 + 100 * DAY });
    expect(await messages(store)).toEqual(['line 1']);
  });

  it('R4/R5: the documented cap keeps 10,000 lines and 400 days, longer than the longest reconnect window', () => {
    expect(LOG_CAP).toEqual({ lines: 10_000, age: 400 * DAY });
    expect(LOG_CAP.age).toBeGreaterThan(365 * DAY);
  });

  it('by default a store keeps the documented cap: a line 401 days before the newest goes, one 399 days before stays', async () => {
    const store = new Store(await openHealthDb(freshDbName()));
    await store.commit({ log: [line(T0, 1), line(T0 + 2 * DAY, 2)] });
    await store.commit({ log: [line(T0 + 401 * DAY, 3)] });
    expect(await messages(store)).toEqual(['line 2', 'line 3']);
  });
});
