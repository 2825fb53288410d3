import { describe, expect, it } from 'vitest';
import {
  apply,
  DAY,
  nextTransition,
  reauthDueAt,
  runUntil,
  type State,
  snapshot,
  status,
} from '../../core/index.ts';
import { acct, at, T0, team } from './fixtures.ts';

const snap = (s: State, id: string, now: number) => snapshot(s, s.accounts.get(id)!, now);

describe('R1 scheduled re-authorization', () => {
  it('R1: facebook and instagram are due 90 days after the last authorization', () => {
    const s = team([acct('fb', 'facebook'), acct('ig', 'instagram')]);
    expect(reauthDueAt(s.accounts.get('fb')!)).toBe(at(90));
    expect(reauthDueAt(s.accounts.get('ig')!)).toBe(at(90));
  });

  it('R1: linkedin is due 365 days after the last authorization and a re-authorization restarts the clock', () => {
    const s = team([acct('li', 'linkedin')]);
    expect(reauthDueAt(s.accounts.get('li')!)).toBe(at(365));
    const r = apply(s, { type: 'refresh-connection', account: 'li', by: 'dee' }, at(100));
    expect(reauthDueAt(r.state.accounts.get('li')!)).toBe(at(465));
  });

  it('R1: youtube has no predictable re-authorization', () => {
    const s = team([acct('yt', 'youtube')]);
    expect(reauthDueAt(s.accounts.get('yt')!)).toBeNull();
    expect(runUntil(s, T0, at(1000)).state.accounts.get('yt')!.status).toBe('connected');
  });

  it('R1: x is due 90 days after the last activity; a publish counts, a health check does not', () => {
    const s0 = team([acct('x1', 'x')], {
      posts: [{ id: 'p', account: 'x1', state: 'scheduled', at: at(50), author: 'ben' }],
    });
    const checked = apply(
      s0,
      { type: 'checked', results: [{ account: 'x1', outcome: { kind: 'ok' } }] },
      at(40),
    );
    expect(reauthDueAt(checked.state.accounts.get('x1')!)).toBe(at(90));
    const { state } = runUntil(checked.state, at(40), at(60));
    expect(state.posts.get('x1')![0]!.state).toBe('published');
    expect(reauthDueAt(state.accounts.get('x1')!)).toBe(at(140));
  });

  it('R1: at exactly reauthDueAt the account disconnects with reauth-required, not one millisecond earlier', () => {
    const s = team([acct('fb', 'facebook')]);
    const before = runUntil(s, T0, at(90) - 1).state;
    expect(before.accounts.get('fb')!.status).toBe('connected');
    const due = runUntil(s, T0, at(90)).state;
    expect(due.accounts.get('fb')!).toMatchObject({
      status: 'disconnected',
      reason: 'reauth-required',
      disconnectedAt: at(90),
    });
  });

  it('R1: an account already past its due date when the state is loaded disconnects at its due instant', () => {
    const s = team([acct('fb', 'facebook', { connectedAt: T0 - 100 * DAY })]);
    const t = nextTransition(s, T0, T0);
    expect(t?.event).toMatchObject({ type: 'reauth-due', due: T0 - 10 * DAY });
    const after = runUntil(s, T0, T0).state;
    expect(after.accounts.get('fb')!.disconnectedAt).toBe(T0 - 10 * DAY);
  });
});

describe('R3 what a disconnect does', () => {
  it('R3: scheduled posts are cancelled keeping their time, published are hidden, drafts untouched', () => {
    const s = team([acct('li', 'linkedin')], {
      posts: [
        { id: 's', account: 'li', state: 'scheduled', at: at(30), author: 'ben' },
        { id: 'p', account: 'li', state: 'published', at: at(-5), author: 'ben' },
        { id: 'd', account: 'li', state: 'draft', author: 'ben' },
      ],
    });
    const r = apply(
      s,
      { type: 'checked', results: [{ account: 'li', outcome: { kind: 'auth-error', reason: 'revoked' } }] },
      at(1),
    );
    const posts = r.state.posts.get('li')!;
    expect(posts.find((p) => p.id === 's')).toMatchObject({ state: 'cancelled', at: at(30) });
    expect(posts.find((p) => p.id === 'd')!.state).toBe('draft');
    expect(snap(r.state, 'li', at(1)).posts).toMatchObject({
      cancelled: 1,
      published: 1,
      publishedVisible: 0,
      drafts: 1,
    });
  });
});

describe('R4 reconnect window and R5 lapse', () => {
  const base = () =>
    team([acct('li', 'linkedin'), acct('fb', 'facebook')], {
      posts: [
        { id: 'early', account: 'li', state: 'scheduled', at: at(20), author: 'ben' },
        { id: 'late', account: 'li', state: 'scheduled', at: at(100), author: 'ben' },
        { id: 'pub', account: 'li', state: 'published', at: at(-1), author: 'ben' },
        { id: 'draft', account: 'li', state: 'draft', author: 'ben' },
      ],
    });
  const revoked = () =>
    apply(
      base(),
      { type: 'checked', results: [{ account: 'li', outcome: { kind: 'auth-error', reason: 'revoked' } }] },
      at(10),
    ).state;

  it('R4: the window is 60 days for linkedin and youtube, 365 for facebook, instagram and x', () => {
    const s = revoked();
    expect(snap(s, 'li', at(10)).reconnectDeadline).toBe(at(70));
    const fb = apply(s, { type: 'disconnect', account: 'fb', by: 'ada' }, at(10)).state;
    expect(snap(fb, 'fb', at(10)).reconnectDeadline).toBe(at(375));
  });

  it('R4: a reconnect inside the window restores future posts and marks past ones missed', () => {
    const s = revoked();
    const r = apply(s, { type: 'reconnect', account: 'li', by: 'dee' }, at(50));
    const view = snap(r.state, 'li', at(50));
    expect(view).toMatchObject({ status: 'connected', reason: null, disconnectedAt: null });
    expect(view.posts).toMatchObject({
      scheduled: 1,
      missed: 1,
      published: 1,
      publishedVisible: 1,
      drafts: 1,
      lost: 0,
    });
    expect(r.state.posts.get('li')!.find((p) => p.id === 'late')!.state).toBe('scheduled');
    expect(r.state.posts.get('li')!.find((p) => p.id === 'early')!.state).toBe('missed');
    // The failed check that found the revocation no longer describes the account's health.
    expect(s.accounts.get('li')!.lastCheck?.outcome).toBe('auth-error');
    expect(view.lastCheck).toBeNull();
  });

  it('R4: a reconnect at exactly the deadline still restores everything', () => {
    const s = runUntil(revoked(), at(10), at(70), undefined, false).state;
    expect(s.accounts.get('li')!.status).toBe('disconnected');
    const r = apply(s, { type: 'reconnect', account: 'li', by: 'dee' }, at(70));
    expect(snap(r.state, 'li', at(70)).posts).toMatchObject({
      published: 1,
      publishedVisible: 1,
      scheduled: 1,
      missed: 1,
    });
  });

  it('R5: at the deadline without a reconnect the account lapses and its posts are purged as lost', () => {
    const s = runUntil(revoked(), at(10), at(70)).state;
    const view = snap(s, 'li', at(70));
    expect(view.status).toBe('lapsed');
    expect(view.posts).toMatchObject({ scheduled: 0, cancelled: 0, drafts: 0, published: 0, lost: 4 });
  });

  it('R5: a reconnect one millisecond after the deadline is a fresh connection with no history', () => {
    const s = runUntil(revoked(), at(10), at(70, 1)).state;
    const r = apply(s, { type: 'reconnect', account: 'li', by: 'dee' }, at(70, 1));
    const view = snap(r.state, 'li', at(70, 1));
    expect(view.status).toBe('connected');
    expect(view.posts).toMatchObject({ scheduled: 0, published: 0, drafts: 0 });
  });

  it('R5/S1: a blog post auto-published to a lapsed account is not lost by the fresh reconnect (it comes back missed)', () => {
    // Found by the R5 property (seed 292772845): the reconnect used to drop it without counting it.
    let s = team(
      [acct('li', 'linkedin', { state: 'disconnected', disconnectedAt: at(1), reason: 'revoked' })],
      {
        blogs: ['news'],
        posts: [{ id: 'li-s1', account: 'li', state: 'scheduled', at: at(5), author: 'ben' }],
      },
    );
    s = apply(s, { type: 'set-autopublish', account: 'li', by: 'ada', blog: 'news' }, at(2)).state;
    s = apply(s, { type: 'blog-post', blog: 'news', title: 'T', url: 'https://example.com/t' }, at(61)).state;
    s = runUntil(s, at(61), at(62)).state;
    expect(snap(s, 'li', at(62)).status).toBe('lapsed');
    const lostAtLapse = s.accounts.get('li')!.lost;
    expect(s.posts.get('li')!.map((p) => p.state)).toEqual(['cancelled']);
    const r = apply(s, { type: 'reconnect', account: 'li', by: 'dee' }, at(62));
    const view = snap(r.state, 'li', at(62));
    expect(view.status).toBe('connected');
    expect(view.posts).toMatchObject({ lost: lostAtLapse, missed: 1, cancelled: 0, scheduled: 0 });
  });

  it('R4: a consent from a different account at the network is refused and changes nothing', () => {
    const profile = { networkUserId: 'u1', name: 'Acme', handle: 'acme', avatarUrl: null };
    const s = team([
      acct('li', 'linkedin', { state: 'disconnected', disconnectedAt: at(1), reason: 'revoked', profile }),
    ]);
    const other = { ...profile, networkUserId: 'u2', handle: 'someone-else' };
    const r = apply(s, { type: 'reconnect', account: 'li', by: 'dee', profile: other }, at(2));
    expect(r.rejected?.rule).toBe('R4');
    expect(r.rejected?.message).toContain('someone-else');
    expect(r.state).toBe(s);
  });
});

describe('R7 which action is offered', () => {
  it('R7: a connected account is reauth-soon from 7 days before its due date', () => {
    const s = team([acct('fb', 'facebook')]);
    expect(status(s.accounts.get('fb')!, at(83) - 1)).toBe('connected');
    expect(status(s.accounts.get('fb')!, at(83))).toBe('reauth-soon');
  });

  it('R7: Reconnect is refused for a connected account; Refresh connection restarts the clock and loses nothing', () => {
    const s = team([acct('fb', 'facebook')], {
      posts: [{ id: 'p', account: 'fb', state: 'scheduled', at: at(100), author: 'ben' }],
    });
    const refused = apply(s, { type: 'reconnect', account: 'fb', by: 'dee' }, at(85));
    expect(refused.rejected?.rule).toBe('R7');
    const r = apply(s, { type: 'refresh-connection', account: 'fb', by: 'dee' }, at(85));
    expect(r.rejected).toBeNull();
    expect(status(r.state.accounts.get('fb')!, at(85))).toBe('connected');
    expect(reauthDueAt(r.state.accounts.get('fb')!)).toBe(at(175));
    expect(r.state.posts.get('fb')).toEqual(s.posts.get('fb'));
  });

  it('R7: Refresh connection is refused for a disconnected account', () => {
    const s = team([
      acct('fb', 'facebook', { state: 'disconnected', disconnectedAt: at(0), reason: 'revoked' }),
    ]);
    expect(apply(s, { type: 'refresh-connection', account: 'fb', by: 'dee' }, at(1)).rejected?.rule).toBe(
      'R7',
    );
  });
});

describe('R9 hidden after 90 days', () => {
  it('R9: visible at exactly 90 days disconnected, hidden one millisecond later', () => {
    const s = team([
      acct('fb', 'facebook', { state: 'disconnected', disconnectedAt: at(0), reason: 'security' }),
    ]);
    expect(snap(s, 'fb', at(90)).visibleInSettings).toBe(true);
    expect(snap(s, 'fb', at(90, 1)).visibleInSettings).toBe(false);
    expect(snap(team([acct('fb', 'facebook')]), 'fb', at(500)).visibleInSettings).toBe(true);
  });
});
