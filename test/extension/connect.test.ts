// Connecting a new account in standalone mode (issue #13 finding 1): the `connect` request runs the consent
// and adds the account; a consent that brings back an account already here reconnects that one (R4/R7),
// and who may do it is the rules' (R8, S3).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Profile } from '../../core/index.ts';
import { Background } from '../../extension/background/service.ts';
import { Store } from '../../extension/background/store.ts';
import { openHealthDb } from '../../extension/lib/db.ts';
import { parseRequest } from '../../extension/lib/protocol.ts';
import type { AccountRef } from '../../runtime/engine.ts';
import { acct, days, fakeNetwork, T0, TOKENS, team } from './fixtures.ts';
import { freshDbName, resetBrowser } from './support.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const now = () => T0;
const profile = (networkUserId: string): Profile => ({
  networkUserId,
  name: `Person ${networkUserId}`,
  handle: networkUserId,
  avatarUrl: null,
});

/** A background whose consent always signs in as `who` at the network, recording which accounts asked. */
async function open(state = team([]), me = 'ada', who: string | null = 'new-person') {
  const store = new Store(await openHealthDb(freshDbName()));
  const net = fakeNetwork(state, me);
  const asked: AccountRef[] = [];
  net.setup.flow = async (ref) => {
    asked.push(ref);
    if (who === null) return { ok: false, message: 'The consent was cancelled.' };
    return { ok: true, tokens: { ...TOKENS, accessToken: `token-of-${who}` }, profile: profile(who) };
  };
  const bg = await Background.open({ store, setup: net.setup, now });
  return { bg, store, asked };
}

beforeEach(() => {
  resetBrowser();
});

describe('connect a new account (issue #13 finding 1)', () => {
  it('the message protocol has a `connect` request naming a network, and refuses an unknown one', () => {
    const id = fakeBrowser.runtime.id;
    expect(parseRequest({ type: 'connect', network: 'x' }, { id }, id)).toEqual({
      type: 'connect',
      network: 'x',
    });
    expect(parseRequest({ type: 'connect', network: 'myspace' }, { id }, id)).toBeNull();
  });

  it('R1: an empty team connects its first account: listed Connected, connected by me, its tokens stored', async () => {
    const { bg, store, asked } = await open();
    expect(await bg.handle({ type: 'connect', network: 'x' })).toEqual({ ok: true });
    const accounts = (await store.get('state'))!.accounts.list();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ network: 'x', status: 'connected', connectedBy: 'ada' });
    expect(accounts[0]!.profile?.networkUserId).toBe('new-person');
    expect(asked).toEqual([{ id: accounts[0]!.id, network: 'x' }]);
    expect((await store.tokens().get(accounts[0]!.id))?.accessToken).toBe('token-of-new-person');
    expect((await store.get('view'))!.accounts.map((a) => a.status)).toEqual(['connected']);
  });

  it('R4: a connect that brings back a disconnected account already here reconnects it, never a duplicate', async () => {
    const state = team([
      acct('li-1', 'linkedin', { state: 'disconnected', disconnectedAt: days(-3), reason: 'revoked' }),
    ]);
    const { bg, store } = await open(state, 'ada', 'li-1-net');
    expect(await bg.handle({ type: 'connect', network: 'linkedin' })).toEqual({ ok: true });
    const after = (await store.get('state'))!;
    expect(after.accounts.list().map((a) => a.id)).toEqual(['li-1']);
    expect(after.accounts.get('li-1')).toMatchObject({ status: 'connected', connectedBy: 'ada' });
    expect((await store.tokens().get('li-1'))?.accessToken).toBe('token-of-li-1-net');
  });

  it('R7: a connect that brings back a connected account refreshes it (its R1 clock restarts), no second row', async () => {
    const state = team([acct('fb-1', 'facebook', { connectedAt: days(-80) })]);
    const { bg, store } = await open(state, 'ada', 'fb-1-net');
    expect(await bg.handle({ type: 'connect', network: 'facebook' })).toEqual({ ok: true });
    const after = (await store.get('state'))!;
    expect(after.accounts.list().map((a) => a.id)).toEqual(['fb-1']);
    expect(after.accounts.get('fb-1')!.connectedAt).toBe(T0);
  });

  it('the same person on another network is another account', async () => {
    const state = team([acct('fb-1', 'facebook')]);
    const { bg, store } = await open(state, 'ada', 'fb-1-net');
    expect(await bg.handle({ type: 'connect', network: 'instagram' })).toEqual({ ok: true });
    expect((await store.get('state'))!.accounts.list().map((a) => a.network)).toEqual([
      'facebook',
      'instagram',
    ]);
  });

  it('R8: an own-accounts user whose consent brings back an account someone else connected is refused; nothing changes', async () => {
    const state = team([
      acct('li-1', 'linkedin', {
        connectedBy: 'ada',
        state: 'disconnected',
        disconnectedAt: days(-3),
        reason: 'revoked',
      }),
    ]);
    const { bg, store } = await open(state, 'ben', 'li-1-net');
    const reply = await bg.handle({ type: 'connect', network: 'linkedin' });
    expect(reply).toMatchObject({ ok: false, rule: 'R8' });
    const after = (await store.get('state'))!;
    expect(after.accounts.list().map((a) => [a.id, a.status])).toEqual([['li-1', 'disconnected']]);
    expect(await store.tokens().get('li-1')).toBeNull();
  });

  it('S3: an own-accounts user may connect an account of their own', async () => {
    const { bg, store } = await open(team([]), 'ben');
    expect(await bg.handle({ type: 'connect', network: 'youtube' })).toEqual({ ok: true });
    expect((await store.get('state'))!.accounts.list()[0]).toMatchObject({ connectedBy: 'ben' });
  });

  it('S3: a draft-only user may not connect, and no consent screen opens', async () => {
    const { bg, store, asked } = await open(team([]), 'cy');
    expect(await bg.handle({ type: 'connect', network: 'x' })).toMatchObject({ ok: false, rule: 'S3' });
    expect(asked).toEqual([]);
    expect((await store.get('state'))!.accounts.list()).toEqual([]);
  });

  it('S6: only X chooses its post visibility at connect; the others are refused before any consent', async () => {
    const { bg, asked } = await open();
    const reply = await bg.handle({ type: 'connect', network: 'facebook', postVisibility: 'app-only' });
    expect(reply).toMatchObject({ ok: false, rule: 'S6' });
    expect(asked).toEqual([]);
  });

  it('R8: a consent that ends without a grant (cancelled) adds nothing and says why', async () => {
    const { bg, store } = await open(team([]), 'ada', null);
    expect(await bg.handle({ type: 'connect', network: 'x' })).toMatchObject({
      ok: false,
      message: 'The consent was cancelled.',
    });
    expect((await store.get('state'))!.accounts.list()).toEqual([]);
  });
});
