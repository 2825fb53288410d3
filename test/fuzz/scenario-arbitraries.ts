// Scenario files as a careless tester writes them: mostly well-formed, with references that may not exist,
// `respond` events carrying hostile answers, and random mutations of fields, dates, nesting and keys.
import fc from 'fast-check';
import { body, headers, NETWORKS } from './arbitraries.ts';

const START = Date.parse('2026-01-01T00:00:00Z');
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const iso = (t: number) => new Date(t).toISOString();

/** Mostly accounts and users the file has, now and then one it does not. */
const accountId = fc.oneof({ weight: 9, arbitrary: fc.constantFrom('a0', 'a1', 'a2') }, fc.constant('a9'));
const user = fc.oneof({ weight: 9, arbitrary: fc.constantFrom('ada', 'ben') }, fc.constant('zed'));
const network = fc.constantFrom(...NETWORKS);

const account = (id: string) =>
  fc.record({
    id: fc.constant(id),
    network,
    connectedBy: fc.constantFrom('ada', 'ben'),
    connectedAt: fc.integer({ min: 0, max: 400 }).map((d) => iso(START - d * DAY)),
  });

/** An event's own fields (its `at` is added in time order). */
const event = fc.oneof(
  fc.record({
    type: fc.constantFrom('revoke', 'expire-token', 'security', 'inactive', 'delete-account'),
    account: accountId,
  }),
  fc.record({
    type: fc.constantFrom('outage', 'rate-limit'),
    network,
    hours: fc.integer({ min: 1, max: 48 }),
  }),
  fc.record(
    {
      type: fc.constant('respond'),
      // Which of the three accounts' network answers (resolved below), so a check consumes the answer.
      target: fc.nat(2),
      status: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(200, 204, 205, 304, 400, 401, 403, 404, 429, 500, 503) },
        { weight: 4, arbitrary: fc.integer({ min: 200, max: 599 }) },
        fc.integer({ min: 100, max: 700 }),
      ),
      body,
      headers,
      times: fc.integer({ min: 1, max: 3 }),
    },
    { requiredKeys: ['type', 'target', 'status', 'body'] },
  ),
  fc.record({ type: fc.constant('check'), account: fc.option(accountId, { nil: undefined }) }),
  fc.record({ type: fc.constant('publish'), account: accountId }),
  fc.record({
    type: fc.constantFrom('reconnect', 'refresh-connection', 'disconnect'),
    account: accountId,
    by: user,
  }),
  fc.record({ type: fc.constant('connect'), account: fc.constantFrom('n0', 'n1', 'n2'), network, by: user }),
  fc.record({ type: fc.constant('set-default'), account: accountId, by: user, value: fc.boolean() }),
);

/** A well-formed scenario: 3 accounts, up to 10 events over about a year, in time order. */
const wellFormed = fc
  .record({
    accounts: fc.tuple(account('a0'), account('a1'), account('a2')),
    events: fc.array(fc.tuple(fc.integer({ min: 0, max: 400 * 1440 }), event), { maxLength: 10 }),
    posts: fc.array(fc.tuple(accountId, fc.integer({ min: 0, max: 200 })), { maxLength: 3 }),
  })
  .map(({ accounts, events, posts }) => ({
    name: 'fuzz',
    start: iso(START),
    users: [
      { id: 'ada', superAdmin: true, permission: 'all-accounts' },
      { id: 'ben', permission: 'own-accounts' },
    ],
    accounts,
    posts: posts.map(([a, d], i) => ({
      id: `p${i}`,
      account: a,
      state: 'scheduled',
      at: iso(START + d * DAY),
      author: 'ada',
    })),
    events: events
      .sort(([a], [b]) => a - b)
      .flatMap(([minutes, e]): object[] => {
        const at = iso(START + minutes * MINUTE);
        if ('hours' in e) {
          const { hours, ...rest } = e;
          return [{ at, ...rest, until: iso(Date.parse(at) + hours * 3_600_000) }];
        }
        if ('target' in e) {
          // A canned answer and the check that receives it.
          const { target, ...rest } = e;
          return [
            { at, ...rest, network: accounts[target]!.network },
            { at, type: 'check' },
          ];
        }
        return [{ at, ...e }];
      }),
  }));

/** A JSON value to put where it does not belong: any JSON, deep nesting, dates just outside the range. */
const stray = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.integer({ min: 1, max: 2000 }).map((n) => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`) as unknown),
  fc.constantFrom(
    '2026-02-31T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '9999-12-31T23:59:59Z',
    '2026-01-01T24:00:00Z',
    '+010000-01-01T00:00:00Z',
  ),
);

type Json = Record<string, unknown>;

/** Replaces the value at a path chosen by `picks` (walking into objects and arrays) with `value`. */
function replaceAt(root: Json, picks: number[], value: unknown): Json {
  const copy = structuredClone(root);
  let node: unknown = copy;
  for (const [i, pick] of picks.entries()) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[pick % keys.length]!;
    const child = (node as Json)[key];
    if (i === picks.length - 1 || typeof child !== 'object' || child === null) {
      (node as Json)[key] = value;
      break;
    }
    node = child;
  }
  return copy;
}

/** A scenario file's text: well-formed, mutated in one field, or with a key given twice. */
export const scenarioText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: wellFormed.map((s) => JSON.stringify(s)) },
  fc
    .tuple(wellFormed, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), stray)
    .map(([s, picks, value]) => JSON.stringify(replaceAt(s, picks, value))),
  wellFormed.map((s) => JSON.stringify(s).replace('"type":', '"type":"check","type":')),
);
