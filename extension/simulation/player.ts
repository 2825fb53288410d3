// The simulator panel's scenario player: the same validator (sim/scenario.ts) and the same stepwise run
// (sim/runner.ts ScenarioRun) as `npm run simulate`, so a file gives the same report in both places.
import { ScenarioRun } from '../../sim/runner.ts';
import { validateScenario } from '../../sim/scenario.ts';
import { reportChunks } from '../../sim/stream.ts';

export { ScenarioRun as ScenarioPlayer };

export type Loaded = { ok: true; player: ScenarioRun } | { ok: false; errors: string[] };

/** Parses and validates a scenario file exactly as the CLI does (same messages, nothing run on error). */
export function loadScenario(text: string): Loaded {
  const checked = validateScenario(text);
  return checked.ok ? { ok: true, player: new ScenarioRun(checked.scenario) } : checked;
}

/**
 * The report as a file, the bytes `npm run simulate -- FILE --pretty` prints, built from one part per step:
 * a big report never has to fit in one string (V8 caps one at about 512 MB, issue #13).
 */
export function reportBlob(player: ScenarioRun): Blob {
  return new Blob(reportChunks(player.report(), 2), { type: 'application/json' });
}
