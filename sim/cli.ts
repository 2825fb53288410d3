// npm run simulate -- FILE [--pretty] [--changed-only] [--html PATH]
// Exit codes (scenario.md): 0 the scenario ran, 2 the file is invalid (stderr names each bad field), 1 internal error.
import { readFileSync } from 'node:fs';
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

async function run(scenario: Scenario, flags: Set<string>, html: string | null): Promise<number> {
  const started = performance.now();
  let lastShown = 0;
  const tty = process.stderr.isTTY;
  try {
    // Loaded only for a valid file: a bad file is refused at once, without starting the mock networks.
    const { runScenario } = await import('./runner.ts');
    const report = await runScenario(scenario, {
      changedOnly: flags.has('--changed-only'),
      transport: flags.has('--fast') ? 'direct' : 'msw',
      // Progress only for runs longer than a couple of seconds, at most once a second.
      onProgress: ({ event, events, at }) => {
        const now = performance.now();
        // A terminal line is rewritten in place each second; a log file gets a line every ten seconds.
        if (now - started < 2000 || now - lastShown < (tty ? 1000 : 10_000)) return;
        lastShown = now;
        const line = `simulating "${scenario.name}": event ${event}/${events}, clock ${new Date(at).toISOString()}`;
        process.stderr.write(tty ? `\r${line}` : `${line}\n`);
      },
    });
    if (tty && lastShown > 0) process.stderr.write('\n');
    const json = JSON.stringify(report, null, flags.has('--pretty') ? 2 : undefined);
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(`${json}\n`, (e) => (e ? reject(e) : resolve())),
    );
    if (html && !(await writeHtmlReport(html, scenario, report))) return 1;
    return 0;
  } catch (error) {
    process.stderr.write(`Internal error while simulating: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}

Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
