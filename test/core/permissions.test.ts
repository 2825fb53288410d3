import { describe, expect, it } from 'vitest';
import { apply, canDisconnect, canReconnect, level, snapshot } from '../../core/index.ts';
import { acct, at, team } from './fixtures.ts';

const down = { state: 'disconnected' as const, disconnectedAt: at(0), reason: 'revoked' as const };

describe("R8 who may reconnect (Decision: the seed's wording)", () => {
  it('R8: only all-accounts users with access; never own-accounts (not even the connector) or draft-only', () => {
    const s = team([acct('li', 'linkedin', down)]);
    expect(canReconnect(s, s.accounts.get('li')!)).toEqual(['ada', 'dee']);
    const priv = team([acct('li', 'linkedin', { ...down, access: 'private' })]);
    expect(canReconnect(priv, priv.accounts.get('li')!)).toEqual([]);
    const adaOwn = team([acct('li', 'linkedin', { ...down, connectedBy: 'ada', access: 'private' })]);
    expect(canReconnect(adaOwn, adaOwn.accounts.get('li')!)).toEqual(['ada']);
  });

  it('R8: the own-accounts user who connected the account is refused, told to ask a super admin', () => {
    const s = team([acct('li', 'linkedin', down)]);
    const r = apply(s, { type: 'reconnect', account: 'li', by: 'ben' }, at(1));
    expect(r.rejected).toMatchObject({
      rule: 'R8',
      key: 'reconnectForbiddenAdmin',
      params: { admins: 'ada' },
    });
    expect(r.rejected?.message).toBe(
      'Only users with the "All accounts" permission and access to li can reconnect it. Ask a super admin (ada).',
    );
    expect(r.state).toBe(s);
    // The refresh-connection of R7 is a reconnect too.
    const up = team([acct('li', 'linkedin')]);
    expect(apply(up, { type: 'refresh-connection', account: 'li', by: 'ben' }, at(1)).rejected?.rule).toBe(
      'R8',
    );
  });

  it('R8: an all-accounts user without access is refused and told to ask the recommended person when they may', () => {
    const s = team([
      acct('li', 'linkedin', { ...down, connectedBy: 'ada', access: { users: [], teams: ['emea'] } }),
    ]);
    const r = apply(s, { type: 'reconnect', account: 'li', by: 'dee' }, at(1));
    expect(r.rejected).toMatchObject({
      rule: 'R8',
      key: 'reconnectForbidden',
      params: { recommended: 'ada' },
    });
    expect(r.rejected?.message).toContain('Ask ada, who connected it.');
    expect(r.state).toBe(s);
    expect(snapshot(s, s.accounts.get('li')!, at(1)).recommendedReconnector).toBe('ada');
  });

  it('R8: an all-accounts user with access is accepted and becomes the connector', () => {
    const s = team([acct('li', 'linkedin', down)]);
    const r = apply(s, { type: 'reconnect', account: 'li', by: 'dee' }, at(1));
    expect(r.rejected).toBeNull();
    expect(r.state.accounts.get('li')).toMatchObject({ status: 'connected', connectedBy: 'dee' });
  });

  it('R8: with no super admin on the team, the refusal says a super admin is needed', () => {
    const s = team([acct('li', 'linkedin', { ...down, access: 'private' })], {
      users: [{ id: 'ben', permission: 'own-accounts' }],
    });
    const r = apply(s, { type: 'reconnect', account: 'li', by: 'ben' }, at(1));
    expect(r.rejected).toMatchObject({ rule: 'R8', key: 'reconnectForbiddenNobody' });
  });

  it('R8: an explicit access list grants reconnect to all-accounts users on it, by user or team', () => {
    const s = team([
      acct('li', 'linkedin', { ...down, connectedBy: 'ada', access: { users: ['dee'], teams: [] } }),
    ]);
    expect(canReconnect(s, s.accounts.get('li')!)).toEqual(['ada', 'dee']);
  });
});

describe('R10 who may disconnect', () => {
  it('R10: only super admins and the user who last connected the account', () => {
    const s = team([acct('fb', 'facebook', { connectedBy: 'dee' })]);
    expect(canDisconnect(s, s.accounts.get('fb')!)).toEqual(['ada', 'dee']);
    const r = apply(s, { type: 'disconnect', account: 'fb', by: 'ben' }, at(1));
    expect(r.rejected?.rule).toBe('R10');
    expect(r.state).toBe(s);
    const okay = apply(s, { type: 'disconnect', account: 'fb', by: 'dee' }, at(1));
    expect(okay.state.accounts.get('fb')).toMatchObject({ status: 'disconnected', reason: 'manual' });
    expect(okay.effects).toContainEqual({ type: 'revoke', account: 'fb' });
  });
});

describe('S2 account access and S3 publishing permissions', () => {
  it('S2: only super admins change access; explicit lists need enterprise', () => {
    const s = team([acct('fb', 'facebook')]);
    expect(
      apply(s, { type: 'set-access', account: 'fb', by: 'ben', access: 'private' }, at(1)).rejected?.rule,
    ).toBe('S2');
    const pro = team([acct('fb', 'facebook')], { plan: 'professional' });
    const list = { users: ['ben'], teams: [] };
    expect(
      apply(pro, { type: 'set-access', account: 'fb', by: 'ada', access: list }, at(1)).rejected?.rule,
    ).toBe('S2');
    const r = apply(s, { type: 'set-access', account: 'fb', by: 'ada', access: list }, at(1));
    expect(r.state.accounts.get('fb')!.access).toEqual(list);
  });

  it('S2: granting access explicitly restricts everyone else', () => {
    const s = team([acct('fb', 'facebook', { connectedBy: 'ada', access: { users: [], teams: ['emea'] } })]);
    expect(level(s.users.ben!, s.accounts.get('fb')!)).toBe('drafts');
    expect(level(s.users.dee!, s.accounts.get('fb')!)).toBe('none');
    expect(level(s.users.cy!, s.accounts.get('fb')!)).toBe('hidden');
  });

  it('S3: the permission table: draft-only, own-accounts and all-accounts with and without access', () => {
    const withAccess = team([acct('a', 'facebook', { connectedBy: 'ada' })]);
    const without = team([acct('a', 'facebook', { connectedBy: 'ada', access: 'private' })]);
    const own = team([acct('a', 'facebook', { connectedBy: 'ben', access: 'private' })]);
    const table = (s: typeof withAccess) =>
      ['cy', 'ben', 'dee'].map((u) => level(s.users[u]!, s.accounts.get('a')!));
    expect(table(withAccess)).toEqual(['drafts', 'drafts', 'full']);
    expect(table(without)).toEqual(['hidden', 'none', 'none']);
    expect(level(own.users.ben!, own.accounts.get('a')!)).toBe('full');
  });

  it('S3: draft-only users may never connect or disconnect, nor edit auto-publishing, but may set defaults', () => {
    const s = team([acct('fb', 'facebook', { connectedBy: 'cy' })], { blogs: ['b'] });
    const by = 'cy';
    expect(apply(s, { type: 'connect', account: 'n', network: 'x', by }, at(1)).rejected?.rule).toBe('S3');
    expect(apply(s, { type: 'disconnect', account: 'fb', by }, at(1)).rejected?.rule).toBe('S3');
    expect(apply(s, { type: 'set-autopublish', account: 'fb', by, blog: 'b' }, at(1)).rejected?.rule).toBe(
      'S3',
    );
    expect(apply(s, { type: 'set-default', account: 'fb', by, value: true }, at(1)).rejected).toBeNull();
  });
});
