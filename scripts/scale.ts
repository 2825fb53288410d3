// `npm run scale [-- ACCOUNTS DAYS] [--msw]`: writes the README's scale scenario (scripts/scale-scenario.ts,
// default 1,000 accounts and 365 days) to artifacts/scale/ and runs it through the headless simulator as
// `npm run simulate -- FILE --fast --changed-only` would, with this project's Node (24, from node_modules:
// the system Node may be too old for TypeScript files). Prints the time, CPU time and peak memory, and where
// the scenario and its report are. `--msw` answers requests through MSW's getResponse instead of --fast.
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, simulate, writeScaleScenario } from './simulation.ts';

const USAGE = 'Usage: npm run scale [-- ACCOUNTS DAYS] [--msw]   (defaults: 1000 accounts, 365 days)';
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const numbers = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const [accounts = 1000, days = 365] = numbers.map(Number);
if (
  flags.some((f) => f !== '--msw') ||
  numbers.length > 2 ||
  ![accounts, days].every((n) => Number.isInteger(n) && n > 0)
) {
  console.error(USAGE);
  process.exit(2);
}

const dir = join(ROOT, 'artifacts/scale');
mkdirSync(dir, { recursive: true });
const scenario = join(dir, `scale-${accounts}-accounts-${days}-days.json`);
const report = join(dir, `report-${accounts}-accounts-${days}-days.json`);
await writeScaleScenario(accounts, days, scenario);
const args = [scenario, '--changed-only', ...(flags.includes('--msw') ? [] : ['--fast'])];
console.log(`Simulating ${relative(ROOT, scenario)} (npm run simulate -- FILE ${args.slice(1).join(' ')})…`);
const run = await simulate(args, report);
if (run.code !== 0) {
  console.error(`The simulator exited with code ${run.code} (see above); the report may be incomplete.`);
  process.exit(run.code);
}
console.log(
  `Done in ${run.seconds.toFixed(1)} s (CPU ${run.cpuSeconds.toFixed(1)} s), peak memory ${Math.round(run.peakMB)} MB.\n` +
    `Report: ${relative(ROOT, report)}`,
);
