// The teams of this server: every change goes through `Teams.step` (server/step.ts: the team's lock, one
// transaction, runtime's Engine); reads come from this process's cache of each team's State while the
// team's version in the database is unchanged. Nothing here decides a rule: core and the Engine do.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AdapterContext, PublishRequest } from '../adapters/types.ts';
import type { Network, Post, State } from '../core/index.ts';
import type { Sealer } from './crypto.ts';
import type { Database } from './db/types.ts';
import type { SlotSignals } from './limits.ts';
import { runStep, type StepContext, type StepMail, type StepOptions } from './step.ts';
import { loadTeam, type TeamRecord, teamVersion } from './store/team-rows.ts';

export type Tx = Transaction<Database>;

/** The network side of one server: real networks with the configured clients, or the mock networks. */
export interface NetworkSide {
  context(network: Network): AdapterContext;
  media?: (post: Post, network: Network) => Pick<PublishRequest, 'imageUrl' | 'video'>;
  /** Whether the server has a client registered for the network (real mode needs one per network). */
  configured?: (network: Network) => boolean;
}

export type { StepContext } from './step.ts';

export interface TeamsOptions {
  db: Kysely<Database>;
  /** PostgreSQL: token writes commit at once here (server/step.ts). */
  autonomous?: Kysely<Database> | null;
  sealer: Sealer;
  network: NetworkSide;
  now: () => number;
  /** Called in the step's transaction after the State is written: schedules the next rule job. */
  afterStep?: (tx: Tx, teamId: string, state: State, clock: number) => Promise<void>;
  /** Email on (issue #17): each step writes its notifications' emails beside them. */
  mail?: StepMail | null;
  /** Check slots given back and looked for across processes (limits.ts). */
  slotSignals?: SlotSignals;
}

export class TeamNotFound extends Error {}

/** A 64-bit advisory lock key per team (hashtextextended is in PostgreSQL 11+). */
export const lockTeam = (tx: Tx, teamId: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`team:${teamId}`}, 0))`.execute(tx);

export class Teams {
  private readonly opts: TeamsOptions;
  private readonly cache = new Map<string, TeamRecord>();

  constructor(opts: TeamsOptions) {
    this.opts = opts;
  }

  now(): number {
    return this.opts.now();
  }

  get db(): Kysely<Database> {
    return this.opts.db;
  }

  /**
   * The team as last committed (no lock): what reads (views, ETags) work from. `known`: its version as the
   * caller just read it (with the member's token), so a cached team costs no further query.
   */
  async read(teamId: string, db: Kysely<Database> | Tx = this.opts.db, known?: number): Promise<TeamRecord> {
    const version = known ?? (await teamVersion(db, teamId));
    if (version === null) throw new TeamNotFound(`No team "${teamId}".`);
    const hit = this.cache.get(teamId);
    // Versions only move forward, and this process keeps only committed teams: one at least as new as the
    // version the caller read is the newest (the caller's may trail a notice, server/member-cache.ts).
    if (hit && hit.version >= version) return hit;
    const loaded = await loadTeam(db, teamId);
    if (!loaded) throw new TeamNotFound(`No team "${teamId}".`);
    this.cache.set(teamId, loaded);
    return loaded;
  }

  /** One step of the team (server/step.ts): the lock, the Engine, everything written in one transaction. */
  step<T>(teamId: string, work: (ctx: StepContext) => Promise<T>, opts: StepOptions = {}) {
    return runStep(
      {
        ...this.opts,
        read: (id, tx) => this.read(id, tx),
        committed: (id, team) => (team ? this.cache.set(id, team) : this.cache.delete(id)),
      },
      teamId,
      work,
      opts,
    );
  }

  /** Forget the cached State (tests; a reset of the simulation). */
  forget(teamId?: string): void {
    if (teamId) this.cache.delete(teamId);
    else this.cache.clear();
  }
}
