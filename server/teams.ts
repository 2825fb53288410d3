// Every change to a team goes through `Teams.step`: one database transaction holding the team's advisory
// lock (so several server processes never apply two events to one team at once), the State read from rows
// (or from this process's cache while the team's version is unchanged), the work done through runtime's
// Engine (act / check / advance), then the changed rows, the event-log entries, the outbox and the next
// rule job written in that same transaction. Nothing here decides a rule: core and the Engine do.
import { type Kysely, sql, type Transaction } from 'kysely';
import { createConnections } from '../adapters/connection.ts';
import { ADAPTERS } from '../adapters/index.ts';
import type { AdapterContext, PublishRequest } from '../adapters/types.ts';
import type { Network, Post, State } from '../core/index.ts';
import { type AuthFlow, Engine, type EngineStep } from '../runtime/engine.ts';
import type { Sealer } from './crypto.ts';
import type { Database } from './db/types.ts';
import { recordSteps } from './store/steps.ts';
import { loadTeam, saveTeam, type TeamRecord, teamVersion } from './store/team-rows.ts';
import { tokenStore } from './store/tokens.ts';

export type Tx = Transaction<Database>;

/** The network side of one server: real networks with the configured clients, or the mock networks. */
export interface NetworkSide {
  context(network: Network): AdapterContext;
  media?: (post: Post, network: Network) => Pick<PublishRequest, 'imageUrl' | 'video'>;
  /** Whether the server has a client registered for the network (real mode needs one per network). */
  configured?: (network: Network) => boolean;
}

export interface StepContext {
  engine: Engine;
  tx: Tx;
  now: number;
  teamId: string;
}

export interface TeamsOptions {
  db: Kysely<Database>;
  sealer: Sealer;
  network: NetworkSide;
  now: () => number;
  /** Called in the step's transaction after the State is written: schedules the next rule job. */
  afterStep?: (tx: Tx, teamId: string, state: State, clock: number) => Promise<void>;
}

export class TeamNotFound extends Error {}

/** Without a consent in hand, consent-based actions are refused; the OAuth callback passes its result. */
const NO_FLOW: AuthFlow = async () => ({
  ok: false,
  message: 'Connecting needs the network consent: ask the server for a consent URL first.',
});

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

  /** The team as last committed (no lock): what reads (views, ETags) work from. */
  async read(teamId: string, db: Kysely<Database> | Tx = this.opts.db): Promise<TeamRecord> {
    const version = await teamVersion(db, teamId);
    if (version === null) throw new TeamNotFound(`No team "${teamId}".`);
    const hit = this.cache.get(teamId);
    if (hit && hit.version === version) return hit;
    const loaded = await loadTeam(db, teamId);
    if (!loaded) throw new TeamNotFound(`No team "${teamId}".`);
    this.cache.set(teamId, loaded);
    return loaded;
  }

  /**
   * One step: lock, load, run the rules due before now, `work`, the rules due at now, write it all, commit.
   * `flow` answers consent-based actions (the OAuth callback already holds the tokens and profile).
   */
  async step<T>(
    teamId: string,
    work: (ctx: StepContext) => Promise<T>,
    opts: { flow?: AuthFlow; tx?: Tx } = {},
  ): Promise<{ value: T; steps: EngineStep[]; state: State }> {
    const run = async (tx: Tx) => {
      await lockTeam(tx, teamId);
      const team = await this.read(teamId, tx);
      const steps: EngineStep[] = [];
      const now = Math.max(this.now(), team.clock);
      const tokens = tokenStore(tx, this.opts.sealer, teamId, this.opts.now);
      const engine = new Engine({
        state: team.state,
        clock: team.clock,
        connections: createConnections({ adapters: ADAPTERS, tokens, context: this.opts.network.context }),
        flow: opts.flow ?? NO_FLOW,
        tokens,
        media: this.opts.network.media,
        onStep: (step) => void steps.push(step),
      });
      await engine.advance(now, false);
      const value = await work({ engine, tx, now, teamId });
      await engine.advance(now);
      const version = team.version + 1;
      await saveTeam(tx, teamId, team.state, engine.state, engine.clock, version);
      await recordSteps(tx, teamId, steps);
      await this.opts.afterStep?.(tx, teamId, engine.state, engine.clock);
      return { value, steps, next: { ...team, state: engine.state, clock: engine.clock, version } };
    };
    const out = opts.tx ? await run(opts.tx) : await this.opts.db.transaction().execute(run);
    // Only a committed State goes into the cache (a caller's outer transaction commits it right after).
    if (!opts.tx) this.cache.set(teamId, out.next);
    else this.cache.delete(teamId);
    return { value: out.value, steps: out.steps, state: out.next.state };
  }

  /** Forget the cached State (tests; a reset of the simulation). */
  forget(teamId?: string): void {
    if (teamId) this.cache.delete(teamId);
    else this.cache.clear();
  }
}
