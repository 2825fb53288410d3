// `npm run bench` (not part of `npm test`): every performance figure of issue #7, each measured beside its
// baseline in the same run, printed as a table and as one JSON line (`BENCH {...}`); exits 1 when a budget
// does not hold. `node bench/index.ts bundle sweep` runs only the named ones (bundle, core, sweep, popup,
// memory, simulate, server, team). ACCOUNTS and CORE_ACCOUNTS override the team sizes (defaults 1,000 and
// 10,000); SERVER_ACCOUNTS the server bench's (default 10,000; DATABASE_URL: an empty database to use).
import { cpus, totalmem } from 'node:os';
import { seededBrowser, withBlankPage } from './browser.ts';
import { buildInto } from './build.ts';
import { bundleFigures } from './bundle.ts';
import { coreFigures } from './core.ts';
import { memoryFigures } from './memory.ts';
import { popupFigures } from './popup.ts';
import { type Figure, table } from './report.ts';
import { serverFigures } from './server.ts';
import { simulateFigures } from './simulate.ts';
import { sweepFigures } from './sweep.ts';
import { teamModeBrowser } from './team.ts';

const ALL = ['bundle', 'sweep', 'core', 'simulate', 'server', 'popup', 'memory', 'team'] as const;
const wanted = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ALL);
const ACCOUNTS = Number(process.env.ACCOUNTS ?? 1000);
const CORE_ACCOUNTS = Number(process.env.CORE_ACCOUNTS ?? 10_000);
const SIM_ACCOUNTS = Number(process.env.SIM_ACCOUNTS ?? 1000);
const SERVER_ACCOUNTS = Number(process.env.SERVER_ACCOUNTS ?? 10_000);

const figures: Figure[] = [];
const log = (what: string) => console.error(`bench: ${what}…`);

let simulation: string | undefined;
const simulationBuild = async () => {
  simulation ??= await buildInto('simulation');
  return simulation;
};

if (wanted.has('bundle')) {
  log('building production and simulation');
  const production = await buildInto('production');
  figures.push(...bundleFigures(production, await simulationBuild()));
}
if (wanted.has('sweep')) {
  log('sweep of 500 accounts with 50 ms latency');
  figures.push(...(await sweepFigures()));
}
if (wanted.has('core')) {
  log(`core: a year of events for ${CORE_ACCOUNTS} accounts`);
  figures.push(...coreFigures(CORE_ACCOUNTS));
}
if (wanted.has('simulate')) {
  log(`simulate: a year of ${SIM_ACCOUNTS} accounts, and of a tenth of them`);
  figures.push(...(await simulateFigures(SIM_ACCOUNTS)));
}
if (wanted.has('server')) {
  log(`server: ${SERVER_ACCOUNTS} accounts over 20 teams, a day's sweep by 3 processes, the view API`);
  const large = Math.min(1000, Math.floor(SERVER_ACCOUNTS / 10));
  figures.push(
    ...(await serverFigures({
      accounts: SERVER_ACCOUNTS,
      teams: 20,
      large,
      processes: 3,
      latency: 50,
      rounds: 200,
    })),
  );
}
if (wanted.has('popup') || wanted.has('memory')) {
  log(`seeding ${ACCOUNTS} accounts into the simulation extension in Chromium`);
  const { ext } = await seededBrowser(withBlankPage(await simulationBuild()), ACCOUNTS);
  try {
    if (wanted.has('popup')) {
      log('popup vs blank page');
      figures.push(...(await popupFigures(ext, ACCOUNTS)));
    }
    if (wanted.has('memory')) {
      log('service worker heap around a sweep');
      figures.push(...(await memoryFigures(ext, ACCOUNTS)));
    }
  } finally {
    await ext.context.close();
  }
}

if (wanted.has('team')) {
  log(`seeding ${ACCOUNTS} accounts, then joining them to an unreachable team server (issue #16)`);
  const dir = withBlankPage(await simulationBuild());
  const ext = await teamModeBrowser(await seededBrowser(dir, ACCOUNTS), dir);
  try {
    log('popup in team mode vs blank page');
    figures.push(...(await popupFigures(ext, ACCOUNTS, ', team mode (stale)')));
  } finally {
    await ext.context.close();
  }
}

const ram = `${Math.round(totalmem() / 2 ** 30)} GiB`;
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${ram}, ${process.platform}, Node ${process.versions.node}`;
console.log(`\nPerformance, ${new Date().toISOString().slice(0, 10)}, ${machine}\n`);
console.log(table(figures));
for (const f of figures.filter((f) => f.note)) console.log(`- ${f.name}: ${f.note}`);
console.log(`BENCH ${JSON.stringify({ date: new Date().toISOString(), machine, figures })}`);
const over = figures.filter((f) => f.ok === false);
if (over.length) {
  console.error(`Over budget: ${over.map((f) => f.name).join(', ')}`);
  process.exitCode = 1;
}
