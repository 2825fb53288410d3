import { describe, expect, it } from 'vitest';
import { apply, digest, runUntil, type State, snapshot } from '../../core/index.ts';
import { acct, at, T0, team } from './fixtures.ts';

const snap = (s: State, id: string) => snapshot(s, s.accounts.get(id)!, T0);

describe('S1 blog auto-publishing', () => {
  const s = team(
    [acct('fb', 'facebook'), acct('ig', 'instagram'), acct('li', 'linkedin', { access: 'private' })],
    {
      blogs: ['news'],
    },
  );

  it('S1: refused for instagram (no links in Instagram posts) and for accounts not shared with everyone', () => {
    const ig = apply(s, { type: 'set-autopublish', account: 'ig', by: 'ben', blog: 'news' }, T0);
    expect(ig.rejected).toMatchObject({ rule: 'S1' });
    expect(ig.rejected?.message).toMatch(/links are not allowed/);
    expect(
      apply(s, { type: 'set-autopublish', account: 'li', by: 'ben', blog: 'news' }, T0).rejected?.rule,
    ).toBe('S1');
  });

  it('S1: a blog post produces a social post 15 minutes after its publication, with title and link', () => {
    const linked = apply(s, { type: 'set-autopublish', account: 'fb', by: 'ben', blog: 'news' }, T0).state;
    const posted = apply(
      linked,
      { type: 'blog-post', blog: 'news', title: 'Hello', url: 'https://b/1' },
      at(1),
    ).state;
    const early = runUntil(posted, at(1), at(1) + 15 * 60_000 - 1);
    expect(early.steps).toEqual([]);
    const { state, steps } = runUntil(posted, at(1), at(1) + 15 * 60_000);
    expect(steps.map((st) => st.event.type)).toEqual(['autopublish', 'published']);
    expect(state.posts.get('fb')).toEqual([
      expect.objectContaining({
        state: 'published',
        title: 'Hello',
        url: 'https://b/1',
        at: at(1) + 15 * 60_000,
      }),
    ]);
    expect(state.posts.get('ig')).toEqual([]);
  });

  it('S1: an auto-publishing account cannot be restricted until auto-publishing is off', () => {
    const linked = apply(s, { type: 'set-autopublish', account: 'fb', by: 'ben', blog: 'news' }, T0).state;
    const r = apply(linked, { type: 'set-access', account: 'fb', by: 'ada', access: 'private' }, T0);
    expect(r.rejected?.rule).toBe('S1');
    expect(r.state).toBe(linked);
  });
});

describe('S4 X sharing lock and S6 post visibility', () => {
  it('S4: an x account connected with all-sources has its sharing locked; changing it needs a reconnect', () => {
    const s = team([acct('x1', 'x', { postVisibility: 'all-sources' }), acct('x2', 'x')]);
    expect(snap(s, 'x1')).toMatchObject({ postVisibility: 'all-sources', sharingLocked: true });
    expect(snap(s, 'x2')).toMatchObject({ postVisibility: 'app-only', sharingLocked: false });
    const r = apply(
      s,
      { type: 'refresh-connection', account: 'x1', by: 'dee', postVisibility: 'app-only' },
      at(1),
    );
    expect(snapshot(r.state, r.state.accounts.get('x1')!, at(1))).toMatchObject({
      postVisibility: 'app-only',
      sharingLocked: false,
    });
  });

  it('S6: facebook, instagram, linkedin and youtube always report all sources; choosing otherwise is refused', () => {
    const s = team([acct('li', 'linkedin', { postVisibility: 'app-only' })]);
    expect(snap(s, 'li').postVisibility).toBe('all-sources');
    const r = apply(
      s,
      { type: 'connect', account: 'yt', network: 'youtube', by: 'ben', postVisibility: 'app-only' },
      T0,
    );
    expect(r.rejected?.rule).toBe('S6');
  });

  it('S4/S6: a connected account gets the same defaults as an account a state starts with', () => {
    const profile = { networkUserId: 'n-1', name: 'Acme', handle: '@acme', avatarUrl: null };
    const cases = [
      { network: 'x', postVisibility: undefined, expected: 'app-only' },
      { network: 'x', postVisibility: 'all-sources', expected: 'all-sources' },
      { network: 'facebook', postVisibility: undefined, expected: 'all-sources' },
      { network: 'linkedin', postVisibility: 'all-sources', expected: 'all-sources' },
    ] as const;
    for (const { network, postVisibility, expected } of cases) {
      const r = apply(
        team([]),
        { type: 'connect', account: 'a', network, by: 'dee', postVisibility, profile },
        at(3),
      );
      const given = team([
        acct('a', network, { connectedBy: 'dee', connectedAt: at(3), postVisibility, profile }),
      ]);
      expect(r.state.accounts.get('a')).toEqual(given.accounts.get('a'));
      expect(r.state.accounts.get('a')).toMatchObject({
        postVisibility: expected,
        access: 'everyone',
        lost: 0,
      });
    }
  });
});

describe('S5 default accounts', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => acct(`fb${i}`, 'facebook', { default: i < n - 1 }));

  it('S5: at most 10 defaults on professional (Decision) and 60 on enterprise', () => {
    const pro = team(many(11), { plan: 'professional' });
    expect(
      apply(pro, { type: 'set-default', account: 'fb10', by: 'ben', value: true }, T0).rejected?.rule,
    ).toBe('S5');
    const ent10 = team(many(11));
    expect(
      apply(ent10, { type: 'set-default', account: 'fb10', by: 'ben', value: true }, T0).rejected,
    ).toBeNull();
    const ent = team(many(61));
    const r = apply(ent, { type: 'set-default', account: 'fb60', by: 'ben', value: true }, T0);
    expect(r.rejected).toMatchObject({ rule: 'S5' });
    expect(r.rejected?.message).toContain('60');
  });

  it('S5: at most one default x account; changes apply at once', () => {
    const s = team([acct('x1', 'x', { default: true }), acct('x2', 'x'), acct('fb', 'facebook')]);
    expect(apply(s, { type: 'set-default', account: 'x2', by: 'ben', value: true }, T0).rejected?.rule).toBe(
      'S5',
    );
    const r = apply(s, { type: 'set-default', account: 'fb', by: 'ben', value: true }, T0);
    expect(snap(r.state, 'fb').default).toBe(true);
  });
});

describe('S7 email notifications', () => {
  it('S7: the digest covers only accounts shared with everyone; instagram and youtube interactions never count; followers only for x', () => {
    let s = team([
      acct('fb', 'facebook'),
      acct('ig', 'instagram'),
      acct('x1', 'x'),
      acct('yt', 'youtube'),
      acct('li', 'linkedin', { access: 'private' }),
    ]);
    const stats = (interactions: number, newFollowers: number) => ({
      interactions,
      conversations: 0,
      newFollowers,
    });
    s = apply(
      s,
      {
        type: 'checked',
        results: [
          { account: 'fb', outcome: { kind: 'ok' }, stats: stats(3, 7) },
          { account: 'ig', outcome: { kind: 'ok' }, stats: stats(100, 100) },
          { account: 'x1', outcome: { kind: 'ok' }, stats: stats(5, 2) },
          { account: 'yt', outcome: { kind: 'ok' }, stats: stats(100, 100) },
          { account: 'li', outcome: { kind: 'ok' }, stats: stats(100, 100) },
        ],
      },
      T0,
    ).state;
    s = apply(s, { type: 'set-digest', user: 'ben', frequency: 'weekly', monthlyReport: true }, T0).state;
    const ben = digest(s).find((d) => d.user === 'ben');
    expect(ben).toEqual({
      user: 'ben',
      frequency: 'weekly',
      monthlyReport: true,
      accounts: ['fb', 'ig', 'x1', 'yt'],
      counts: { interactions: 8, newFollowers: 2 },
    });
    expect(digest(s).find((d) => d.user === 'ada')).toMatchObject({ frequency: 'off', accounts: [] });
  });
});

describe('S8 brands', () => {
  it('S8: needs enterprise with the brands add-on; an account belongs to one brand and assigning moves it', () => {
    const without = team([acct('fb', 'facebook')], { brands: ['a', 'b'] });
    expect(
      apply(without, { type: 'assign-brand', account: 'fb', by: 'ada', brand: 'a' }, T0).rejected?.rule,
    ).toBe('S8');
    const s = team([acct('fb', 'facebook')], { brands: ['a', 'b'], brandsAddon: true });
    const a = apply(s, { type: 'assign-brand', account: 'fb', by: 'ada', brand: 'a' }, T0).state;
    const b = apply(a, { type: 'assign-brand', account: 'fb', by: 'ada', brand: 'b' }, T0).state;
    expect(snap(b, 'fb').brand).toBe('b');
    expect(
      apply(s, { type: 'assign-brand', account: 'fb', by: 'ada', brand: 'zzz' }, T0).rejected?.rule,
    ).toBe('S8');
  });
});
