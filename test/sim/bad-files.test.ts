// Issue #13, finding 5: files that used to pass validation and fail later, or crash it, are refused at once:
// exit 2, nothing on stdout, no stack trace, and a line naming the field and what is wrong with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instantProblem } from '../../sim/instant.ts';
import { ROOT, scenario, simulate } from './support.ts';

type File = ReturnType<typeof example>;
const example = () => JSON.parse(readFileSync(join(ROOT, 'scenarios/linkedin-lapse.json'), 'utf8'));
/** The index of an event pushed onto the example's events, in a pattern written with `events\[N\]`. */
const PUSHED = example().events.length;
const pushed = (re: RegExp) => new RegExp(re.source.replace('events\\[N\\]', `events\\[${PUSHED}\\]`));
const respond = (extra: object) => ({
  at: '2026-03-16T00:00:00Z',
  type: 'respond',
  network: 'linkedin',
  status: 200,
  body: {},
  ...extra,
});
const nested = (levels: number) => {
  let body: unknown = { error: 'deep' };
  for (let i = 0; i < levels; i++) body = [body];
  return body;
};

function refused(content: string | object, ...patterns: RegExp[]) {
  const r = simulate(content);
  expect(r.stderr).not.toMatch(/\n\s+at |Internal error/);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  for (const p of patterns) expect(r.stderr).toMatch(p);
  return r;
}

const cases: Array<[string, (s: File) => unknown, RegExp]> = [
  [
    'a respond.body nested 1,500 levels deep',
    (s) => s.events.push(respond({ body: nested(1500) })),
    pushed(/events\[N\]\.body: nested 1501 levels deep; a response body may nest at most 64/),
  ],
  [
    'a respond.body of more than a million characters',
    (s) => s.events.push(respond({ body: { blob: 'x'.repeat(1_000_001) } })),
    pushed(/events\[N\]\.body: 1,000,012 characters of JSON; a response body may have at most 1,000,000/),
  ],
  [
    'a connectedAt before 1970',
    (s) => {
      s.accounts[0].connectedAt = '1969-07-20T20:17:00Z';
    },
    /accounts\[0\]\.connectedAt: "1969-07-20T20:17:00Z" is before 1970-01-01T00:00:00Z/,
  ],
  [
    'an impossible calendar date (31 February)',
    (s) => {
      s.events[0].at = '2026-02-31T00:00:00Z';
    },
    /events\[0\]\.at: "2026-02-31T00:00:00Z" is not a date: February 2026 has 28 days/,
  ],
  [
    'a year past 9999',
    (s) => {
      s.events[2].at = '+010000-01-01T00:00:00Z';
    },
    /events\[2\]\.at: expected an ISO date/,
  ],
  [
    'an instant too late for the dates derived from it to print',
    (s) => {
      s.events[2].at = '9999-06-01T00:00:00Z';
    },
    /events\[2\]\.at: "9999-06-01T00:00:00Z" is too far ahead/,
  ],
  [
    'a respond status of 100-199',
    (s) => s.events.push(respond({ status: 103 })),
    pushed(
      /events\[N\]\.status: expected an HTTP status from 200 to 599; 1xx are not final answers \(got 103\)/,
    ),
  ],
  [
    'a respond status above 599',
    (s) => s.events.push(respond({ status: 600 })),
    pushed(/events\[N\]\.status: expected an HTTP status from 200 to 599 \(got 600\)/),
  ],
  [
    'an invalid header name',
    (s) => s.events.push(respond({ status: 429, headers: { 'Retry After': '60' } })),
    pushed(/events\[N\]\.headers\["Retry After"\]: not a valid HTTP header name/),
  ],
  [
    'an invalid header value',
    (s) => s.events.push(respond({ status: 429, headers: { 'Retry-After': '60\r\nX-Injected: 1' } })),
    pushed(/events\[N\]\.headers\.Retry-After: not a valid HTTP header value/),
  ],
  [
    'a redirect (3xx with a Location), which fetch would follow off the mock networks',
    (s) => s.events.push(respond({ status: 302, headers: { Location: 'https://www.linkedin.com/login' } })),
    pushed(/events\[N\]\.headers\.Location: a 302 answer with a Location is a redirect/),
  ],
  [
    'a status given as a string',
    (s) => s.events.push(respond({ status: '401' })),
    pushed(/events\[N\]\.status: expected a number, got a string/),
  ],
  [
    'an instant given as a number',
    (s) => {
      s.events[0].at = 20260102;
    },
    /events\[0\]\.at: expected an ISO date such as "2026-01-01T00:00:00Z", got a number/,
  ],
  [
    'a boolean given as a string',
    (s) => {
      s.users[0].superAdmin = 'yes';
    },
    /users\[0\]\.superAdmin: expected true or false, got a string/,
  ],
  [
    'a plan given as a number',
    (s) => {
      s.plan = 5;
    },
    /plan: expected one of "professional", "enterprise" \(got 5\)/,
  ],
];

describe('issue #13 finding 5: bad files are refused with the field path', () => {
  it.each(cases)('exits 2 for %s', (_name, mutate, pattern) => {
    const s = example();
    mutate(s);
    refused(s, pattern);
  });

  it('exits 2 for duplicate keys, which JSON.parse would silently resolve to the last (a revoke)', () => {
    const text = readFileSync(join(ROOT, 'scenarios/linkedin-lapse.json'), 'utf8').replace(
      '"type": "revoke"',
      '"type": "check", "type": "revoke"',
    );
    refused(text, /events\[0\]\.type: duplicate key "type" \(line \d+\)/);
  });

  it('exits 2 for a file nested 100,000 levels deep, without a stack trace', () => {
    refused(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, /\(file\): nested too deeply/);
  });

  it('a scenario at the end of the accepted range prints only four-digit-year ISO dates (the form the validator reads)', () => {
    const late = scenario(
      [{ id: 'fb-1', network: 'facebook' }],
      [
        { at: '9998-12-31T00:00:00Z', type: 'revoke', account: 'fb-1' },
        { at: '9998-12-31T01:00:00Z', type: 'check' },
      ],
      { start: '9998-12-30T00:00:00Z' },
    );
    (late.accounts[0] as { connectedAt: string }).connectedAt = '9998-12-01T00:00:00Z';
    const r = simulate(late);
    expect(r.code).toBe(0);
    const printed = [...r.stdout.matchAll(/"(\+?\d{4,6}-\d\d-\d\dT[^"]+)"/g)].map((m) => m[1]!);
    expect(printed).toContain('9999-12-31T01:00:00Z');
    expect(
      printed.filter((t) => instantProblem(t) !== null && !/too far ahead/.test(instantProblem(t)!)),
    ).toEqual([]);
  });
});
