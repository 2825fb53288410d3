// Issue #14: one engine for every shell. Every file in scenarios/ gives the same steps through the
// extension's background (its simulation wiring, fakeBrowser, a simulated clock: replay.ts) as through
// `npm run simulate`: the same event types in the same order at the same instants, with the same account
// snapshots after each. Network-side events are steps of the report only: in the extension they change the
// simulated world and write a log line, not the product's state. And both shells refuse a forged consent
// answer with the one OAuth flow (runtime/flow.ts).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ADAPTERS } from '../../adapters/index.ts';
import { DAY } from '../../core/index.ts';
import { Background } from '../../extension/background/service.ts';
import { Store } from '../../extension/background/store.ts';
import { openHealthDb } from '../../extension/lib/db.ts';
import { simulationSetup } from '../../extension/simulation/setup.ts';
import { SWEEP_BATCH } from '../../runtime/sweep.ts';
import type { Report } from '../../sim/report.ts';
import { accountsAt, iso } from '../../sim/report.ts';
import { validateScenario } from '../../sim/scenario.ts';
import { Simulation } from '../../sim/simulation.ts';
import { SimClock } from '../../sim/world/clock.ts';
import { isFaultType } from '../../sim/world/faults.ts';
import { SIM_SEED, scenarioTeam } from '../../sim/world/team.ts';
import { replayInBackground } from './replay.ts';
import { freshDbName, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const ROOT = join(import.meta.dirname, '../..');
const FILES = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json'));

beforeEach(() => void resetBrowser());

function scenarioOf(text: string) {
  const checked = validateScenario(text);
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  return checked.scenario;
}

/** What `npm run simulate -- FILE` prints. */
function simulate(file: string): Report {
  const run = spawnSync(process.execPath, ['sim/cli.ts', file], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Report;
}

describe('the same steps in every shell (issue #14)', () => {
  it('there are scenario files to replay', () => expect(FILES.length).toBeGreaterThan(5));

  it.each(FILES)(
    '%s: the extension background makes the steps `npm run simulate` reports',
    async (file) => {
      const path = join('scenarios', file);
      const report = simulate(path);
      const scenario = scenarioOf(readFileSync(join(ROOT, path), 'utf8'));
      // Each scenario `check` is one sweep batch here, so each is one engine step in both shells (a bigger
      // sweep is several `checked` steps, which the report folds into the one step of its scenario event).
      expect(scenario.accounts.length).toBeLessThanOrEqual(SWEEP_BATCH);
      const observed = await replayInBackground(scenario);

      const cli = report.steps
        .filter((s) => !isFaultType(s.event.type))
        .map((s) => ({ at: s.at, type: s.event.type, accounts: s.accounts }));
      const extension = observed.map(({ step, state }) => ({
        at: iso(step.at)!,
        // The report names a check by the scenario's event; the engine by the core event it applied.
        type: step.event.type === 'checked' ? 'check' : step.event.type,
        accounts: accountsAt(state, step.at),
      }));
      expect(extension.map((s) => `${s.at} ${s.type}`)).toEqual(cli.map((s) => `${s.at} ${s.type}`));
      expect(extension).toEqual(cli);
    },
    60_000,
  );
});

describe('one OAuth flow in every shell (issue #14)', () => {
  const T = Date.parse('2026-05-01T00:00:00Z');
  const text = JSON.stringify({
    name: 'forged consent',
    start: iso(T),
    users: [{ id: 'ada', superAdmin: true, permission: 'all-accounts' }],
    accounts: [
      {
        id: 'li-1',
        network: 'linkedin',
        connectedBy: 'ada',
        connectedAt: iso(T - 30 * DAY),
        state: 'disconnected',
        disconnectedAt: iso(T - DAY),
        reason: 'revoked',
      },
    ],
    events: [],
  });
  /** LinkedIn's consent page answering with a code and a state this request never sent (a forged answer). */
  const forged = http.get(ADAPTERS.linkedin.authorize, ({ request }) => {
    const back = new URL(new URL(request.url).searchParams.get('redirect_uri')!);
    back.search = new URLSearchParams({ code: 'attacker-code', state: 'not-the-one-sent' }).toString();
    return new HttpResponse(null, { status: 302, headers: { location: back.href } });
  });
  const MISMATCH = /did not match (this|the) request \(state mismatch\)/;

  it('RFC 6749 §10.12: the headless simulator refuses a forged answer; the account stays disconnected', async () => {
    const sim = new Simulation(scenarioOf(text), 'msw', [forged]);
    const step = await sim.apply({ at: iso(T)!, type: 'reconnect', account: 'li-1', by: 'ada' });
    expect(step.rejected?.rule).toBe('R4');
    expect(step.rejected?.message).toMatch(MISMATCH);
    expect(sim.engine.state.accounts.get('li-1')!.status).toBe('disconnected');
  });

  it('RFC 6749 §10.12: the extension refuses the same forged answer with the same flow; nothing is stored', async () => {
    const scenario = scenarioOf(text);
    const store = new Store(await openHealthDb(freshDbName()));
    const setup = await simulationSetup(store, {
      seed: SIM_SEED,
      clock: new SimClock(0, () => T),
      overrides: [forged],
      team: (world) => ({ ...scenarioTeam(scenario, world), me: 'ada' }),
    });
    const bg = await Background.open({ store, setup });
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    fakeBrowser.tabs.onCreated.addListener((tab) => {
      const request = new URL(tab.url!).searchParams.get('request')!;
      setTimeout(() => void bg.handle({ type: 'consent-answer', request, allow: true }), 0);
    });
    const reply = await bg.handle({ type: 'reconnect', account: 'li-1' });
    expect(reply).toMatchObject({ ok: false, rule: 'R4' });
    expect(!reply.ok && reply.message).toMatch(MISMATCH);
    expect((await store.get('state'))!.accounts.get('li-1')!.status).toBe('disconnected');
    expect(await store.tokens().get('li-1')).toBeNull();
  });
});
