// Every write to IndexedDB goes through `commit`: one readwrite transaction over all stores, so a change
// (state + clock + log lines + tokens + sweep progress + view) lands whole or not at all. A service worker
// stopped mid-commit leaves the previous version intact (IndexedDB aborts unfinished transactions).
import type { IDBPDatabase } from 'idb';
import type { TokenStore } from '../../adapters/connection.ts';
import type { TokenSet } from '../../adapters/types.ts';
import { type State, stateFromData, stateToData } from '../../core/index.ts';
import type { HealthDb, KvKey, KvRecords } from '../lib/db.ts';
import type { LogEntry } from '../lib/types.ts';
import { LOG_CAP, type LogCap, pruneLog } from './log-cap.ts';

/** The records as the background works with them: the State with its tables, stored as plain data. */
type Records = Omit<KvRecords, 'state'> & { state: State };

export type Change = Partial<Records> & {
  tokens?: Record<string, TokenSet>;
  log?: LogEntry[];
};

const KV_KEYS: readonly KvKey[] = [
  'state',
  'clock',
  'me',
  'sweep',
  'view',
  'glance',
  'settings',
  'clients',
  'clockOffset',
  'world',
  'clockJump',
  'team',
  'teamStatus',
  'teamSync',
];

export class Store {
  readonly db: IDBPDatabase<HealthDb>;
  private readonly logCap: LogCap;

  constructor(db: IDBPDatabase<HealthDb>, logCap: LogCap = LOG_CAP) {
    this.db = db;
    this.logCap = logCap;
  }

  async commit(change: Change): Promise<void> {
    const tx = this.db.transaction(['kv', 'tokens', 'log'], 'readwrite');
    const writes: Promise<unknown>[] = [];
    try {
      for (const key of KV_KEYS) {
        if (!(key in change)) continue;
        const value = key === 'state' ? stateToData(change.state!) : change[key]!;
        writes.push(tx.objectStore('kv').put(value, key));
      }
      for (const [account, tokens] of Object.entries(change.tokens ?? {})) {
        writes.push(tx.objectStore('tokens').put(tokens, account));
      }
      for (const entry of change.log ?? []) writes.push(tx.objectStore('log').add(entry));
      // The log's cap (log-cap.ts), in the same transaction as the lines it makes room for.
      if (change.log?.length) {
        const newest = change.log.reduce((max, e) => (e.at > max ? e.at : max), Number.NEGATIVE_INFINITY);
        writes.push(pruneLog(tx.objectStore('log'), newest, this.logCap));
      }
    } catch (error) {
      // A write that throws synchronously (a value IndexedDB cannot clone) must not let the ones queued
      // before it commit on their own: abort, so nothing of this change lands.
      tx.abort();
      await Promise.allSettled([...writes, tx.done]);
      throw error;
    }
    await Promise.all([...writes, tx.done]);
  }

  async get<K extends KvKey>(key: K): Promise<Records[K] | undefined> {
    const value = await this.db.get('kv', key);
    if (key === 'state' && value) return stateFromData(value as KvRecords['state']) as Records[K];
    return value as Records[K] | undefined;
  }

  /** The newest log lines first. */
  async log(limit = 100): Promise<LogEntry[]> {
    const entries: LogEntry[] = [];
    let cursor = await this.db.transaction('log').store.openCursor(null, 'prev');
    while (cursor && entries.length < limit) {
      entries.push(cursor.value);
      cursor = await cursor.continue();
    }
    return entries;
  }

  /** Every stored token set by account id (the token upkeep indexes them at start-up). */
  async allTokens(): Promise<Map<string, TokenSet>> {
    const tx = this.db.transaction('tokens');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
    return new Map(keys.map((key, i) => [String(key), values[i]!]));
  }

  /**
   * Tokens for the connection layer. Refreshes write at once in their own transaction: X rotates refresh
   * tokens (R12), so a rotated token must be stored before anything else can fail.
   */
  tokens(): TokenStore {
    return {
      get: async (account) => (await this.db.get('tokens', account)) ?? null,
      set: async (account, tokens) => {
        await this.db.put('tokens', tokens, account);
      },
    };
  }
}
