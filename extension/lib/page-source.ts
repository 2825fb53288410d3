// What every extension page reads and sends: one stored record from IndexedDB (never a round trip to a
// service worker that may be asleep), requests to the background, and its change broadcasts.
import type { IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import type { HealthDb, KvKey, KvRecords } from './db.ts';
import { readKv } from './db.ts';
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

export async function storedSource<K extends KvKey>(
  db: IDBPDatabase<HealthDb>,
  key: K,
): Promise<StoredSource<KvRecords[K]>> {
  // The simulation build's clock runs ahead of the wall clock by the simulator's offset (0 in production).
  let offset = (await readKv(db, 'clockOffset')) ?? 0;
  return {
    load: async () => {
      offset = (await readKv(db, 'clockOffset')) ?? 0;
      return readKv(db, key);
    },
    send: (request) => browser.runtime.sendMessage(request) as Promise<Reply>,
    subscribe(onChange) {
      const listener = (message: unknown, sender: { id?: string }) => {
        if (isChanged(message, sender, browser.runtime.id)) onChange();
      };
      browser.runtime.onMessage.addListener(listener);
      return () => browser.runtime.onMessage.removeListener(listener);
    },
    now: () => Date.now() + offset,
    locale: locale(),
  };
}
