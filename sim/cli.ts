// npm run simulate -- FILE [--pretty] [--changed-only] [--html PATH]
// Exit codes (scenario.md): 0 the scenario ran, 2 the file is invalid (stderr names each bad field), 1 internal error.
import { readFileSync } from 'node:fs';
import type { ReportStep } from './report.ts';
import { htmlOption, writeHtmlReport } from './report-html.ts';
import type { Scenario } from './scenario.ts';
import { validateScenario } from './scenario.ts';

const USAGE = `Usage: npm run simulate -- FILE [--pretty] [--changed-only] [--fast] [--html PATH]

Replays a scenario file (format: ../shared/spec/scenario.md) through the rules, the real adapters and the
mock networks, and prints the JSON report on stdout.
  --pretty        indent the JSON
  --changed-only  list in each step only the accounts whose status, dates, settings, posts or check
                  outcome changed (for very large scenarios; "final" still lists every account)
  --fast          answer requests with the mock networks' own dispatch instead of through MSW
                  (same handlers, byte-identical reports, about 3x faster)
  --html PATH     also write the run as a self-contained HTML page: timeline, final state, notifications
Examples are in scenarios/.`;

function main(args: string[]): Promise<number> | number {
  const { path: html, rest: argv } = htmlOption(args);
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => !['--pretty', '--changed-only', '--fast', '--help'].includes(f));
  if (flags.has('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (files.length !== 1 || unknown.length > 0) {
    process.stderr.write(
      `${unknown.length ? `Unknown option ${unknown.join(', ')}\n` : 'Give exactly one scenario file.\n'}${USAGE}\n`,
    );
    return 2;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`,
    );
    return 2;
  }
  const checked = validateScenario(text);
  if (!checked.ok) {
    process.stderr.write(`${file} is not a valid scenario (nothing was run):\n`);
    for (const line of checked.errors) process.stderr.write(`  ${line}\n`);
    return 2;
  }
  return run(checked.scenario, flags, html);
}

/** One account snapshot in a compact report is about 450 characters (measured on scenarios/), pretty 800. */
const SNAPSHOT_CHARS = { compact: 450, pretty: 800 };
/** Past this much output a reader is told about --changed-only (once). */
const LARGE_REPORT = 1e9;
const sizeNote = (chars: number, so: string) =>
  `note: the report ${so} ${(chars / 1e9).toFixed(1)} GB (a snapshot of every account after every step); ` +
  '--changed-only lists in each step only the accounts that changed\n';

/**
 * stdout as the report's sink, with backpressure: a write that fills the pipe waits for 'drain', so a slow
 * reader holds the run back instead of the report piling up in memory; a reader that went away stops it.
 */
function stdoutSink() {
  let closed: Error | null = null;
  process.stdout.on('error', (error) => {
    closed = error;
  });
  return {
    write: (chunk: string) => {
      if (closed) throw new Error(`stdout closed (${closed.message})`);
      process.stdout.write(chunk);
    },
    drained: (): Promise<void> | undefined =>
      process.stdout.writableNeedDrain
        ? new Promise<void>((resolve) => process.stdout.once('drain', resolve))
        : undefined,
    flush: () =>
      new Promise<void>((resolve, reject) => process.stdout.write('', (e) => (e ? reject(e) : resolve()))),
  };
}

async function run(scenario: Scenario, flags: Set<string>, html: string | null): Promise<number> {
  const started = performance.now();
  const pretty = flags.has('--pretty');
  const changedOnly = flags.has('--changed-only');
  const tty = process.stderr.isTTY;
  let lastShown = 0;
  let warned = false;
  /** The instant of the last step written: a long stretch of rule steps moves it before the next event. */
  let reached = scenario.start;
  try {
    // Loaded only for a valid file: a bad file is refused at once, without starting the mock networks.
    const { ScenarioRun } = await import('./runner.ts');
    const { ReportWriter } = await import('./stream.ts');
    // Every scenario event is a step listing every account: a lower bound of the report, known at once.
    const atLeast =
      scenario.events.length * scenario.accounts.length * SNAPSHOT_CHARS[pretty ? 'pretty' : 'compact'];
    if (!changedOnly && atLeast > LARGE_REPORT) {
      process.stderr.write(sizeNote(atLeast, 'will be at least'));
      warned = true;
    }
    const sink = stdoutSink();
    const kept: ReportStep[] = [];
    let writer: InstanceType<typeof ReportWriter> | null = null;
    const run = new ScenarioRun(scenario, {
      changedOnly,
      transport: flags.has('--fast') ? 'direct' : 'msw',
      onStep: (step) => {
        writer!.step(step);
        if (html) kept.push(step);
        reached = step.at;
        progress();
        return sink.drained();
      },
    });
    writer = new ReportWriter(run.report(), sink.write, pretty ? 2 : undefined);
    // Progress only for runs longer than a couple of seconds; a terminal line is rewritten in place each
    // second, a log file gets a line every ten seconds.
    const progress = () => {
      const now = performance.now();
      if (!changedOnly && !warned && writer!.written > LARGE_REPORT) {
        process.stderr.write(`${tty && lastShown > 0 ? '\n' : ''}${sizeNote(writer!.written, 'is over')}`);
        warned = true;
      }
      if (now - started < 2000 || now - lastShown < (tty ? 1000 : 10_000)) return;
      lastShown = now;
      const { done, total } = run.progress;
      const mb = Math.round(writer!.written / 1e6).toLocaleString('en');
      const line = `simulating "${scenario.name}": event ${done}/${total}, steps written up to ${reached} (${mb} MB)`;
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    };
    while (!run.done) {
      await run.step();
      progress();
    }
    writer.end(run.report());
    await sink.flush();
    if (tty && lastShown > 0) process.stderr.write('\n');
    // The HTML page needs every step; they are kept only when it was asked for.
    if (html && !(await writeHtmlReport(html, scenario, { ...run.report(), steps: kept }))) return 1;
    return 0;
  } catch (error) {
    process.stderr.write(`Internal error while simulating: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}

Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
