// The timeline of a team from the extension's event log (the simulator panel's demo team): the lines say
// when statuses changed (connected, disconnected, reminded, lapsed) and what happened (checks, alerts,
// posts); the stored view says where each account stands now and since when (its disconnect, R5 deadline,
// R7 window), which covers what happened before the log's oldest line.
import type { DisconnectReason, Network, Status } from '../../core/schemas.ts';
import {
  bandsOf,
  type CheckOutcome,
  checkRule,
  type Lane,
  type Marker,
  marker,
  type Point,
  postMarker,
  soonOf,
  type Timeline,
  tail,
} from './timeline.ts';
import type { LogEntry } from './types.ts';

/** The accounts as the log's lines leave them, with what a page knows now (the stored view). */
export interface LogAccount {
  id: string;
  name: string;
  network: Network;
  status: Status;
  reason: DisconnectReason | null;
  reauthDueAt: number | null;
  disconnectedAt: number | null;
  reconnectDeadline: number | null;
}

export interface LogInput {
  /** The event log, in any order. */
  entries: readonly LogEntry[];
  accounts: readonly LogAccount[];
  now: number;
  /** Where the timeline starts; the earliest line, and at least a week back, when absent. */
  from?: number;
}

/** The status each log line leaves the account in, and the one it must have had just before. */
const TRANSITION: Record<string, { to: Status; before: Status | null }> = {
  connected: { to: 'connected', before: null },
  reconnected: { to: 'connected', before: 'disconnected' },
  freshReconnect: { to: 'connected', before: 'lapsed' },
  refreshed: { to: 'connected', before: 'connected' },
  refreshedNoDue: { to: 'connected', before: 'connected' },
  disconnected: { to: 'disconnected', before: 'connected' },
  lapsed: { to: 'lapsed', before: 'disconnected' },
  reminder: { to: 'reauth-soon', before: 'connected' },
};

const WEEK = 7 * 86_400_000;

/** Markers a log line stands for. */
function logMarkers(e: LogEntry): Marker[] {
  const p = e.params ?? {};
  const count = (name: string) => Number(p[name] ?? 0);
  switch (e.key) {
    case 'reminder':
      return [marker(e.at, 'reminder', 'R6', { recipients: e.recipients ?? [] })];
    case 'alertSent':
      return [marker(e.at, 'alert', 'R6', { recipients: e.recipients ?? [] })];
    case 'check':
    case 'checkTransient': {
      const outcome = String(p.outcome) as CheckOutcome;
      return [marker(e.at, 'check', checkRule(outcome), { outcome })];
    }
    case 'published':
      return [postMarker(e.at, 'published', 1)];
    case 'disconnected':
      return count('cancelled') > 0 ? [postMarker(e.at, 'cancelled', count('cancelled'))] : [];
    case 'reconnected':
      return [
        ...(count('restored') > 0 ? [postMarker(e.at, 'restored', count('restored'))] : []),
        ...(count('missed') > 0 ? [postMarker(e.at, 'missed', count('missed'))] : []),
      ];
    case 'lapsed':
      return count('lost') > 0 ? [postMarker(e.at, 'lost', count('lost'))] : [];
    default:
      return [];
  }
}

/** A status point from the log or the view, with the status the account must have had just before. */
type Move = Point & { before: Status | null };

/** Status points an account's current view implies (its disconnect, R5 lapse, R7 window) up to `now`. */
function viewMoves(a: LogAccount, now: number): Move[] {
  const moves: Move[] = [];
  const move = (at: number, status: Status, before: Status, reason: DisconnectReason | null = null) =>
    moves.push({ at, status, before, reason, soonAt: null });
  if ((a.status === 'disconnected' || a.status === 'lapsed') && a.disconnectedAt !== null) {
    move(a.disconnectedAt, 'disconnected', 'connected', a.reason);
  }
  if (a.status === 'lapsed' && a.reconnectDeadline !== null) {
    move(a.reconnectDeadline, 'lapsed', 'disconnected', a.reason);
  }
  const soon = soonOf(a.reauthDueAt);
  if (a.status === 'reauth-soon' && soon !== null && soon <= now) move(soon, 'reauth-soon', 'connected');
  return moves;
}

/** The status moves the log's lines record for one account (a lapse keeps its disconnect's reason). */
function logMoves(own: readonly LogEntry[], a: LogAccount): Move[] {
  let reason: DisconnectReason | null = null;
  return own.flatMap((e): Move[] => {
    const move = e.key ? TRANSITION[e.key] : undefined;
    if (!move) return [];
    if (move.to === 'disconnected') reason = (e.params?.reason as DisconnectReason | undefined) ?? null;
    else if (move.to === 'lapsed') reason ??= a.reason;
    else reason = null;
    return [{ at: e.at, status: move.to, before: move.before, reason, soonAt: null }];
  });
}

/** The timeline of the demo team (or any team) from its event log and the accounts as they are now. */
export function timelineFromLog(input: LogInput): Timeline {
  const { now } = input;
  const entries = [...input.entries].sort((a, b) => a.at - b.at);
  const from = input.from ?? Math.min(now - WEEK, entries[0]?.at ?? now);
  const to = tail(from, now);
  const lanes = input.accounts.map((a): Lane => {
    const own = entries.filter((e) => e.account === a.id);
    const moves = [...logMoves(own, a), ...viewMoves(a, now)].sort((x, y) => x.at - y.at);
    const points: Point[] = moves.map(({ before: _, ...point }) => point);
    // Before the first move the account was as that move implies (nothing, for a new connection), or
    // as it is now when nothing moved.
    const initial = moves.length > 0 ? moves[0]!.before : a.status;
    if (initial !== null) {
      const reason = initial === 'disconnected' || initial === 'lapsed' ? a.reason : null;
      points.unshift({ at: Math.min(from, points[0]?.at ?? from), status: initial, reason, soonAt: null });
    }
    // The last connected stretch turns reauth-soon at its R7 window, if that came before now.
    const last = points.at(-1);
    if (last?.status === 'connected') last.soonAt = soonOf(a.reauthDueAt);
    const markers = own.flatMap(logMarkers).filter((m) => m.at >= from && m.at <= to);
    return {
      account: a.id,
      name: a.name,
      network: a.network,
      bands: bandsOf(points, from, to),
      markers: dedupe(markers),
    };
  });
  return { from, to, lanes };
}

/** One marker per instant, kind and outcome (a transient check is logged as a check and as its R11 line). */
function dedupe(markers: Marker[]): Marker[] {
  const seen = new Set<string>();
  return markers.filter((m) => {
    const key = `${m.at} ${m.kind} ${m.outcome ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
