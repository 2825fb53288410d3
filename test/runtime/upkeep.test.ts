// runtime/renewal.ts and runtime/upkeep.ts: which tokens are renewed on the product's own initiative and when
// (scenario.md "upkeep at its own instant"), the index of those instants, and a renewal's outcome (R11, R12).
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../adapters/index.ts';
import type { Result, TokenSet } from '../../adapters/types.ts';
import { type AccountInput, createState, DAY, HOUR, type Outcome, type State } from '../../core/index.ts';
import { Engine } from '../../runtime/engine.ts';
import { renewalOf } from '../../runtime/renewal.ts';
import { stepAccount } from '../../runtime/steps.ts';
import { type AccountRef, Upkeep } from '../../runtime/upkeep.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');

const tokens = (more: Partial<TokenSet> = {}): TokenSet => ({
  accessToken: 'a',
  refreshToken: null,
  expiresAt: T0 + 60 * DAY,
  refreshExpiresAt: null,
  scopes: [],
  ...more,
});

describe("renewalOf: the renewal instant each adapter's token policy gives", () => {
  it('R12: Instagram renews itself a week before its 60 days end, and cannot once expired [IG-REFRESH]', () => {
    expect(renewalOf(ADAPTERS.instagram.tokens, tokens())).toEqual({
      at: T0 + 53 * DAY,
      until: T0 + 60 * DAY,
    });
  });

  it('R1: a Facebook Page token does not expire, so nothing renews it (networks.md §1.2 Decision)', () => {
    expect(renewalOf(ADAPTERS.facebook.tokens, tokens({ expiresAt: null }))).toBeNull();
    // An older stored user token is renewed (swapped for the Page token) like any Meta token.
    expect(renewalOf(ADAPTERS.facebook.tokens, tokens())).toEqual({
      at: T0 + 53 * DAY,
      until: T0 + 60 * DAY,
    });
  });

  it('R12: LinkedIn renews a day ahead while renewing buys time; at its refresh horizon there is nothing to gain [LI-PRT]', () => {
    const horizon = T0 + 365 * DAY;
    const live = tokens({ refreshToken: 'r', refreshExpiresAt: horizon });
    expect(renewalOf(ADAPTERS.linkedin.tokens, live)).toEqual({ at: T0 + 59 * DAY, until: horizon });
    expect(renewalOf(ADAPTERS.linkedin.tokens, { ...live, expiresAt: horizon })).toBeNull();
    // Without a refresh token (apps that are not MDP partners) there is nothing to renew with.
    expect(renewalOf(ADAPTERS.linkedin.tokens, tokens())).toBeNull();
  });

  it('R12: X is renewed by the call that needs it; Google only keeps its refresh token alive [G-OAUTH2]', () => {
    const short = tokens({ refreshToken: 'r', expiresAt: T0 + HOUR });
    expect(renewalOf(ADAPTERS.x.tokens, short)).toBeNull();
    expect(renewalOf(ADAPTERS.youtube.tokens, short)).toEqual({
      at: T0 + HOUR + 150 * DAY,
      until: T0 + HOUR + 180 * DAY,
    });
  });
});

const account = (
  id: string,
  network: AccountInput['network'],
  more: Partial<AccountInput> = {},
): AccountInput => ({
  id,
  network,
  connectedBy: 'ada',
  connectedAt: T0,
  ...more,
});
const team = (accounts: AccountInput[]): State =>
  createState({ users: [{ id: 'ada', superAdmin: true, permission: 'all-accounts' }], accounts, posts: [] });

/** A connection layer whose refreshes answer from a script and tell their watchers, like createConnections. */
function fakeConnections(answers: Array<(account: AccountRef) => Result<TokenSet>>) {
  const listeners = new Set<(a: AccountRef, t: TokenSet) => void>();
  const refreshed: string[] = [];
  return {
    refreshed,
    connections: {
      async refresh(a: AccountRef) {
        refreshed.push(a.id);
        const answer = (answers.shift() ?? (() => ({ ok: false, failure: { kind: 'network-error' } })))(a);
        if (answer.ok) for (const listener of listeners) listener(a, answer.value);
        return answer as Result<TokenSet>;
      },
      watch(listener: (a: AccountRef, t: TokenSet) => void) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    },
  };
}

const ig = (id: string) => ({ id, network: 'instagram' as const });
const renewedFor = (days: number) => () => ({
  ok: true as const,
  value: tokens({ expiresAt: T0 + days * DAY }),
});

describe('Upkeep: the index of renewal instants', () => {
  it('R12: next() gives the earliest renewal of a connected account; a token change re-indexes it', () => {
    const state = team([account('ig-1', 'instagram'), account('ig-2', 'instagram')]);
    const upkeep = new Upkeep({ adapters: ADAPTERS, connections: fakeConnections([]).connections });
    upkeep.note(ig('ig-1'), tokens({ expiresAt: T0 + 60 * DAY }));
    upkeep.note(ig('ig-2'), tokens({ expiresAt: T0 + 30 * DAY }));
    expect(upkeep.next(state, T0, T0 + 365 * DAY)).toEqual({ at: T0 + 23 * DAY, account: ig('ig-2') });
    // ig-2 renewed elsewhere (a check): its old instant no longer counts.
    upkeep.note(ig('ig-2'), tokens({ expiresAt: T0 + 90 * DAY }));
    expect(upkeep.next(state, T0, T0 + 365 * DAY)).toEqual({ at: T0 + 53 * DAY, account: ig('ig-1') });
    // Nothing due inside the window asked for.
    expect(upkeep.next(state, T0, T0 + 53 * DAY, false)).toBeNull();
  });

  it('R12: a disconnected account is not renewed; its entry comes back when a reconnect stores new tokens', () => {
    const down = team([
      account('ig-1', 'instagram', { state: 'disconnected', disconnectedAt: T0, reason: 'revoked' }),
    ]);
    const upkeep = new Upkeep({ adapters: ADAPTERS, connections: fakeConnections([]).connections });
    upkeep.note(ig('ig-1'), tokens());
    expect(upkeep.next(down, T0, T0 + 365 * DAY)).toBeNull();
    upkeep.note(ig('ig-1'), tokens({ expiresAt: T0 + 70 * DAY }));
    expect(upkeep.next(team([account('ig-1', 'instagram')]), T0, T0 + 365 * DAY)?.at).toBe(T0 + 63 * DAY);
  });

  it('R12: after the browser was closed past a renewal instant, the renewal runs at once on wake-up while the token lives', () => {
    const state = team([account('ig-1', 'instagram'), account('ig-2', 'instagram')]);
    const upkeep = new Upkeep({ adapters: ADAPTERS, connections: fakeConnections([]).connections });
    upkeep.note(ig('ig-1'), tokens({ expiresAt: T0 + 60 * DAY })); // due day 53, alive until day 60
    upkeep.note(ig('ig-2'), tokens({ expiresAt: T0 + 50 * DAY })); // due day 43, dead at day 50
    upkeep.resume(T0 + 55 * DAY);
    // ig-2's token expired while the browser was closed: it cannot be renewed, the next check will say so.
    expect(upkeep.next(state, T0 + 40 * DAY, T0 + 55 * DAY)).toEqual({
      at: T0 + 55 * DAY,
      account: ig('ig-1'),
    });
  });

  it("R12: a successful renewal is re-indexed at the new token's instant; one that buys no time is not repeated", async () => {
    const state = team([account('ig-1', 'instagram')]);
    const net = fakeConnections([renewedFor(113), renewedFor(113)]);
    const upkeep = new Upkeep({ adapters: ADAPTERS, connections: net.connections });
    upkeep.note(ig('ig-1'), tokens());
    const result = await upkeep.run(ig('ig-1'), T0 + 53 * DAY);
    expect(result.event).toBeNull();
    expect(result.log).toMatchObject({ rule: 'R12', account: 'ig-1' });
    expect(upkeep.next(state, T0 + 53 * DAY, T0 + 365 * DAY)?.at).toBe(T0 + 106 * DAY);
    await upkeep.run(ig('ig-1'), T0 + 107 * DAY); // the same token again: due already, nothing gained
    expect(upkeep.next(state, T0 + 107 * DAY, T0 + 365 * DAY)).toBeNull();
  });

  it('R12: a renewal the network refuses becomes the core event a check would give: a disconnect', async () => {
    const refused: Outcome = { kind: 'auth-error', reason: 'revoked', detail: 'refused' };
    const net = fakeConnections([() => ({ ok: false, failure: refused as never })]);
    const upkeep = new Upkeep({ adapters: ADAPTERS, connections: net.connections });
    upkeep.note(ig('ig-1'), tokens());
    const result = await upkeep.run(ig('ig-1'), T0 + 53 * DAY);
    expect(result.event).toEqual({ type: 'checked', results: [{ account: 'ig-1', outcome: refused }] });
    expect(upkeep.next(team([account('ig-1', 'instagram')]), T0, T0 + 365 * DAY)).toBeNull();
  });

  it('R11: a transient failure changes nothing and is retried with backoff (5 min, 10 min, ...) while the token lives', async () => {
    const state = team([account('ig-1', 'instagram')]);
    const down = () => ({ ok: false as const, failure: { kind: 'unavailable' as const, retryAt: null } });
    const upkeep = new Upkeep({ adapters: ADAPTERS, connections: fakeConnections([down, down]).connections });
    upkeep.note(ig('ig-1'), tokens());
    const first = await upkeep.run(ig('ig-1'), T0 + 53 * DAY);
    expect(first).toMatchObject({ event: null, log: { rule: 'R11' } });
    expect(upkeep.next(state, T0 + 53 * DAY, T0 + 365 * DAY)?.at).toBe(T0 + 53 * DAY + 5 * 60_000);
    await upkeep.run(ig('ig-1'), T0 + 53 * DAY + 5 * 60_000);
    expect(upkeep.next(state, T0 + 53 * DAY, T0 + 365 * DAY)?.at).toBe(T0 + 53 * DAY + 15 * 60_000);
  });
});

describe('Engine with upkeep', () => {
  it('R1/R12: renewals run in time order with the rules, reported as rule steps { type: renew, account }', async () => {
    const state = team([account('ig-1', 'instagram'), account('fb-1', 'facebook')]);
    const net = fakeConnections([renewedFor(113)]);
    const upkeep = new Upkeep({ adapters: ADAPTERS, connections: net.connections });
    upkeep.note(ig('ig-1'), tokens());
    upkeep.note({ id: 'fb-1', network: 'facebook' }, tokens({ expiresAt: null }));
    const engine = new Engine({
      state,
      clock: T0,
      upkeep,
      connections: {
        check: async () => ({ kind: 'ok' }),
        revoke: async () => ({ kind: 'ok' }),
        publish: async () => ({ ok: true, value: { remoteId: 'r' } }),
      },
      flow: async () => ({ ok: false, message: 'none' }),
      tokens: { set: async () => {} },
    });
    const steps = await engine.advance(T0 + 95 * DAY);
    expect(steps.map((s) => [(s.at - T0) / DAY, s.source, s.event.type, stepAccount(s.event)])).toEqual([
      [53, 'rule', 'renew', 'ig-1'],
      [83, 'rule', 'reminder', 'ig-1'],
      [83, 'rule', 'reminder', 'fb-1'],
      [90, 'rule', 'reauth-due', 'ig-1'],
      [90, 'rule', 'reauth-due', 'fb-1'],
    ]);
    // Disconnected at day 90 (R1): its next renewal (day 106) is not made.
    expect(net.refreshed).toEqual(['ig-1']);
    expect(await engine.advance(T0 + 200 * DAY)).toEqual([]);
  });
});
