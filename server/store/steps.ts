// What a step leaves behind besides the State: an event-log row per engine step (what happened, who did
// it, whether a rule refused it) and an outbox row per notification, written in the step's transaction.
// The outbox's dedupe key makes a notification land once even if the same step is ever applied twice.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { EngineStep } from '../../runtime/engine.ts';
import { stepAccount, stepActor } from '../../runtime/steps.ts';
import { type Database, num } from '../db/types.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The event as the log shows it: no internal `due`, no profile, check results reduced to their outcome. */
export function publicDetail(step: EngineStep): Record<string, unknown> {
  const detail: Record<string, unknown> = { ...step.event };
  delete detail.due;
  delete detail.profile;
  if (step.event.type === 'checked') {
    detail.results = step.event.results.map((r) => ({
      account: r.account,
      outcome: r.outcome.kind,
      ...('retryAt' in r.outcome && r.outcome.retryAt ? { retryAt: r.outcome.retryAt } : {}),
    }));
  }
  const logs = step.effects.flatMap((e) => (e.type === 'log' ? [{ rule: e.rule, message: e.message }] : []));
  if (logs.length) detail.log = logs;
  return detail;
}

export async function recordSteps(db: Db, teamId: string, steps: readonly EngineStep[]): Promise<void> {
  if (steps.length === 0) return;
  await db
    .insertInto('events')
    .values(
      steps.map((s) => ({
        team_id: teamId,
        at: s.at,
        source: s.source,
        type: s.event.type,
        account: stepAccount(s.event),
        actor: stepActor(s.event),
        rejected: s.rejected ? JSON.stringify({ rule: s.rejected.rule, message: s.rejected.message }) : null,
        detail: JSON.stringify(publicDetail(s)),
      })),
    )
    .execute();
  const notes = steps.flatMap((s) => s.notifications);
  if (notes.length === 0) return;
  await db
    .insertInto('outbox')
    .values(
      notes.map((n) => ({
        team_id: teamId,
        at: n.at,
        kind: n.kind,
        account: n.account,
        recipients: JSON.stringify([...n.recipients].sort()),
        dedupe: `${teamId}|${n.kind}|${n.account}|${n.at}`,
      })),
    )
    .onConflict((oc) => oc.column('dedupe').doNothing())
    .execute();
}

export interface EventRow {
  id: number;
  at: number;
  source: string;
  type: string;
  account: string | null;
  actor: string | null;
  rejected: { rule: string; message: string } | null;
  detail: Record<string, unknown>;
}

/** The team's event log, newest first, `before` an id for the next page. */
export async function eventPage(
  db: Db,
  teamId: string,
  opts: { before?: number; limit: number },
): Promise<EventRow[]> {
  let q = db.selectFrom('events').selectAll().where('team_id', '=', teamId);
  if (opts.before !== undefined) q = q.where('id', '<', opts.before);
  const rows = await q.orderBy('id', 'desc').limit(opts.limit).execute();
  return rows.map((r) => ({
    id: num(r.id),
    at: num(r.at),
    source: r.source,
    type: r.type,
    account: r.account,
    actor: r.actor,
    rejected: r.rejected as EventRow['rejected'],
    detail: r.detail as Record<string, unknown>,
  }));
}

export interface NotificationRow {
  id: number;
  at: number;
  kind: string;
  account: string;
  recipients: string[];
}

/** A member's notifications after the cursor (an outbox id), oldest first. */
export async function notificationsAfter(
  db: Db,
  teamId: string,
  userId: string,
  opts: { after: number; limit: number },
): Promise<NotificationRow[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('id', '>', opts.after)
    .where(sql<boolean>`recipients @> ${JSON.stringify([userId])}::jsonb`)
    .orderBy('id')
    .limit(opts.limit)
    .execute();
  return rows.map((r) => ({
    id: num(r.id),
    at: num(r.at),
    kind: r.kind,
    account: r.account,
    recipients: r.recipients,
  }));
}
