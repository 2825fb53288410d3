// IndexedDB schema upgrades (one test per version) and the one-transaction rule for every change.
import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createState, type StateData, stateToData } from '../../core/index.ts';
import { Store } from '../../extension/background/store.ts';
import { DB_VERSION, openHealthDb, UPGRADES } from '../../extension/lib/db.ts';
import { freshDbName, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

/** What each version's database holds: stores and their indexes. Add a row with every new upgrade. */
const SCHEMA: Record<number, Record<string, string[]>> = {
  1: { kv: [], log: ['account', 'rule'], tokens: [] },
  2: { kv: [], log: ['account', 'rule'], tokens: [] },
};

async function schemaOf(name: string, version: number) {
  const db = await openDB(name, version);
  const stores: Record<string, string[]> = {};
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names);
  for (const store of names) stores[store] = [...tx.objectStore(store).indexNames].sort();
  db.close();
  return stores;
}

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await deleteDB(name);
});

describe('schema upgrades', () => {
  it('every upgrade has its expected schema here (a new version without a test fails)', () => {
    expect(Object.keys(SCHEMA).map(Number)).toEqual(UPGRADES.map((_, i) => i + 1));
    expect(DB_VERSION).toBe(UPGRADES.length);
  });

  for (const version of Object.keys(SCHEMA).map(Number)) {
    it(`v${version - 1} -> v${version} yields the v${version} schema`, async () => {
      const name = freshDbName();
      names.push(name);
      if (version > 1) (await openHealthDb(name, version - 1)).close();
      (await openHealthDb(name, version)).close();
      expect(await schemaOf(name, version)).toEqual(SCHEMA[version]);
    });
  }

  it('a fresh install runs every upgrade in order to the current version', async () => {
    const name = freshDbName();
    names.push(name);
    const db = await openHealthDb(name);
    expect(db.version).toBe(DB_VERSION);
    db.close();
    expect(await schemaOf(name, DB_VERSION)).toEqual(SCHEMA[DB_VERSION]);
  });
});

describe('v1 -> v2: the extension never holds an app secret (issue #16)', () => {
  it('deletes every stored client secret and keeps the client ids, the state and the tokens', async () => {
    const name = freshDbName();
    names.push(name);
    const v1 = await openHealthDb(name, 1);
    await v1.put(
      'kv',
      { x: { clientId: 'x-id' }, facebook: { clientId: 'fb-id', clientSecret: 'fb-SECRET' } } as never,
      'clients',
    );
    await v1.put('kv', 42, 'clock');
    await v1.put(
      'tokens',
      { accessToken: 'tok', refreshToken: null, expiresAt: null, refreshExpiresAt: null, scopes: [] },
      'x-1',
    );
    v1.close();
    const v2 = await openHealthDb(name, 2);
    expect(await v2.get('kv', 'clients')).toEqual({
      x: { clientId: 'x-id' },
      facebook: { clientId: 'fb-id' },
    });
    expect(await v2.get('kv', 'clock')).toBe(42);
    expect((await v2.get('tokens', 'x-1'))?.accessToken).toBe('tok');
    const everything = JSON.stringify([await v2.getAll('kv'), await v2.getAll('tokens')]);
    expect(everything).not.toContain('SECRET');
    v2.close();
  });

  it('a database with no client settings upgrades without inventing any', async () => {
    const name = freshDbName();
    names.push(name);
    (await openHealthDb(name, 1)).close();
    const v2 = await openHealthDb(name, 2);
    expect(await v2.get('kv', 'clients')).toBeUndefined();
    v2.close();
  });
});

describe('Store.commit: one transaction per change', () => {
  const state = createState({ users: [{ id: 'ada', permission: 'all-accounts' }], accounts: [] });
  const tokens = {
    accessToken: 'a',
    refreshToken: null,
    expiresAt: null,
    refreshExpiresAt: null,
    scopes: [],
  };

  it('writes state, clock, tokens and log lines together', async () => {
    resetBrowser();
    const name = freshDbName();
    names.push(name);
    const store = new Store(await openHealthDb(name));
    await store.commit({
      state,
      clock: 5,
      tokens: { 'li-1': tokens },
      log: [{ at: 5, rule: 'R3', account: 'li-1', message: 'Disconnected.', source: 'user' }],
    });
    expect(await store.get('state')).toEqual(state);
    // On disk the State is its plain data (the same record as before core/table.ts): no upgrade needed,
    // and a page reading it raw (the simulator panel) sees accounts by id.
    const raw = (await store.db.get('kv', 'state')) as StateData;
    expect(raw).toEqual(stateToData(state));
    expect(Object.keys(raw.accounts)).toEqual([...state.accounts.keys()]);
    expect(await store.get('clock')).toBe(5);
    expect(await store.tokens().get('li-1')).toEqual(tokens);
    expect(await store.log()).toEqual([
      { at: 5, rule: 'R3', account: 'li-1', message: 'Disconnected.', source: 'user' },
    ]);
    store.db.close();
  });

  it('a change that fails half-way leaves nothing of itself behind', async () => {
    const name = freshDbName();
    names.push(name);
    const store = new Store(await openHealthDb(name));
    await store.commit({ state, clock: 1 });
    const later = { ...state, seq: 7 };
    // A function cannot be cloned into IndexedDB: the log write throws after state and clock were queued.
    const poison = { at: 2, rule: 'R3', account: '', message: 'x', source: 'user', bad: () => 1 };
    await expect(
      store.commit({ state: later, clock: 2, log: [poison as never], tokens: { 'li-1': tokens } }),
    ).rejects.toThrow();
    expect(await store.get('state')).toEqual(state);
    expect(await store.get('clock')).toBe(1);
    expect(await store.tokens().get('li-1')).toBeNull();
    expect(await store.log()).toEqual([]);
    store.db.close();
  });
});
