// The simulator panel in team mode (issue #16; simulation build only): its requests drive the team server's
// simulated world and clock (`--simulate`: POST /api/sim/faults, /api/sim/clock) instead of this
// extension's own. The same fault vocabulary (sim/world/faults.ts) as every simulating shell.
import { DAY, HOUR, MINUTE } from '../../core/index.ts';
import { isAccountFault } from '../../sim/world/faults.ts';
import type { SimRequest } from '../background/mode.ts';
import type { MemberView, TeamApi } from '../background/team/api.ts';
import { t } from '../lib/i18n.ts';
import type { Reply } from '../lib/wire.ts';

const DURATION = { outage: HOUR, 'rate-limit': MINUTE } as const;
const DEFAULT_AMOUNT = { outage: 1, 'rate-limit': 15 } as const;
const iso = (at: number) => new Date(at).toISOString();

/** The next instant something is due that the member's view shows: an R6 reminder, R1 due date, R5 lapse. */
export function nextInView(view: MemberView | null, now: number): number | null {
  let next: number | null = null;
  for (const a of view?.accounts ?? []) {
    const due = a.reauthDueAt ? Date.parse(a.reauthDueAt) : null;
    const deadline = a.reconnectDeadline ? Date.parse(a.reconnectDeadline) : null;
    for (const at of [due === null ? null : due - 7 * DAY, due, deadline])
      if (at !== null && at > now && (next === null || at < next)) next = at;
  }
  return next;
}

/** The server's body for an injected fault, or null when the request does not name what it needs. */
function faultBody(req: Extract<SimRequest, { type: 'sim-inject' }>, view: MemberView | null, now: number) {
  if (isAccountFault(req.fault)) return req.account ? { type: req.fault, account: req.account } : null;
  const network = req.network ?? view?.accounts.find((a) => a.id === req.account)?.network;
  if (!network) return null;
  if (req.fault === 'respond') return req.response ? { type: 'respond', network, ...req.response } : null;
  const until = req.until ?? now + (req.amount ?? DEFAULT_AMOUNT[req.fault]) * DURATION[req.fault];
  return { type: req.fault, network, until: iso(until) };
}

export async function teamSimulate(
  req: SimRequest,
  api: TeamApi,
  view: MemberView | null,
  now: number,
): Promise<Reply> {
  if (req.type === 'sim-reset') return { ok: false, message: t('teamNotHere') };
  let answer: Awaited<ReturnType<TeamApi['call']>>;
  if (req.type === 'sim-inject') {
    const body = faultBody(req, view, now);
    if (!body) return { ok: false, message: t('unknownAccount') };
    answer = await api.call('/api/sim/faults', 'POST', body);
  } else {
    const to = req.next ? nextInView(view, now) : now + (req.ms ?? 0);
    if (to === null) return { ok: false, message: t('simNothingDue') };
    answer = await api.call('/api/sim/clock', 'POST', { to: iso(to) });
  }
  // A server without --simulate has no such routes: its answer says so.
  return answer.ok ? { ok: true } : { ok: false, message: answer.message };
}
