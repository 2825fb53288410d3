// The connection log's cap (issue #13 finding 8): the simulation writes about 720 lines a day for the demo
// team, and nothing else ever deleted a line. Each commit that adds lines also deletes, in the same
// transaction, the oldest lines beyond the count and those older than the age, counted back from the
// newest line written (the simulated clock in the simulation build). Documented in extension/README.md.
import type { IDBPObjectStore } from 'idb';
import { DAY } from '../../core/index.ts';
import type { HealthDb } from '../lib/db.ts';

export interface LogCap {
  /** At most this many lines are kept. */
  lines: number;
  /** Lines older than this (ms) before the newest one are deleted. */
  age: number;
}

/**
 * 10,000 lines (two weeks of the simulation's demo team, years of a real team's disconnects) and 400 days:
 * longer than the longest reconnect window (R4: 365 days), so a lapse (R5) still finds its disconnect line.
 */
export const LOG_CAP: LogCap = { lines: 10_000, age: 400 * DAY };

type LogStore = IDBPObjectStore<HealthDb, ('kv' | 'tokens' | 'log')[], 'log', 'readwrite'>;

/**
 * Deletes from the oldest line on while there are too many or the line is too old; stops at the first line
 * that may stay, so a commit reads one line more than it deletes.
 */
export async function pruneLog(log: LogStore, newest: number, cap: LogCap = LOG_CAP): Promise<void> {
  let excess = (await log.count()) - cap.lines;
  const cutoff = newest - cap.age;
  let cursor = await log.openCursor();
  while (cursor && (excess > 0 || cursor.value.at < cutoff)) {
    await cursor.delete();
    excess -= 1;
    cursor = await cursor.continue();
  }
}
