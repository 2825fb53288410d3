// Issue #13, finding 2: a network's retry hint (Retry-After, x-rate-limit-reset, Meta's
// estimated_time_to_regain_access) never crashes the simulator and never holds checks back for more than a
// day (R11 honours the hint, bounded where it enters). Scenario files through the real CLI.
import { describe, expect, it } from 'vitest';
import { scenario, simulate } from './support.ts';

const AT = '2026-01-02T00:00:00Z';
const DAY_LATER = '2026-01-03T00:00:00Z';
const HUGE = '99999999999999';

type Step = {
  at: string;
  event: { type: string };
  accounts: Array<{
    id: string;
    status: string;
    reason: string | null;
    lastCheck: { outcome: string; retryAt: string | null } | null;
  }>;
};

function run(file: object) {
  const r = simulate(file);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { steps: Step[]; final: { accounts: Step['accounts'] } };
}

const META_THROTTLE = {
  error: { code: 4, message: 'Application request limit reached', type: 'OAuthException' },
};
const cases: Array<[string, string, number, object, Record<string, string>]> = [
  ['linkedin', 'Retry-After', 429, {}, { 'Retry-After': HUGE }],
  ['youtube', 'Retry-After', 429, {}, { 'Retry-After': HUGE }],
  ['x', 'x-rate-limit-reset', 429, { title: 'Too Many Requests' }, { 'x-rate-limit-reset': HUGE }],
  [
    'facebook',
    'estimated_time_to_regain_access',
    400,
    META_THROTTLE,
    { 'X-Business-Use-Case-Usage': `{"1":[{"type":"pages","estimated_time_to_regain_access":${HUGE}}]}` },
  ],
  [
    'instagram',
    'estimated_time_to_regain_access',
    400,
    META_THROTTLE,
    { 'X-Business-Use-Case-Usage': `{"1":[{"estimated_time_to_regain_access":1e300}]}` },
  ],
];

describe('issue #13 finding 2: retry hints from the network', () => {
  // One file for the five networks (one spawn): each account's network answers its throttle, then a check.
  let huge: ReturnType<typeof run> | undefined;
  const hugeHints = () => {
    huge ??= run(
      scenario(
        cases.map(([network]) => ({ id: network, network })),
        [
          ...cases.map(([network, , status, body, headers]) => ({
            at: AT,
            type: 'respond',
            network,
            status,
            body,
            headers,
            times: 3,
          })),
          { at: AT, type: 'check' },
        ],
      ),
    );
    return huge;
  };

  it.each(cases)('R11: a %s rate limit with a huge %s runs (exit 0) and waits at most a day', (network) => {
    const checked = hugeHints()
      .steps.find((s) => s.event.type === 'check')!
      .accounts.find((a) => a.id === network)!;
    expect(checked.status).toBe('connected');
    expect(checked.lastCheck).toMatchObject({ outcome: 'rate-limited', retryAt: DAY_LATER });
  });

  it('R11: a plausible 10-year Retry-After does not hide a revocation two days later', () => {
    const tenYears = String(10 * 365 * 24 * 3600);
    const report = run(
      scenario(
        [{ id: 'li-1', network: 'linkedin' }],
        [
          {
            at: AT,
            type: 'respond',
            network: 'linkedin',
            status: 429,
            body: {},
            headers: { 'Retry-After': tenYears },
          },
          { at: AT, type: 'check' },
          { at: '2026-01-04T00:00:00Z', type: 'revoke', account: 'li-1' },
          { at: '2026-01-04T01:00:00Z', type: 'check', account: 'li-1' },
        ],
      ),
    );
    expect(report.final.accounts[0]).toMatchObject({ status: 'disconnected', reason: 'revoked' });
  });

  it('R11: a Retry-After in no RFC 9110 form (an ISO date) is unreadable: the 5-minute backoff applies', () => {
    const report = run(
      scenario(
        [{ id: 'li-1', network: 'linkedin' }],
        [
          {
            at: AT,
            type: 'respond',
            network: 'linkedin',
            status: 503,
            body: {},
            headers: { 'Retry-After': '2026-06-01' },
            times: 3,
          },
          { at: AT, type: 'check' },
        ],
      ),
    );
    expect(report.final.accounts[0]!.lastCheck).toMatchObject({
      outcome: 'unavailable',
      retryAt: '2026-01-02T00:05:00Z',
    });
  });
});
