// What every extension page reads and sends: one stored record from IndexedDB (never a round trip to a
// service worker that may be asleep), requests to the background, and its change broadcasts.
import type { IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import type { HealthDb, KvKey, KvRecords } from './db.ts';
import { locale } from './i18n.ts';
import type { Request } from './protocol.ts';
import { isChanged, type Reply } from './wire.ts';

export interface StoredSource<T> {
  load(): Promise<T | undefined>;
  send(request: Request): Promise<Reply>;
  /** Calls back when the background says the stored records changed; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
  now(): number;
  locale: string;
}

/** Records of one type that a page reads: its whole `key`, and optionally a smaller first screen. */
type SameType<K extends KvKey> = { [F in KvKey]: KvRecords[F] extends KvRecords[K] ? F : never }[KvKey];

/**
 * `load()` reads `key`. With `first`, `loadFirst()` reads that smaller record instead (the popup's
 * `glance`), falling back to `key` when it is not there yet (a database written before it existed).
 */
export function storedSource<K extends KvKey>(
  db: IDBPDatabase<HealthDb>,
  key: K,
  first?: SameType<K>,
): StoredSource<KvRecords[K]> & { loadFirst(): Promise<KvRecords[K] | undefined> } {
  // The simulation build's clock runs ahead of the wall clock by the simulator's offset (0 in production).
  let offset = 0;
  // The offset and the record in one transaction: never a record from one write with the offset from
  // another. (A read-only transaction needs no wait for its completion.)
  const read = async (k: KvKey) => {
    const store = db.transaction('kv').store;
    const [o, value] = await Promise.all([store.get('clockOffset'), store.get(k)]);
    offset = (o as number | undefined) ?? 0;
    return value as KvRecords[K] | undefined;
  };
  return {
    load: () => read(key),
    loadFirst: async () => (first ? ((await read(first)) ?? read(key)) : read(key)),
    send: (request) => browser.runtime.sendMessage(request) as Promise<Reply>,
    subscribe: subscribeChanges,
    now: () => Date.now() + offset,
    locale: locale(),
  };
}

/** Calls `onChange` on each of the background's change broadcasts; returns the unsubscribe. */
export function subscribeChanges(onChange: () => void): () => void {
  const listener = (message: unknown, sender: { id?: string }) => {
    if (isChanged(message, sender, browser.runtime.id)) onChange();
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
