// The report of scenario.md ("Report (stdout, JSON)"): snapshots with ISO instants, stable ordering.
import type { AccountSnapshot, DigestEntry, Notification, State } from '../core/index.ts';
import { digest, snapshots } from '../core/index.ts';

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
    access: s.access,
    default: s.default,
    autopublish: s.autopublish,
    brand: s.brand,
    postVisibility: s.postVisibility,
    sharingLocked: s.sharingLocked,
  };
}

export function formatNotification(n: Notification): ReportNotification {
  return { at: iso(n.at)!, kind: n.kind, account: n.account, recipients: [...n.recipients].sort() };
}

export const accountsAt = (state: State, now: number) => snapshots(state, now).map(formatSnapshot);

export function finalOf(state: State, now: number): Report['final'] {
  return { at: iso(now)!, accounts: accountsAt(state, now), digest: digest(state) };
}
