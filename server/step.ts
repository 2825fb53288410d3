// One step of one team (design.md "Data flows in one loop", issue #15 "Every change is one transaction"):
// on one database connection, the team's advisory lock (held for the whole step, so several server
// processes never apply two events to one team at once), a transaction, the rules due before now, the
// work through runtime's Engine, the rules due at now, then the changed rows, the event-log entries, the
// outbox and the next rule job, committed together.
// Write-ahead (the extension's rule, core PUBLISH_LEASE): before a publish goes to the network the State
// holding the post's lease is committed and the step goes on in a new transaction, still under the lock.
// A process killed during the publish call then leaves the post held for its lease, not due at once: no
// double publish when the step is redone. On PostgreSQL token writes commit at once on a pool of their own
// (a rotated refresh token is never lost with a failed step); on PGlite they go with the step.
import { type ControlledTransaction, type Kysely, sql } from 'kysely';
import { createConnections } from '../adapters/connection.ts';
import { ADAPTERS } from '../adapters/index.ts';
import type { Network, Notification, State } from '../core/index.ts';
import type { TeamRef } from '../runtime/email/index.ts';
import { type AuthFlow, Engine, type EngineStep } from '../runtime/engine.ts';
import type { Sealer } from './crypto.ts';
import type { Database } from './db/types.ts';
import { CheckSlots, type SlotSignals } from './limits.ts';
import type { NewOutboxEntry } from './mail/outbox.ts';
import { type StepUpkeep, stepUpkeep } from './renewals.ts';
import { recordSteps } from './store/steps.ts';
import { saveTeam, type TeamRecord } from './store/team-rows.ts';
import { type ServerTokenStore, tokenStore } from './store/tokens.ts';
import type { NetworkSide, Tx } from './teams.ts';

export interface StepContext {
  engine: Engine;
  /** The step's current transaction (a write-ahead checkpoint moves it on: read it when needed). */
  readonly tx: Tx;
  now: number;
  teamId: string;
  /** The team's token store in the step's transaction. */
  tokens: ServerTokenStore;
}

export interface StepOptions {
  /** Answers consent-based actions (the OAuth callback already holds the tokens and profile). */
  flow?: AuthFlow;
  /** Runs in the step's last transaction before it commits (a job's completion commits with its step). */
  finish?: (tx: Tx) => Promise<void>;
  /** Each check of the step holds one of its network's slots across processes while it runs (limits.ts). */
  limits?: Record<Network, number>;
}

export interface StepDeps {
  /** Slots given back and looked for across processes (limits.ts). */
  slotSignals?: SlotSignals;
  db: Kysely<Database>;
  /** Where token writes commit at once (PostgreSQL); without it they go with the step (PGlite). */
  autonomous?: Kysely<Database> | null;
  sealer: Sealer;
  network: NetworkSide;
  now: () => number;
  read: (teamId: string, tx: Tx) => Promise<TeamRecord>;
  /** A committed State (checkpoint or end of step), for the cache; null: forget it. */
  committed: (teamId: string, team: TeamRecord | null) => void;
  afterStep?: (tx: Tx, teamId: string, state: State, clock: number) => Promise<void>;
  /** Email (issue #17), when the server sends any: a notification's emails, and writing them. */
  mail?: StepMail | null;
}

export interface StepMail {
  entries(state: State, notification: Notification, team: TeamRef): NewOutboxEntry[];
  write(tx: Tx, entries: NewOutboxEntry[], now: number): Promise<void>;
}

const NO_FLOW: AuthFlow = async () => ({
  ok: false,
  message: 'Connecting needs the network consent: ask the server for a consent URL first.',
});

const lockKey = (teamId: string) => sql`hashtextextended(${`team:${teamId}`}, 0)`;

export async function runStep<T>(
  d: StepDeps,
  teamId: string,
  work: (ctx: StepContext) => Promise<T>,
  opts: StepOptions = {},
): Promise<{ value: T; steps: EngineStep[]; state: State }> {
  return d.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${lockKey(teamId)})`.execute(conn);
    let tx: ControlledTransaction<Database> | null = null;
    let renewals: StepUpkeep | null = null;
    const slots = opts.limits ? new CheckSlots(() => tx ?? conn, opts.limits, d.slotSignals) : null;
    try {
      tx = await conn.startTransaction().execute();
      const team = await d.read(teamId, tx);
      const current = () => tx!;
      let base = team.state;
      let version = team.version;
      const pending: EngineStep[] = [];
      const steps: EngineStep[] = [];
      const now = Math.max(d.now(), team.clock);
      let latest = team.state;
      // R12: X rotates refresh tokens, so a renewed token must outlive a step that fails after the renewal.
      const tokens = tokenStore(d.autonomous ?? current, d.sealer, teamId, d.now, {
        networkOf: (id) => latest.accounts.get(id)?.network,
      });
      const connections = createConnections({ adapters: ADAPTERS, tokens, context: d.network.context });
      if (slots) {
        const check = connections.check;
        connections.check = async (account) => {
          const release = await slots.take(account.network);
          try {
            return await check(account);
          } finally {
            release();
          }
        };
      }
      // Token renewals due now run in this step, in time order with the rules (server/renewals.ts).
      renewals = await stepUpkeep(tokens, connections, team.state, now);
      const emails: NewOutboxEntry[] = [];
      const save = async () => {
        // Nothing happened (a check skipped as recent, a rule job with nothing due): no write, and the
        // other processes' cached State stays valid.
        if (engine.state === base && pending.length === 0) return;
        version += 1;
        await saveTeam(current(), teamId, base, engine.state, engine.clock, version);
        await recordSteps(current(), teamId, pending);
        // The emails of this step's notifications, beside its notification outbox (issue #17).
        if (emails.length) await d.mail?.write(current(), emails.splice(0), now);
        steps.push(...pending.splice(0));
        base = engine.state;
      };
      const ref = { id: teamId, name: team.name };
      const engine: Engine = new Engine({
        state: team.state,
        clock: team.clock,
        connections,
        upkeep: renewals.upkeep,
        flow: opts.flow ?? NO_FLOW,
        tokens,
        media: d.network.media,
        // Engine.advance stops a rule transition that changes nothing (it would fire for ever) itself.
        onStep: (step, after) => {
          pending.push(step);
          latest = after;
          // The email's facts from the State right after the step that caused it (server/mail/entries.ts).
          for (const n of step.notifications) emails.push(...(d.mail?.entries(after, n, ref) ?? []));
        },
        beforeNetwork: async () => {
          await save();
          await tx!.commit().execute();
          tx = null;
          d.committed(teamId, { ...team, state: base, clock: engine.clock, version });
          tx = await conn.startTransaction().execute();
        },
      });
      await engine.advance(now, false);
      const value = await work({
        engine,
        get tx() {
          return current();
        },
        now,
        teamId,
        tokens,
      });
      await engine.advance(now);
      await renewals.persist();
      await save();
      await d.afterStep?.(current(), teamId, engine.state, engine.clock);
      await opts.finish?.(current());
      await tx.commit().execute();
      tx = null;
      d.committed(teamId, { ...team, state: engine.state, clock: engine.clock, version });
      return { value, steps, state: engine.state };
    } catch (error) {
      if (tx)
        await tx
          .rollback()
          .execute()
          .catch(() => {});
      d.committed(teamId, null);
      throw error;
    } finally {
      renewals?.close();
      await slots?.releaseAll(conn);
      await sql`select pg_advisory_unlock(${lockKey(teamId)})`.execute(conn).catch(() => {});
    }
  });
}
