// The simulator panel's scenario player: the same validator (sim/scenario.ts) and the same stepwise run
// (sim/runner.ts ScenarioRun) as `npm run simulate`, so a file gives the same report in both places.
import { ScenarioRun } from '../../sim/runner.ts';
import { validateScenario } from '../../sim/scenario.ts';

export { ScenarioRun as ScenarioPlayer };

export type Loaded = { ok: true; player: ScenarioRun } | { ok: false; errors: string[] };

/** Parses and validates a scenario file exactly as the CLI does (same messages, nothing run on error). */
export function loadScenario(text: string): Loaded {
  const checked = validateScenario(text);
  return checked.ok ? { ok: true, player: new ScenarioRun(checked.scenario) } : checked;
}
