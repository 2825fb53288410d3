// Issue #13: random scenario files (well-formed ones whose `respond` events carry hostile answers, and
// mutated ones) through the validator and the simulator: a file is either refused with lines naming fields
// (exit 2) or runs (exit 0); nothing throws, no stack trace is printed, and an answer a `respond` event
// queues reaches the adapters as written (it never turns into a network error inside the mock), and both
// transports (MSW, --fast) give the same report.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/runner.ts';
import { validateScenario } from '../../sim/scenario.ts';
import { simulate } from '../sim/support.ts';
import { scenarioText } from './scenario-arbitraries.ts';

/** Every refusal line names a field (or the file) before a colon. */
const FIELD_LINE = /^(\(file\)|[A-Za-z][\w$-]*|\[)[^\n]*: \S/;

describe('fuzz: scenario files', () => {
  it('the validator never throws; valid files run to the end, the same through MSW and --fast, without a network error', {
    timeout: 60_000,
  }, async () => {
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(scenarioText, async (text) => {
        const checked = validateScenario(text);
        if (!checked.ok) {
          expect(checked.errors.length).toBeGreaterThan(0);
          for (const line of checked.errors) expect(line).toMatch(FIELD_LINE);
          return;
        }
        ran++;
        const report = await runScenario(checked.scenario, { transport: 'direct', changedOnly: true });
        // --fast answers with the mocks' own dispatch; the report must not depend on it.
        const viaMsw = await runScenario(checked.scenario, { transport: 'msw', changedOnly: true });
        expect(JSON.stringify(viaMsw)).toBe(JSON.stringify(report));
        const outcomes = [...report.steps.flatMap((s) => s.accounts), ...report.final.accounts].map(
          (a) => a.lastCheck?.outcome,
        );
        expect(outcomes).not.toContain('network-error');
      }),
      { numRuns: 300 },
    );
    // The generator is meant to reach the simulator, not only the validator.
    expect(ran).toBeGreaterThan(20);
  });

  it('the CLI exits 0 or 2, never prints a stack trace', { timeout: 60_000 }, () => {
    // A few files through the real process too (each spawn costs about half a second).
    for (const text of fc.sample(scenarioText, { numRuns: 6, seed: 13 })) {
      const r = simulate(text, '--changed-only');
      expect(r.stderr).not.toMatch(/\n\s+at |Internal error/);
      expect([0, 2]).toContain(r.code);
    }
  });
});
