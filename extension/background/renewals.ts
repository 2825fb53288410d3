// The extension's share of the token upkeep (scenario.md: renewals at their own instant, R12). The logic is
// runtime/upkeep.ts; here the background only schedules it: a named alarm at the next renewal instant
// (besides the sweep), and on start-up the stored tokens indexed with the renewals missed while the browser
// was closed run at once, while their tokens still live.
import { browser } from 'wxt/browser';
import { ADAPTERS } from '../../adapters/index.ts';
import type { TokenSet } from '../../adapters/types.ts';
import type { State } from '../../core/index.ts';
import type { Connections } from '../../runtime/engine.ts';
import { Upkeep } from '../../runtime/upkeep.ts';

/** Named alarm (https://developer.chrome.com/docs/extensions/reference/api/alarms) at the next renewal. */
export const RENEW_ALARM = 'token-renewal';

/**
 * The upkeep over the mode's connection layer, with `tokens` (all stored token sets) indexed; `now` is when
 * the product starts running again. Undefined when the connection layer cannot renew (a test double).
 */
export function startUpkeep(
  connections: Connections,
  state: State,
  tokens: ReadonlyMap<string, TokenSet>,
  now: number,
): Upkeep | undefined {
  if (!connections.refresh) return undefined;
  const source = {
    refresh: connections.refresh.bind(connections),
    watch: connections.watch?.bind(connections),
  };
  const upkeep = new Upkeep({ adapters: ADAPTERS, connections: source });
  // In account order, as every shell notes them: renewals due at the same instant then run in that order.
  for (const account of state.accounts.list()) {
    const set = tokens.get(account.id);
    if (set) upkeep.note({ id: account.id, network: account.network }, set);
  }
  upkeep.resume(now);
  return upkeep;
}

/** The renewal alarm at the next renewal instant (never in the past), or none when nothing is due. */
export async function scheduleRenewal(
  upkeep: Upkeep | undefined,
  state: State,
  clock: number,
  now: number,
): Promise<void> {
  const next = upkeep?.next(state, clock, Number.POSITIVE_INFINITY);
  if (next) await browser.alarms.create(RENEW_ALARM, { when: Math.max(next.at, now + 1000) });
  else await browser.alarms.clear(RENEW_ALARM);
}
