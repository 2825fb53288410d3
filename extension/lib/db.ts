// The extension's IndexedDB schema (through idb, https://github.com/jakearchibald/idb) and its upgrades.
// Shared by the background (reads and writes everything) and the popup (reads the `view` record only, so
// it renders at once without waking the service worker). Keep this file free of heavy imports: the popup
// bundles it.
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { TokenSet } from '../../adapters/types.ts';
import type { RuleId, StateData } from '../../core/index.ts';
import type { MemberView } from '../background/team/api.ts';
import type {
  ClientSettings,
  ClockJump,
  LogEntry,
  PopupView,
  SettingsView,
  Sweep,
  TeamStatus,
} from './types.ts';

export const DB_NAME = 'social-health';

/** Records of the `kv` store, one per key. */
export interface KvRecords {
  /** The core State as plain data (accounts, posts, users, settings, blog posts; core/schemas.ts StateData). */
  state: StateData;
  /** Instant up to which the rules have run (Engine.clock). */
  clock: number;
  /** The current user's id (R6, R8, R10, S3 are from this person's point of view). */
  me: string;
  /** The health sweep in progress, so a stopped service worker resumes it (R11). */
  sweep: Sweep | null;
  /** What the popup renders, rebuilt with every state change. */
  view: PopupView;
  /**
   * The popup's first screen, written with `view`: its most urgent rows only, so the popup reads and
   * renders a few kilobytes at once and the whole list a moment later (issue #5: first render < 100 ms).
   */
  glance: PopupView;
  /** What the settings page renders, rebuilt with every state change. */
  settings: SettingsView;
  /** Simulation build: how far the simulated clock is ahead of the wall clock (ms). */
  clockOffset: number;
  /** Simulation build: the mock world's injected faults, so they survive a service-worker restart. */
  world: unknown;
  /** OAuth client registrations per network (real mode, from the options page). */
  clients: ClientSettings;
  /** Real mode: a forward jump of the computer's clock waiting for confirmation (issue #13). */
  clockJump: ClockJump | null;
  /**
   * Team mode (issue #16): the membership, with the member token. Only the background reads it; no page
   * shows it (the token is shown once, by the server, at join, and then only sent to that server).
   */
  team: TeamMembership;
  /** Team mode: what pages show of the membership (no credential). */
  teamStatus: TeamStatus;
  /** Team mode: the poll's ETag, the inbox cursor and the notification ids already shown. */
  teamSync: TeamSync;
}

export interface TeamMembership {
  server: string;
  token: string;
  tokenId: string;
  team: string;
  user: string;
  /** The simulation build's own clock offset before joining, put back on leaving. */
  offsetBefore: number;
}

export interface TeamSync {
  etag: string | null;
  /** The server's member view as last received (what the ETag is for). */
  view: MemberView | null;
  /** GET /api/settings as last received (S1-S8, the member's S7 digest): the settings page builds on it. */
  settings?: Record<string, unknown>;
  /** The inbox cursor: notifications after this id are new. */
  cursor: number;
  /** Notification ids already shown (newest last, bounded): a restart never shows one twice. */
  seen: number[];
}
export type KvKey = keyof KvRecords;

export interface HealthDb extends DBSchema {
  kv: { key: KvKey; value: KvRecords[KvKey] };
  /** Tokens apart from the state: never sent to pages, never logged. */
  tokens: { key: string; value: TokenSet };
  /** Append-only connection log for people to read (Engine `log` effects, with their rule ids). */
  log: { key: number; value: LogEntry; indexes: { account: string; rule: RuleId } };
}

type Upgrade = (
  db: IDBPDatabase<HealthDb>,
  tx: IDBPTransaction<HealthDb, StoreNames<HealthDb>[], 'versionchange'>,
) => void;

/**
 * UPGRADES[n] takes the database from version n to n + 1. Append only: never edit a shipped upgrade,
 * add the next one (and its test in test/extension/db.test.ts, which fails for an untested version).
 */
export const UPGRADES: readonly Upgrade[] = [
  // v1: state, tokens and the connection log.
  (db) => {
    db.createObjectStore('kv');
    db.createObjectStore('tokens');
    const log = db.createObjectStore('log', { autoIncrement: true });
    log.createIndex('account', 'account');
    log.createIndex('rule', 'rule');
  },
  // v2: the extension never holds an app secret (issue #16): client secrets an earlier options page stored
  // are deleted; the client ids stay. (Requests made in the upgrade's own transaction, before it ends.)
  (_db, tx) => {
    const kv = tx.objectStore('kv');
    void kv.get('clients').then((stored) => {
      if (!stored || typeof stored !== 'object') return;
      const ids = Object.entries(stored as Record<string, { clientId?: unknown }>).map(([network, c]) => [
        network,
        { clientId: typeof c?.clientId === 'string' ? c.clientId : '' },
      ]);
      return kv.put(Object.fromEntries(ids), 'clients');
    });
  },
];

export const DB_VERSION = UPGRADES.length;

/** Opens (and upgrades) the database; tests get a fresh one from fake-indexeddb under a unique name. */
export function openHealthDb(name = DB_NAME, version = DB_VERSION): Promise<IDBPDatabase<HealthDb>> {
  return openDB<HealthDb>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) UPGRADES[v]!(db, tx);
    },
  });
}

export async function readKv<K extends KvKey>(
  db: IDBPDatabase<HealthDb>,
  key: K,
): Promise<KvRecords[K] | undefined> {
  return (await db.get('kv', key)) as KvRecords[K] | undefined;
}
