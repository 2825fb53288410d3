// The timeline as data: one lane per account across the simulated time, its status as bands (R1, R2, R5,
// R7) and markers for what happened to it: R6 reminders and alerts (with recipients), checks by outcome
// (R2, R11) and posts published, cancelled (R3), scheduled again or missed (R4), lost (R5). Built from
// either of the two streams a run leaves: the simulator's report steps (sim/report.ts, the CLI and the
// scenario panel) or the extension's event log with the current accounts (the demo team, timeline-log.ts).
// Pure: no browser, no clock; the component (components/Timeline.ts) only draws it.

import type { DisconnectReason, Network, RuleId, Status } from '../../core/index.ts';
import { REMINDER_LEAD } from '../../core/policy.ts';
import type { ReportSnapshot, ReportStep } from '../../sim/report.ts';

export interface Band {
  from: number;
  to: number;
  status: Status;
  reason: DisconnectReason | null;
  rule: RuleId;
}

export type MarkerKind = 'reminder' | 'alert' | 'check' | PostMarker;
export type PostMarker = 'published' | 'cancelled' | 'restored' | 'missed' | 'lost';
export type CheckOutcome = 'ok' | 'auth-error' | 'rate-limited' | 'unavailable' | 'network-error';

export interface Marker {
  at: number;
  /** A cluster of markers of one kind ends here (equal to `at` for a single one). */
  until: number;
  kind: MarkerKind;
  rule: RuleId;
  /** Posts affected, or checks in a cluster. */
  count: number;
  outcome?: CheckOutcome;
  /** R6: user ids, sorted. */
  recipients?: string[];
}

export interface Lane {
  account: string;
  name: string;
  network: Network;
  bands: Band[];
  markers: Marker[];
}

export interface Timeline {
  from: number;
  to: number;
  lanes: Lane[];
}

/** The rule each status stands for: R1 due dates, R7's reminder window, R2 reasons (R1's own), R5. */
export function bandRule(status: Status, reason: DisconnectReason | null): RuleId {
  if (status === 'connected') return 'R1';
  if (status === 'reauth-soon') return 'R7';
  if (status === 'lapsed') return 'R5';
  return reason === 'reauth-required' ? 'R1' : 'R2';
}

const POST_RULE: Record<PostMarker, RuleId> = {
  published: 'R1',
  cancelled: 'R3',
  restored: 'R4',
  missed: 'R4',
  lost: 'R5',
};

/** R2: an authoritative refusal disconnects; anything else a check sees leaves the status alone (R11). */
export const checkRule = (outcome: string): RuleId => (outcome === 'auth-error' ? 'R2' : 'R11');

export const marker = (at: number, kind: MarkerKind, rule: RuleId, more: Partial<Marker> = {}): Marker => ({
  at,
  until: at,
  kind,
  rule,
  count: 1,
  ...more,
});
export const postMarker = (at: number, kind: PostMarker, count: number) =>
  marker(at, kind, POST_RULE[kind], { count });

/** A point where an account's status is known, from which it holds until the next point. */
export interface Point {
  at: number;
  status: Status;
  reason: DisconnectReason | null;
  /** For a connected account: R7's window opens at this instant (reauthDueAt - 7 days). */
  soonAt: number | null;
}

/** Bands from status points over [from, to]; a connected stretch turns `reauth-soon` at its window (R7). */
export function bandsOf(points: Point[], from: number, to: number): Band[] {
  const bands: Band[] = [];
  const push = (a: number, b: number, status: Status, reason: DisconnectReason | null) => {
    const start = Math.max(a, from);
    const end = Math.min(b, to);
    if (end <= start) return;
    const last = bands.at(-1);
    if (last && last.status === status && last.reason === reason && last.to === start) last.to = end;
    else bands.push({ from: start, to: end, status, reason, rule: bandRule(status, reason) });
  };
  points.forEach((p, i) => {
    const end = points[i + 1]?.at ?? to;
    const reason = p.status === 'disconnected' || p.status === 'lapsed' ? p.reason : null;
    if (p.status === 'connected' && p.soonAt !== null && p.soonAt < end) {
      push(p.at, Math.max(p.at, p.soonAt), 'connected', null);
      push(Math.max(p.at, p.soonAt), end, 'reauth-soon', null);
    } else push(p.at, end, p.status, reason);
  });
  return bands;
}

export const soonOf = (reauthDueAt: number | null) =>
  reauthDueAt === null ? null : reauthDueAt - REMINDER_LEAD;
const instant = (iso: string | null) => (iso === null ? null : Date.parse(iso));

export interface ReportInput {
  /** The accounts at the scenario's start (before its first step). `end` is the run's last instant. */
  initial: ReportSnapshot[];
  steps: readonly ReportStep[];
  start: number;
  end: number;
  /** Display names by account id; the id when absent (scenario files name accounts by id). */
  names?: Readonly<Record<string, string>>;
}

/** What changed in an account's posts between two snapshots, as markers (R3, R4, R5, published). */
function postChanges(at: number, before: ReportSnapshot, after: ReportSnapshot): Marker[] {
  const b = before.posts;
  const a = after.posts;
  const out: Marker[] = [];
  if (a.published > b.published) out.push(postMarker(at, 'published', a.published - b.published));
  if (a.cancelled > b.cancelled) out.push(postMarker(at, 'cancelled', a.cancelled - b.cancelled));
  const reconnected =
    (before.status === 'disconnected' || before.status === 'lapsed') &&
    (after.status === 'connected' || after.status === 'reauth-soon');
  // R4: on a reconnect every cancelled post is scheduled again or, when its time passed, missed.
  const missed = Math.max(0, a.missed - b.missed);
  const restored = reconnected ? Math.max(0, b.cancelled - a.cancelled - missed) : 0;
  if (restored > 0) out.push(postMarker(at, 'restored', restored));
  if (missed > 0) out.push(postMarker(at, 'missed', missed));
  if (a.lost > b.lost) out.push(postMarker(at, 'lost', a.lost - b.lost));
  return out;
}

/** Past its last instant a timeline runs on by this share of its span, so the final state shows as a band. */
export const TAIL = 1 / 40;
export const tail = (from: number, to: number) => to + Math.max(60_000, Math.round((to - from) * TAIL));

/** The timeline of a simulator run (a whole report, or the steps so far). */
export function timelineFromReport(input: ReportInput): Timeline {
  const { start } = input;
  const end = tail(start, input.end);
  const lanes = new Map<string, { lane: Lane; points: Point[]; last: ReportSnapshot }>();
  const pointOf = (at: number, s: ReportSnapshot): Point => ({
    at,
    status: s.status,
    reason: s.reason,
    soonAt: s.status === 'connected' ? soonOf(instant(s.reauthDueAt)) : null,
  });
  const see = (at: number, s: ReportSnapshot) => {
    let entry = lanes.get(s.id);
    if (!entry) {
      const lane = {
        account: s.id,
        name: input.names?.[s.id] ?? s.id,
        network: s.network,
        bands: [],
        markers: [],
      };
      entry = { lane, points: [], last: s };
      lanes.set(s.id, entry);
    } else entry.lane.markers.push(...postChanges(at, entry.last, s));
    const last = entry.points.at(-1);
    const point = pointOf(at, s);
    if (!last || last.status !== point.status || last.reason !== point.reason || last.soonAt !== point.soonAt)
      entry.points.push(point);
    entry.last = s;
    return entry.lane;
  };
  for (const s of input.initial) see(start, s);
  for (const step of input.steps) {
    const at = Date.parse(step.at);
    for (const s of step.accounts) {
      const lane = see(at, s);
      // A check step lists the accounts it checked with this instant as their last check.
      if (step.event.type === 'check' && s.lastCheck?.at === step.at) {
        const outcome = s.lastCheck.outcome as CheckOutcome;
        lane.markers.push(marker(at, 'check', checkRule(outcome), { outcome }));
      }
    }
    for (const n of step.notifications) {
      const lane = lanes.get(n.account)?.lane;
      const kind = n.kind === 'reauth-reminder' ? 'reminder' : 'alert';
      lane?.markers.push(marker(Date.parse(n.at), kind, 'R6', { recipients: [...n.recipients].sort() }));
    }
  }
  return {
    from: start,
    to: end,
    lanes: [...lanes.values()].map(({ lane, points }) => ({ ...lane, bands: bandsOf(points, start, end) })),
  };
}

/**
 * Markers of one kind (and outcome) closer together than `resolution` become one, counting them, so a
 * year of daily checks stays a readable row instead of 365 overlapping shapes. Notifications never merge:
 * each reminder and alert keeps its own recipients.
 */
export function cluster(markers: readonly Marker[], resolution: number): Marker[] {
  const sorted = [...markers].sort((a, b) => a.at - b.at);
  const open = new Map<string, Marker>();
  const out: Marker[] = [];
  for (const m of sorted) {
    const key = `${m.kind} ${m.outcome ?? ''}`;
    const group = open.get(key);
    if (group && m.kind !== 'reminder' && m.kind !== 'alert' && m.at - group.at < resolution) {
      group.until = m.at;
      group.count += m.count;
      continue;
    }
    const copy = { ...m };
    open.set(key, copy);
    out.push(copy);
  }
  return out;
}

/** A zoom range inside the timeline, at least `minimum` long. */
export function clampRange(t: Timeline, from: number, to: number, minimum = 60_000): [number, number] {
  const span = Math.max(minimum, to - from);
  const start = Math.min(Math.max(t.from, from), Math.max(t.from, t.to - span));
  return [start, Math.min(t.to, start + span)];
}
