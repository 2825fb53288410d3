// Issue #13, finding 4: a big scenario never dies late. The report is written step by step as the run
// makes it, so the simulator's memory does not grow with the report: here a 44 MB report comes out of a
// process whose heap is capped at 64 MB (the whole report as one object and one string, as before, dies
// there: "JavaScript heap out of memory"); 3,000 accounts with one event at day 73 (4.4 GB) ran the same way.
import { describe, expect, it } from 'vitest';
import { simulateOn } from './support.ts';

const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');
const NETWORKS = ['facebook', 'instagram', 'x', 'linkedin', 'youtube'];

/** `n` accounts connected over the 80 days before the start, and one check at day 73: about n rule steps. */
function big(n: number) {
  return {
    name: 'big',
    start: new Date(START).toISOString(),
    users: [{ id: 'ada', superAdmin: true, permission: 'all-accounts' }],
    accounts: Array.from({ length: n }, (_, i) => ({
      id: `${NETWORKS[i % 5]}-${i}`,
      network: NETWORKS[i % 5],
      connectedBy: 'ada',
      connectedAt: new Date(START - (i % 80) * DAY).toISOString(),
    })),
    events: [{ at: new Date(START + 73 * DAY).toISOString(), type: 'check' }],
  };
}

describe('issue #13 finding 4: big scenarios', () => {
  it('a report far larger than the heap is streamed out whole (exit 0)', () => {
    const r = simulateOn(['--max-old-space-size=64', '--max-semi-space-size=8'], big(300), '--fast');
    expect(r.stderr).not.toMatch(/heap out of memory|Invalid string length|Internal error/);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(40_000_000);
    const report = JSON.parse(r.stdout) as { steps: Array<{ accounts: unknown[] }> };
    expect(report.steps.length).toBeGreaterThan(250);
    expect(report.steps.every((s) => s.accounts.length === 300)).toBe(true);
    // A child process writing 44 MB: seconds on an idle machine, more on a busy CI runner.
  }, 60_000);
});
