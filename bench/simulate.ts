// (e) The headless simulator at scale: the README's scale scenario (scripts/scale-scenario.ts: 1,000 accounts,
// a year of daily checks, about 600,000 HTTP requests) through `npm run simulate -- FILE --fast
// --changed-only`, run as a child process exactly as that script runs it (same Node, same Node options), timed
// and measured (peak resident memory, CPU time) by scripts/simulation.ts. Budgets (issue #20): at most 20 s
// and 300 MB.
//
// Beside it, in the same run, the same scenario at a tenth of the accounts (100 accounts, the same year):
// the budgets are absolute, so the baseline says what the numbers are made of rather than what they are
// compared with. Time should grow with the accounts (about 10x: the work is per account and per day, and
// nothing may cost O(accounts) per step), while memory should not (most of it is Node, the modules and the
// nursery; the report kept in memory is a few MB). Each is the fastest of two runs, since the machine is shared.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Measured, simulate, simulateNodeOptions, writeScaleScenario } from '../scripts/simulation.ts';
import type { Figure } from './report.ts';

const ARGS = ['--fast', '--changed-only'];

/** The fastest of `times` runs, with the highest peak memory of them (memory is not a matter of luck). */
async function fastest(file: string, times: number): Promise<Measured> {
  const runs: Measured[] = [];
  for (let i = 0; i < times; i++) {
    const run = await simulate([file, ...ARGS], null, true);
    if (run.code !== 0)
      throw new Error(`npm run simulate -- ${file} ${ARGS.join(' ')} exited with ${run.code}`);
    runs.push(run);
  }
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...best, peakMB: Math.max(...runs.map((r) => r.peakMB)) };
}

export async function simulateFigures(accounts = 1000, days = 365): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'social-health-scale-'));
  try {
    const small = Math.max(1, Math.round(accounts / 10));
    const [large, tenth] = [join(dir, 'large.json'), join(dir, 'tenth.json')];
    await writeScaleScenario(accounts, days, large);
    await writeScaleScenario(small, days, tenth);
    const base = await fastest(tenth, 2);
    const run = await fastest(large, 2);
    const what = `${accounts.toLocaleString('en-US')} accounts, ${days} days`;
    const baseline = `${small} accounts`;
    const options = simulateNodeOptions().join(' ') || 'none';
    return [
      {
        name: `simulate --fast --changed-only: ${what}`,
        value: run.seconds,
        unit: 's',
        baseline: { name: baseline, value: base.seconds },
        ratio: run.seconds / base.seconds,
        budget: '≤ 20 s',
        ok: run.seconds <= 20,
        note:
          `CPU ${run.cpuSeconds.toFixed(1)} s (${baseline}: ${base.cpuSeconds.toFixed(1)} s); ` +
          `fastest of 2 runs each; Node options of npm run simulate: ${options}`,
      },
      {
        name: `simulate peak memory (RSS): ${what}`,
        value: run.peakMB,
        unit: 'MB',
        baseline: { name: baseline, value: base.peakMB },
        ratio: run.peakMB / base.peakMB,
        budget: '≤ 300 MB',
        ok: run.peakMB <= 300,
        note: 'the highest of the 2 runs each',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
