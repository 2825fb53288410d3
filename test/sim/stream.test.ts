// Issue #13, finding 4: the report is streamed step by step, byte for byte what JSON.stringify of the whole
// report printed before (compact and --pretty), so existing readers see no difference.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../sim/report.ts';
import { runScenario } from '../../sim/runner.ts';
import { validateScenario } from '../../sim/scenario.ts';
import { reportChunks } from '../../sim/stream.ts';
import { ROOT, simulate } from './support.ts';

const FILES = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json'));

/** The report as ReportWriter writes it, fed the steps of `report` one at a time. */
const streamed = (report: Report, indent: number | undefined) => reportChunks(report, indent).join('');

const expected = (report: Report, indent: number | undefined) => `${JSON.stringify(report, null, indent)}\n`;

describe('streamed report', () => {
  it.each(FILES)(
    '%s: the same bytes as JSON.stringify, compact, --pretty and --changed-only',
    async (file) => {
      const checked = validateScenario(readFileSync(join(ROOT, 'scenarios', file), 'utf8'));
      if (!checked.ok) throw new Error(checked.errors.join('\n'));
      for (const changedOnly of [false, true]) {
        const report = await runScenario(checked.scenario, { transport: 'direct', changedOnly });
        expect(streamed(report, undefined)).toBe(expected(report, undefined));
        expect(streamed(report, 2)).toBe(expected(report, 2));
      }
    },
  );

  it('a report without steps, and names JSON has to escape, come out as JSON.stringify writes them', () => {
    const final = { at: '2026-01-01T00:00:00Z', accounts: [], digest: [] };
    for (const name of ['', 'quote " backslash \\ line\nbreak', 'émoji 😀 \u2028', '\u0000steps']) {
      const report: Report = { name, steps: [], final };
      expect(streamed(report, undefined)).toBe(expected(report, undefined));
      expect(streamed(report, 2)).toBe(expected(report, 2));
    }
  });

  it('the CLI prints the streamed report, the same as the in-process run, with --pretty', async () => {
    const file = join(ROOT, 'scenarios', 'revocation-and-restore.json');
    const checked = validateScenario(readFileSync(file, 'utf8'));
    if (!checked.ok) throw new Error('invalid');
    const report = await runScenario(checked.scenario);
    const r = simulate(readFileSync(file, 'utf8'), '--pretty');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected(report, 2));
  });
});
