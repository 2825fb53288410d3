// The report of scenario.md ("Report (stdout, JSON)"): snapshots with ISO instants, stable ordering.
import type { Account, AccountSnapshot, DigestEntry, Notification, State } from '../core/index.ts';
import { digest, settingsOf, snapshots } from '../core/index.ts';

/** ISO instants as scenario.md writes them: "2026-01-10T01:00:00Z", with milliseconds only when there are some. */
export const iso = (t: number | null) =>
  t === null ? null : new Date(t).toISOString().replace('.000Z', 'Z');

export interface ReportSnapshot
  extends Omit<AccountSnapshot, 'reauthDueAt' | 'disconnectedAt' | 'reconnectDeadline' | 'lastCheck'> {
  reauthDueAt: string | null;
  disconnectedAt: string | null;
  reconnectDeadline: string | null;
  lastCheck: { at: string; outcome: string; retryAt: string | null } | null;
}

export interface ReportNotification extends Omit<Notification, 'at'> {
  at: string;
}

export interface ReportStep {
  at: string;
  event: Record<string, unknown> & { type: string };
  source: 'scenario' | 'rule';
  rejected: { rule: string; message: string } | null;
  accounts: ReportSnapshot[];
  notifications: ReportNotification[];
}

export interface Report {
  name: string;
  steps: ReportStep[];
  final: { at: string; accounts: ReportSnapshot[]; digest: DigestEntry[] };
}

export function formatSnapshot(s: AccountSnapshot): ReportSnapshot {
  return {
    id: s.id,
    network: s.network,
    status: s.status,
    reason: s.reason,
    reauthDueAt: iso(s.reauthDueAt),
    disconnectedAt: iso(s.disconnectedAt),
    reconnectDeadline: iso(s.reconnectDeadline),
    visibleInSettings: s.visibleInSettings,
    lastCheck: s.lastCheck
      ? { at: iso(s.lastCheck.at)!, outcome: s.lastCheck.outcome, retryAt: iso(s.lastCheck.retryAt) }
      : null,
    posts: s.posts,
    canReconnect: s.canReconnect,
    canDisconnect: s.canDisconnect,
    recommendedReconnector: s.recommendedReconnector,
    ...settingsOf(s),
  };
}

export function formatNotification(n: Notification): ReportNotification {
  return { at: iso(n.at)!, kind: n.kind, account: n.account, recipients: [...n.recipients].sort() };
}

export const accountsAt = (state: State, now: number) => snapshots(state, now).map(formatSnapshot);

export function finalOf(state: State, now: number): Report['final'] {
  return { at: iso(now)!, accounts: accountsAt(state, now), digest: digest(state) };
}

/**
 * For `--changed-only`: the accounts (as they are in `after`) whose account or posts are not the very same
 * objects in `before` and that `differs(account, was, posts changed)` accepts, in file order. States are
 * immutable and share the chunks of their tables (core/table.ts), so a chunk both States hold is skipped
 * whole: a rule step that changed one account looks at one chunk of accounts, not at every account. The
 * account before (`was`) comes from the same position of the aligned table, not from a lookup by id.
 */
export function changedAccounts(
  before: State,
  after: State,
  differs: (account: Account, was: Account | undefined, postsChanged: boolean) => boolean,
): Account[] {
  const [a, b, ap, bp] = [after.accounts, before.accounts, after.posts, before.posts];
  // Tables whose positions hold other ids (never from the engine): every account is a candidate, by id.
  if (!a.alignedWith(b) || !ap.alignedWith(a) || !bp.alignedWith(b)) {
    return a
      .list()
      .filter((account) => differs(account, b.get(account.id), ap.get(account.id) !== bp.get(account.id)));
  }
  const found: Account[] = [];
  for (let c = 0; c < a.chunkCount; c++) {
    const [accounts, was, posts, postsWere] = [a.chunk(c)!, b.chunk(c), ap.chunk(c), bp.chunk(c)];
    if (accounts === was && posts === postsWere) continue;
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[i]!;
      const postsChanged = posts?.[i] !== postsWere?.[i];
      if ((account !== was?.[i] || postsChanged) && differs(account, was?.[i], postsChanged))
        found.push(account);
    }
  }
  return found;
}
