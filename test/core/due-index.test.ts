// The index of due instants (core/due-index.ts) against the scan it replaces (issue #20): for random
// States of up to 300 accounts (several chunks of TABLE_CHUNK) or of 1,000 to 2,200 (several groups of chunks),
// random instants and both window ends,
// nextTransition must name the very transition that scanTransition (every account's first transition) and
// pending() (every candidate, sorted stably) name; and a run of transitions, each applied to the State the
// last one produced (so chunks are shared and re-indexed one at a time), must come in the same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Account,
  apply,
  DAY,
  NETWORKS,
  nextTransition,
  type Outcome,
  POLICY,
  type Post,
  pending,
  type RuleEvent,
  reauthDueAt,
  type State,
  StateData,
  scanTransition,
  stateFromData,
  TABLE_CHUNK,
  TABLE_GROUP,
  type Transition,
} from '../../core/index.ts';
import { accountRecord, acct, T0, team } from './fixtures.ts';

const PER_GROUP = TABLE_CHUNK * TABLE_GROUP;

const HOUR = 3_600_000;
/**
 * Instants on a coarse grid: whole days, or a day and a half, within five months of T0. Rule instants of
 * different kinds (a post, a due date, a lapse, a reminder a week before a due date) then often fall on the
 * very same instant, in different chunks, and on `from` itself: the ties the index must break like the scan.
 */
const instant = fc
  .tuple(fc.integer({ min: -150, max: 150 }), fc.boolean())
  .map(([d, half]) => T0 + d * DAY + (half ? 12 * HOUR : 0));
const REASONS = ['revoked', 'token-expired', 'security', 'inactive', 'deleted', 'manual'] as const;

const accountArb = fc.record({
  network: fc.constantFrom(...NETWORKS),
  connectedAt: instant,
  activeLater: fc.nat({ max: 60 }),
  status: fc.constantFrom('connected', 'connected', 'connected', 'disconnected', 'lapsed'),
  disconnectedAt: instant,
  reason: fc.constantFrom(...REASONS),
  reminded: fc.boolean(),
  posts: fc.array(
    fc.record({
      state: fc.constantFrom('scheduled', 'scheduled', 'cancelled', 'draft', 'published', 'missed'),
      at: fc.option(instant, { nil: null }),
      retryAt: fc.option(instant, { nil: null }),
    }),
    { maxLength: 4 },
  ),
});
type AccountArb = typeof accountArb extends fc.Arbitrary<infer T> ? T : never;

function account(a: AccountArb, i: number, shift: number): Account {
  const id = `a${i}`;
  const connected = a.status === 'connected';
  const base = accountRecord({
    id,
    network: a.network,
    connectedAt: a.connectedAt + shift,
    lastActiveAt: a.connectedAt + shift + a.activeLater * DAY,
    status: a.status as Account['status'],
    reason: connected ? null : a.reason,
    disconnectedAt: connected ? null : a.disconnectedAt + shift,
    postVisibility: a.network === 'x' ? 'app-only' : 'all-sources',
  });
  // R6: a reminder already sent for the current due date is not pending any more.
  return a.reminded ? { ...base, remindedFor: reauthDueAt(base) } : base;
}

function posts(a: AccountArb, i: number, shift: number): Post[] {
  return a.posts.map((p, k) => ({
    id: `a${i}-p${k}`,
    account: `a${i}`,
    // R3: a disconnected account keeps no scheduled post.
    state: a.status !== 'connected' && p.state === 'scheduled' ? 'cancelled' : p.state,
    at: p.at === null ? null : p.at + shift,
    author: 'ada',
    retryAt: p.retryAt === null ? null : p.retryAt + shift,
    attempts: 0,
  }));
}

/**
 * Up to 300 accounts (several chunks), or 1,000 to 2,200 (several groups of chunks, core/table.ts),
 * copied from a dozen templates, each chunk from its own few
 * templates (so chunks differ, and which chunk holds the first transition varies), each copy moved by a few
 * hours or not at all (so equal instants in different chunks, the file-order tie-break, are common). A
 * failing case shrinks in seconds, where a list of 300 random accounts took minutes.
 */
const stateArb = fc.record({
  templates: fc.array(accountArb, { minLength: 1, maxLength: 12 }),
  chunks: fc.array(fc.array(fc.nat({ max: 11 }), { minLength: 1, maxLength: 4 }), {
    minLength: 1,
    maxLength: 7,
  }),
  count: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 300 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 2200 }) },
  ),
  shifts: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 1, maxLength: 7 }),
  blogPosts: fc.array(fc.record({ publishedAt: instant, done: fc.boolean() }), { maxLength: 3 }),
  reversePosts: fc.boolean(),
});

function build(s: typeof stateArb extends fc.Arbitrary<infer T> ? T : never): State {
  const copies = Array.from({ length: s.count }, (_, i) => {
    // Seven lists at most for TABLE_GROUP chunks a group: the groups differ from one another too.
    const kinds = s.chunks[Math.floor(i / TABLE_CHUNK) % s.chunks.length]!;
    return {
      template: s.templates[kinds[i % kinds.length]! % s.templates.length]!,
      shift: s.shifts[i % s.shifts.length]! * DAY,
    };
  });
  const entries = copies.map(({ template, shift }, i) => [`a${i}`, posts(template, i, shift)] as const);
  return stateFromData(
    StateData.parse({
      settings: { plan: 'enterprise', brandsAddon: false, teams: [], brands: [], blogs: ['news'] },
      users: { ada: { id: 'ada', permission: 'all-accounts', superAdmin: true } },
      accounts: Object.fromEntries(
        copies.map(({ template, shift }, i) => [`a${i}`, account(template, i, shift)]),
      ),
      // Posts in another order than the accounts: the index cannot pair chunks, nextTransition must scan.
      posts: Object.fromEntries(s.reversePosts ? entries.reverse() : entries),
      blogPosts: s.blogPosts.map((b, i) => ({ blog: 'news', title: 'T', url: `https://b/${i}`, ...b })),
      seq: 0,
    }),
  );
}

/** The reference: every candidate of every account and blog post, sorted stably; the first in the window. */
const reference = (state: State, from: number, until: number, inclusive: boolean): Transition | null =>
  pending(state, from).find((t) => t.at < until || (inclusive && t.at === until)) ?? null;

// Up to 2,200 accounts per run and a few hundred runs: seconds on a busy 2-core machine, past vitest's 5 s default.
const windowArb = fc.record({ from: instant, span: fc.nat({ max: 60 }), inclusive: fc.boolean() });

describe('index of due instants', () => {
  it('R1/R4/R5/R6/S1: the next transition is the one the scan and pending() name, for any State, instant and window end', () => {
    fc.assert(
      fc.property(stateArb, fc.array(windowArb, { minLength: 1, maxLength: 8 }), (s, windows) => {
        const state = build(s);
        for (const { from, span, inclusive } of windows) {
          const until = from + span * 12 * HOUR;
          const expected = reference(state, from, until, inclusive);
          expect(scanTransition(state, from, until, inclusive)).toEqual(expected);
          expect(nextTransition(state, from, until, inclusive)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  }, 30_000);

  it('R1/R2/R3/R5/R6/R11: transitions and checks applied one after another give the transitions in the same order as the scan, as each change re-indexes one chunk', () => {
    const outcome: fc.Arbitrary<Outcome> = fc.oneof(
      fc.constant({ kind: 'ok' as const }),
      fc.constant({ kind: 'network-error' as const }),
      fc.constant({ kind: 'auth-error' as const, reason: 'revoked' as const }),
    );
    fc.assert(
      fc.property(stateArb, windowArb, fc.infiniteStream(outcome), (s, { from, inclusive }, outcomes) => {
        let state = build({ ...s, reversePosts: false });
        let clock = from;
        const until = from + 400 * DAY;
        for (let n = 0; n < 60; n++) {
          const expected = reference(state, clock, until, inclusive);
          expect(nextTransition(state, clock, until, inclusive)).toEqual(expected);
          if (!expected) break;
          clock = expected.at;
          const r = apply(state, expected.event, clock);
          state = r.state;
          for (const e of r.effects) {
            if (e.type !== 'publish') continue;
            const published = { type: 'published' as const, account: e.account, post: e.post };
            state = apply(state, { ...published, outcome: outcomes.next().value }, clock).state;
          }
          // Every other step, a person's action on one account: a health check (an ok one replaces the
          // account without moving any rule instant, an auth error disconnects it, R2) or, one time in four,
          // a refreshed connection (R7: a new due date, nothing else changes).
          const account = `a${(n * 7) % s.count}`;
          if (n % 4 === 1)
            state = apply(state, { type: 'refresh-connection', account, by: 'ada' }, clock).state;
          else if (n % 2 === 0) {
            const results = [{ account, outcome: outcomes.next().value }];
            state = apply(state, { type: 'checked', results }, clock).state;
          }
        }
      }),
      { numRuns: 100 },
    );
  }, 30_000);
});

describe('index of due instants: accounts replaced in the table', () => {
  // Whatever a shell stores: a new version of one account with other dates or another status, its posts
  // untouched. The index of the State before it must not be reused for that account.
  const fields = {
    network: fc.constantFrom(...NETWORKS),
    connectedAt: instant,
    lastActiveAt: instant,
    status: fc.constantFrom('connected', 'disconnected', 'lapsed') as fc.Arbitrary<Account['status']>,
    disconnectedAt: fc.option(instant, { nil: null }),
    remindedFor: fc.option(instant, { nil: null }),
  };
  // One field alone (the others cannot hide a field the index forgot to compare), or several at once.
  const changes: fc.Arbitrary<Partial<Account>> = fc.oneof(
    ...Object.entries(fields).map(([key, value]) =>
      (value as fc.Arbitrary<unknown>).map((v) => ({ [key]: v }) as Partial<Account>),
    ),
    fc.record(fields, { requiredKeys: [] }),
  );

  it('R1/R4/R5/R6: a replaced account is indexed again, one changed field at a time or several', () => {
    fc.assert(
      fc.property(
        stateArb,
        fc.integer({ min: 1, max: 70 }),
        changes,
        fc.nat(),
        windowArb,
        (s, count, change, pick, { from, inclusive }) => {
          // Few accounts (one or two chunks), so the replaced one's transitions come up within the walk.
          let state = build({ ...s, count: Math.min(s.count, count), reversePosts: false });
          const until = from + 400 * DAY;
          // Index this State first: the next one is indexed from it.
          expect(nextTransition(state, from, until, inclusive)).toEqual(
            reference(state, from, until, inclusive),
          );
          const id = `a${pick % state.accounts.size}`;
          state = { ...state, accounts: state.accounts.set(id, { ...state.accounts.get(id)!, ...change }) };
          let clock = from;
          for (let n = 0; n < 40; n++) {
            const expected = reference(state, clock, until, inclusive);
            expect(nextTransition(state, clock, until, inclusive)).toEqual(expected);
            if (!expected) break;
            clock = expected.at;
            state = apply(state, expected.event, clock).state;
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);
});

describe('index of due instants: same-instant order across chunks', () => {
  // TABLE_CHUNK YouTube accounts (no due dates) fill the first chunk, each with a post at T; the next account, in the
  // second chunk, was disconnected so that its R4 window closes at T too.
  const T = T0 + 30 * DAY;
  const state = team(
    [
      ...Array.from({ length: TABLE_CHUNK }, (_, i) => acct(`yt-${i}`, 'youtube')),
      acct('late', 'facebook', {
        state: 'disconnected',
        reason: 'revoked',
        disconnectedAt: T - POLICY.facebook.reconnectWindow,
      }),
    ],
    {
      posts: Array.from({ length: TABLE_CHUNK }, (_, i) => ({
        id: `p-${i}`,
        account: `yt-${i}`,
        state: 'scheduled' as const,
        at: T,
        author: 'ben',
      })),
    },
  );
  const lapse = (at: number) => ({ at, event: { type: 'lapse', account: 'late', due: T } });

  it('R5: a lapse in a later chunk goes before posts due at the same instant in an earlier one', () => {
    expect(state.accounts.chunkCount).toBe(2);
    expect(nextTransition(state, T - DAY, T + DAY)).toEqual(lapse(T));
  });

  it('R5: and when both are already behind `from`, the lapse still fires first, at `from`', () => {
    expect(nextTransition(state, T + DAY, T + 2 * DAY)).toEqual(lapse(T + DAY));
  });

  it('R5: a lapse in a later group of chunks goes before posts due at the same instant in an earlier group', () => {
    // The accounts of a whole group of chunks come first; the lapse is in the second group.
    const many = team(
      [
        ...Array.from({ length: PER_GROUP }, (_, i) => acct(`yt-${i}`, 'youtube')),
        acct('late', 'facebook', {
          state: 'disconnected',
          reason: 'revoked',
          disconnectedAt: T - POLICY.facebook.reconnectWindow,
        }),
      ],
      {
        posts: Array.from({ length: PER_GROUP }, (_, i) => ({
          id: `p-${i}`,
          account: `yt-${i}`,
          state: 'scheduled' as const,
          at: T,
          author: 'ben',
        })),
      },
    );
    expect(many.accounts.groupCount).toBe(2);
    expect(nextTransition(many, T - DAY, T + DAY)).toEqual(lapse(T));
    expect(nextTransition(many, T + DAY, T + 2 * DAY)).toEqual(lapse(T + DAY));
  });

  it('R3: once the lapse is applied, the posts follow in file order', () => {
    const after = apply(state, lapse(T).event as RuleEvent, T).state;
    expect(nextTransition(after, T, T + DAY)).toEqual({
      at: T,
      event: { type: 'post-due', account: 'yt-0', post: 'p-0', due: T },
    });
  });
});
