// Facts for the renderers, read from the core State right after the engine step that caused them, so the
// server can store them in the outbox in that step's transaction. Who may act is core's R8 answer
// (`canReconnect`), recipients are core's R6 answer (the notification's own list), S7 numbers are the
// accounts' counters: nothing about the rules is decided here.
import { canReconnect } from '../../core/access.ts';
import { reauthDueAt, reconnectDeadline } from '../../core/lifecycle.ts';
import { POLICY } from '../../core/policy.ts';
import type { Account, AuthErrorReason, Notification, Post, State } from '../../core/schemas.ts';
import { REASON_KEY } from './notice.ts';
import type { DigestFacts, NoticeFacts, TeamRef } from './types.ts';

/** Display names of team members; the core's own name (or the id) when the server knows none. */
export type NameOf = (member: string) => string;

const defaultName =
  (state: State): NameOf =>
  (id) =>
    state.users[id]?.name ?? id;

const accountName = (a: Account) => a.profile?.name ?? a.id;

function firstAt(posts: readonly Post[]): number | null {
  let first: number | null = null;
  for (const p of posts) if (p.at !== null && (first === null || p.at < first)) first = p.at;
  return first;
}

/** The posts a reminder warns about (scheduled at or after the due date) or an alert reports (cancelled). */
function affected(kind: Notification['kind'], posts: readonly Post[], due: number | null): Post[] {
  return kind === 'reauth-reminder'
    ? posts.filter((p) => p.state === 'scheduled' && p.at !== null && due !== null && p.at >= due)
    : posts.filter((p) => p.state === 'cancelled');
}

/**
 * R6: the facts of one notification for each of its recipients. Null for an account that is gone, or
 * whose state no longer matches the notification (nothing true could be said).
 */
export function noticeFacts(
  state: State,
  notification: Notification,
  team: TeamRef,
  nameOf: NameOf = defaultName(state),
): Array<{ member: string; facts: NoticeFacts }> | null {
  const account = state.accounts.get(notification.account);
  if (!account) return null;
  const reminder = notification.kind === 'reauth-reminder';
  const due = reminder ? reauthDueAt(account) : null;
  const deadline = reminder
    ? due === null
      ? null
      : due + POLICY[account.network].reconnectWindow
    : reconnectDeadline(account);
  if (deadline === null) return null;
  // An alert speaks of what the network did (R6 Decision); a manual or scheduled disconnect alerts nobody.
  const reason =
    account.reason !== null && account.reason in REASON_KEY ? (account.reason as AuthErrorReason) : null;
  if (!reminder && reason === null) return null;
  const all = state.posts.get(account.id) ?? [];
  const posts = affected(notification.kind, all, due);
  // R6 names every author of a scheduled post (an alert: of a post the disconnect cancelled), whatever its time.
  const authored = all.filter((p) => p.state === (reminder ? 'scheduled' : 'cancelled'));
  const may = canReconnect(state, account);
  const connector = account.connectedBy;
  const recommended = may.includes(connector) ? connector : null;
  const superAdmins = Object.values(state.users)
    .filter((u) => u.superAdmin)
    .map((u) => u.id)
    .sort();
  // R8 Decision: whoever may not act is told who can: the recommended person, otherwise a super admin
  // (another one than the reader: a super admin without access is told to give someone access).
  const ask = (member: string) => {
    const id = recommended ?? superAdmins.find((admin) => admin !== member);
    return id === undefined ? null : nameOf(id);
  };
  return notification.recipients.map((member) => ({
    member,
    facts: {
      kind: notification.kind,
      team,
      account: { id: account.id, network: account.network, name: accountName(account) },
      at: notification.at,
      reason: reminder ? null : reason,
      reauthDueAt: due,
      reconnectDeadline: deadline,
      // The first one still ahead: a post retrying after a transient failure (R11) may be due already.
      posts: {
        count: posts.length,
        first: firstAt(posts.filter((p) => p.at !== null && p.at > notification.at)),
      },
      act: {
        readerMay: may.includes(member),
        names: may.map(nameOf),
        recommended: recommended === null ? null : nameOf(recommended),
        readerIsRecommended: recommended === member,
        ask: ask(member),
      },
      why: {
        connector: connector === member,
        posts: authored.filter((p) => p.author === member).length,
        superAdmin: state.users[member]?.superAdmin ?? false,
      },
    },
  }));
}

/**
 * S7: one user's inbox digest over [from, to), or null when their digest is off (S7: `off` sends nothing).
 * Every account goes in with its access; the renderer applies S7's inclusion rules (digest.ts).
 */
export function digestFacts(
  state: State,
  member: string,
  team: TeamRef,
  period: { from: number; to: number },
): DigestFacts | null {
  const frequency = state.users[member]?.digest.frequency ?? 'off';
  if (frequency === 'off') return null;
  return { kind: 'digest', team, frequency, ...period, accounts: digestAccounts(state, period) };
}

/** S7: the monthly report over [from, to), or null unless the user opted in. */
export function reportFacts(
  state: State,
  member: string,
  team: TeamRef,
  period: { from: number; to: number },
): DigestFacts | null {
  if (!state.users[member]?.digest.monthlyReport) return null;
  return {
    kind: 'monthly-report',
    team,
    frequency: 'monthly',
    ...period,
    accounts: digestAccounts(state, period),
  };
}

function digestAccounts(state: State, { from, to }: { from: number; to: number }) {
  return state.accounts.list().map((a) => ({
    id: a.id,
    network: a.network,
    name: accountName(a),
    access: a.access,
    counts: { ...a.stats },
    published: (state.posts.get(a.id) ?? []).filter(
      (p) => p.state === 'published' && p.at !== null && p.at >= from && p.at < to,
    ).length,
  }));
}
