// The report of scenario.md ("Report (stdout, JSON)"): snapshots with ISO instants, stable ordering.
import type { AccountSnapshot, DigestEntry, Notification, State } from '../core/index.ts';
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
 * For `--changed-only`: the ids of the accounts whose account or posts are not the very same objects in
 * `before`, in file order. States are immutable and share the chunks of their tables (core/table.ts), so a
 * chunk both States hold is skipped whole: a rule step that changed one account looks at one chunk of
 * accounts, not at every account. A superset of what changed: the caller still compares what a reader
 * follows.
 */
export function touched(before: State, after: State): string[] {
  const [a, b, ap, bp] = [after.accounts, before.accounts, after.posts, before.posts];
  // Tables whose positions hold other ids (never from the engine): every account is a candidate.
  if (!a.alignedWith(b) || !ap.alignedWith(a) || !bp.alignedWith(b)) return [...a.keys()];
  const ids: string[] = [];
  for (let c = 0; c < a.chunkCount; c++) {
    const [accounts, was, posts, postsWere] = [a.chunk(c)!, b.chunk(c), ap.chunk(c), bp.chunk(c)];
    if (accounts === was && posts === postsWere) continue;
    for (let i = 0; i < accounts.length; i++)
      if (accounts[i] !== was?.[i] || posts?.[i] !== postsWere?.[i]) ids.push(accounts[i]!.id);
  }
  return ids;
}
