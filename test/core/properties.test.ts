// Invariants over random event streams (fast-check, 1,000 runs each as issue #2 asks).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ActionEvent,
  type AuthErrorReason,
  apply,
  DAY,
  nextTransition,
  type ObservedEvent,
  type Outcome,
  pending,
  runUntil,
  type State,
  snapshots,
} from '../../core/index.ts';
import { acct, T0, team } from './fixtures.ts';

const RUNS = { numRuns: 1000 };
const ACCOUNTS = ['fb', 'ig', 'x1', 'li', 'yt'];
const USERS = ['ada', 'ben', 'cy', 'dee'];

const initial = (): State =>
  team(
    [
      acct('fb', 'facebook'),
      acct('ig', 'instagram'),
      acct('x1', 'x'),
      acct('li', 'linkedin'),
      acct('yt', 'youtube'),
    ],
    {
      blogs: ['news'],
      posts: ACCOUNTS.flatMap((a, i) => [
        {
          id: `${a}-s1`,
          account: a,
          state: 'scheduled' as const,
          at: T0 + (10 + i * 17) * DAY,
          author: 'ben',
        },
        {
          id: `${a}-s2`,
          account: a,
          state: 'scheduled' as const,
          at: T0 + (200 + i * 31) * DAY,
          author: 'dee',
        },
        { id: `${a}-p`, account: a, state: 'published' as const, at: T0 - DAY, author: 'ben' },
        { id: `${a}-d`, account: a, state: 'draft' as const, author: 'cy' },
      ]),
    },
  );

const transient: fc.Arbitrary<Outcome> = fc.oneof(
  fc.record({ kind: fc.constant('rate-limited' as const), retryAt: fc.option(fc.nat(), { nil: null }) }),
  fc.record({ kind: fc.constant('unavailable' as const), retryAt: fc.constant(null) }),
  fc.constant({ kind: 'network-error' as const }),
);
const reason = fc.constantFrom<AuthErrorReason>(
  'revoked',
  'token-expired',
  'security',
  'inactive',
  'deleted',
);
const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  fc.constant({ kind: 'ok' as const }),
  reason.map((r) => ({ kind: 'auth-error' as const, reason: r })),
  transient,
);
const account = fc.constantFrom(...ACCOUNTS);
const user = fc.constantFrom(...USERS);

const event: fc.Arbitrary<ActionEvent | ObservedEvent> = fc.oneof(
  fc.record({
    type: fc.constant('checked' as const),
    results: fc.array(fc.record({ account, outcome }), { maxLength: 3 }),
  }),
  fc.record({ type: fc.constant('reconnect' as const), account, by: user }),
  fc.record({ type: fc.constant('refresh-connection' as const), account, by: user }),
  fc.record({ type: fc.constant('disconnect' as const), account, by: user }),
  fc.record({ type: fc.constant('set-default' as const), account, by: user, value: fc.boolean() }),
  fc.record({
    type: fc.constant('set-access' as const),
    account,
    by: user,
    access: fc.constantFrom('everyone' as const, 'private' as const),
  }),
  fc.record({
    type: fc.constant('set-autopublish' as const),
    account,
    by: user,
    blog: fc.constantFrom('news', null),
  }),
  fc.record({
    type: fc.constant('blog-post' as const),
    blog: fc.constant('news'),
    title: fc.constant('T'),
    url: fc.webUrl(),
  }),
  fc.record({ type: fc.constant('publish' as const), account }),
);
/** Events with gaps of up to 120 days between them. */
const stream = fc.array(fc.tuple(fc.integer({ min: 0, max: 120 * DAY }), event), { maxLength: 25 });

interface Frame {
  state: State;
  kind: string;
}

/** Play a stream like the simulator does: due rules before each event, publish effects answered ok. */
function play(events: ReadonlyArray<readonly [number, ActionEvent | ObservedEvent]>): Frame[] {
  let state = initial();
  let clock = T0;
  const frames: Frame[] = [{ state, kind: 'start' }];
  for (const [gap, e] of events) {
    const now = clock + gap;
    const due = runUntil(state, clock, now, undefined, false);
    for (const step of due.steps) frames.push({ state: step.state, kind: step.event.type });
    state = due.state;
    const r = apply(state, e, now);
    if (r.rejected) expect(r.state).toBe(state);
    state = r.state;
    frames.push({ state, kind: e.type });
    for (const eff of r.effects) {
      if (eff.type !== 'publish') continue;
      state = apply(
        state,
        { type: 'published', account: eff.account, post: eff.post, outcome: { kind: 'ok' } },
        now,
      ).state;
      frames.push({ state, kind: 'published' });
    }
    clock = now;
  }
  return frames;
}

const total = (s: State, id: string) => (s.posts.get(id)?.length ?? 0) + s.accounts.get(id)!.lost;

describe('core invariants', () => {
  it('R5: no post is ever lost before its account lapses', () => {
    fc.assert(
      fc.property(stream, (events) => {
        const frames = play(events);
        for (let i = 1; i < frames.length; i++) {
          const [prev, next] = [frames[i - 1]!, frames[i]!];
          for (const id of ACCOUNTS) {
            expect(total(next.state, id)).toBeGreaterThanOrEqual(total(prev.state, id));
            const shrank = (next.state.posts.get(id)?.length ?? 0) < (prev.state.posts.get(id)?.length ?? 0);
            if (shrank) {
              expect(next.kind).toBe('lapse');
              expect(next.state.accounts.get(id)!.status).toBe('lapsed');
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('R11: a transient outcome never changes any status or post', () => {
    fc.assert(
      fc.property(stream, account, transient, fc.nat({ max: 400 * DAY }), (events, id, out, offset) => {
        const frames = play(events);
        const state = frames[frames.length - 1]!.state;
        const now = T0 + offset;
        const r = apply(state, { type: 'checked', results: [{ account: id, outcome: out }] }, now);
        expect(r.state.accounts.get(id)!.status).toBe(state.accounts.get(id)!.status);
        expect(r.state.accounts.get(id)!.reason).toBe(state.accounts.get(id)!.reason);
        expect(r.state.posts).toBe(state.posts);
      }),
      RUNS,
    );
  });

  it('R3: at every step a disconnected or lapsed account has no scheduled post and a connected one no cancelled post', () => {
    fc.assert(
      fc.property(stream, (events) => {
        for (const { state } of play(events)) {
          for (const s of snapshots(state, T0)) {
            if (s.status === 'disconnected' || s.status === 'lapsed') expect(s.posts.scheduled).toBe(0);
            else expect(s.posts.cancelled).toBe(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('R1/R5/R6: the next transition is the first pending one by time, priority and file order, from any instant', () => {
    fc.assert(
      fc.property(
        stream,
        fc.nat({ max: 400 * DAY }),
        fc.nat({ max: 60 * DAY }),
        fc.boolean(),
        (events, offset, span, inclusive) => {
          for (const { state } of play(events)) {
            const from = T0 + offset;
            const until = from + span;
            // pending() lists every candidate of every account and sorts them stably: the reference.
            const expected =
              pending(state, from).find((t) => t.at <= until && (inclusive || t.at < until)) ?? null;
            expect(nextTransition(state, from, until, inclusive)).toEqual(expected);
          }
        },
      ),
      RUNS,
    );
  });

  it('R1-R12: applying the same event stream twice gives the same state', () => {
    fc.assert(
      fc.property(stream, (events) => {
        const a = play(events);
        const b = play(events);
        expect(b[b.length - 1]!.state).toEqual(a[a.length - 1]!.state);
      }),
      RUNS,
    );
  });
});
