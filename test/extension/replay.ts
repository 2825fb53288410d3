// Plays a scenario file through the extension's background, as the extension would live it: the simulation
// build's wiring (extension/simulation/setup.ts, the simulated world of sim/world/) on a simulated clock,
// the scenario's team as the first run's seed, consents answered on the extension's consent page,
// network-side events injected through the simulator panel's request, what comes due between events run
// by the panel's "next due event", checks as the periodic sweep (scenario.md: a scenario's `check` stands
// for it), and every other event as the request the popup or the settings page sends (or, where no page
// offers it, the action those requests become). Each engine step is kept with the state right after it.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { State } from '../../core/index.ts';
import { Background } from '../../extension/background/service.ts';
import { Store } from '../../extension/background/store.ts';
import { openHealthDb } from '../../extension/lib/db.ts';
import { Request } from '../../extension/lib/protocol.ts';
import { simulationSetup } from '../../extension/simulation/setup.ts';
import type { EngineStep } from '../../runtime/steps.ts';
import { actionOf, faultOfEvent, normalizeAccess } from '../../sim/events.ts';
import type { Scenario, ScenarioEvent } from '../../sim/scenario.ts';
import { SimClock } from '../../sim/world/clock.ts';
import type { Fault } from '../../sim/world/faults.ts';
import { SIM_SEED, scenarioTeam } from '../../sim/world/team.ts';
import { freshDbName } from './support.ts';

export interface Observed {
  step: EngineStep;
  state: State;
}

/** The wall clock stands still: the simulated instants are exact. */
const WALL = Date.parse('2026-11-28T00:00:00Z');

/** A fault as the simulator panel's request. */
function injectRequest(f: Fault): Request {
  if ('account' in f) return { type: 'sim-inject', fault: f.type, account: f.account };
  if (f.type === 'respond') {
    const { network, status, body, headers, times } = f;
    return { type: 'sim-inject', fault: f.type, network, response: { status, body, headers, times } };
  }
  return { type: 'sim-inject', fault: f.type, network: f.network, until: f.until };
}

/** The page request a scenario event is, sent as `user`; null where no page sends it. */
function pageRequest(e: ScenarioEvent): { user: string; request: Request } | null {
  switch (e.type) {
    case 'reconnect':
      return e.postVisibility ? null : { user: e.by, request: { type: e.type, account: e.account } };
    case 'disconnect':
      return { user: e.by, request: { type: e.type, account: e.account } };
    case 'refresh-connection':
      return { user: e.by, request: { type: e.type, account: e.account } };
    case 'set-access':
      return {
        user: e.by,
        request: { type: e.type, account: e.account, access: normalizeAccess(e.access)! },
      };
    case 'set-default':
      return { user: e.by, request: { type: e.type, account: e.account, value: e.value } };
    case 'set-autopublish':
      return { user: e.by, request: { type: e.type, account: e.account, blog: e.blog } };
    case 'assign-brand':
      return { user: e.by, request: { type: e.type, account: e.account, brand: e.brand } };
    case 'set-digest': {
      const { frequency, monthlyReport } = e;
      return { user: e.user, request: { type: e.type, frequency, monthlyReport } };
    }
    default:
      return null;
  }
}

export async function replayInBackground(scenario: Scenario): Promise<Observed[]> {
  const observed: Observed[] = [];
  const store = new Store(await openHealthDb(freshDbName()));
  const clock = new SimClock(Date.parse(scenario.start) - WALL, () => WALL);
  const setup = await simulationSetup(store, {
    seed: SIM_SEED,
    clock,
    team: (world) => ({ ...scenarioTeam(scenario, world), me: scenario.users[0]!.id }),
  });
  const bg = await Background.open({
    store,
    setup,
    observe: (step, state) => void observed.push({ step, state }),
  });
  // The person on the consent page allows (after the page has opened: the launcher is waiting by then).
  fakeBrowser.tabs.onCreated.addListener((tab) => {
    const url = new URL(tab.url ?? 'about:blank');
    const request = url.searchParams.get('request');
    if (!url.pathname.endsWith('/consent.html') || !request) return;
    setTimeout(() => void bg.handle({ type: 'consent-answer', request, allow: true }), 0);
  });
  const send = async (request: Request) => bg.handle(Request.parse(request));

  for (const e of scenario.events) {
    const at = Date.parse(e.at);
    // What comes due before the event fires at its own instant, one instant at a time.
    for (let next = bg.nextDue(); next !== null && next < at; next = bg.nextDue())
      await send({ type: 'sim-advance', next: true });
    clock.advanceTo(at);
    const fault = faultOfEvent(e);
    const page = pageRequest(e);
    if (fault) await send(injectRequest(fault));
    else if (e.type === 'check') await bg.check(e.account ?? null, 'schedule');
    else if (page) {
      await send({ type: 'set-current-user', user: page.user });
      await send(page.request);
    } else await bg.act(actionOf(e)!);
  }
  // The rules due at the last event's instant (a wake-up, as when a page opens).
  await send({ type: 'wake' });
  return observed;
}
