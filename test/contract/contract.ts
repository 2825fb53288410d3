// The contract suite: every adapter (adapters/<network>.ts) runs against ITS mock network (mocks/handlers/<network>.ts)
// over real HTTP interception (MSW setupServer, unhandled requests are errors). Each network's test file
// (test/contract/<network>.test.ts) calls runContract(network, expectations) with a data table of what that
// network must conclude: the mocks/README.md "Faults × networks" row and bodies replayed from networks.md.
//
// The world's clock is the adapters' clock, so lifetimes, outages and rate limits are driven by `advance`.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AccountRef, createConnections, createPkce, createState } from '../../adapters/connection.ts';
import { ADAPTERS } from '../../adapters/index.ts';
import type { AdapterContext, PublishRequest, Result, TokenSet } from '../../adapters/types.ts';
import type { AuthErrorReason, Network, Outcome } from '../../core/schemas.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import { createHandlers } from '../../mocks/handlers/index.ts';
import { createWorld, internals, type MockWorld } from '../../mocks/world.ts';
import { memoryStore } from '../adapters/support.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** 2026-01-15T09:00:00Z (01:00 PST): far from any midnight, UTC or Pacific. */
export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
/** The extension's chromiumapp.org redirect URI (what chrome.identity uses). */
export const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/cb';

const LABEL: Record<Network, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
};

export type Fault = 'revoke' | 'expireToken' | 'security' | 'inactive' | 'deleteAccount';
export const FAULTS: readonly Fault[] = ['revoke', 'expireToken', 'security', 'inactive', 'deleteAccount'];

/** How a rate-limited answer's retryAt relates to the `until` given to world.rateLimit. */
export type RetryRule =
  /** exactly `until` (x-rate-limit-reset in whole seconds, Retry-After in seconds) */
  | 'until'
  /** `until` rounded up to the next whole minute from now (Meta BUC `estimated_time_to_regain_access`, minutes) */
  | 'until-minute'
  /** the next 00:00 UTC (LinkedIn daily limits, no header [LI-RL]) */
  | 'midnight-utc'
  /** the next 00:00 America/Los_Angeles (YouTube per-project quota) */
  | 'midnight-pacific';

/** An operation a replayed body is fed to. `connection.check` goes through createConnections (refresh on ambiguity). */
export type ReplayCall = 'check' | 'connection.check' | 'profile' | 'refresh';

export interface Replay {
  /** What is replayed, with its networks.md section and source tag. */
  name: string;
  call: ReplayCall;
  /** Clock for the replay (captures carry their own timestamps, e.g. debug_token's data_access_expires_at). */
  at?: number;
  /** Queued with world.respond in order: the next requests to this network get them. */
  responses: Array<{ status: number; body: unknown; headers?: Record<string, string> }>;
  /**
   * The classification networks.md's summary table gives, as a partial Outcome. profile/refresh results are
   * matched as their failure, or as `{ kind: 'ok', value }` on success.
   */
  expect: Record<string, unknown>;
  /** For rate-limited outcomes: the expected retryAt, from the replay's clock. */
  retryAt?: (now: number) => number | null;
}

export interface Expectations {
  /** mocks/README.md "Faults × networks": what the product must conclude for each network-side event (R2). */
  faults: Record<Fault, AuthErrorReason>;
  /** A post this network accepts (Instagram needs an image, YouTube a video). */
  publish: PublishRequest;
  /** How long publish waits for an answer when it is longer than ctx.timeoutMs (adapters/README.md). */
  publishTimeoutMs?: number;
  lifetime: {
    /**
     * The access-token lifetime the adapter must store (expiresAt - connect time), per mocks/README.md
     * "Lifetimes"; null where the stored token does not expire (a Facebook Page token).
     */
    access: number | null;
    /**
     * When, after connecting, a check must renew the token (`at`, past `access` where a refresh token exists),
     * and the world.calls endpoint name of that renewal (mocks/README.md "Call-log endpoint names"); null
     * where nothing ever renews it.
     */
    renewal: { at: number; endpoint: 'refresh' | 'exchange' } | null;
    /** Left alone (no check renews it) this long after connecting, the grant is dead: the R2 reason it then gets. */
    dies: { after: number; reason: AuthErrorReason; why: string } | null;
    /** Even renewed on time, the grant ends this long after consent (Meta data access, LinkedIn refresh horizon). */
    horizon: { after: number; reason: AuthErrorReason; why: string } | null;
  };
  /** retryAt rule for a rate-limited check and a rate-limited publish (mocks/README.md "rate-limit" row). */
  rateLimit: { check: RetryRule; publish: RetryRule };
  /** Captured bodies from networks.md, replayed through world.respond. */
  replays: Replay[];
}

/** The next local midnight in a time zone (independent of adapters/classify.ts: scans whole hours). */
function nextMidnight(timeZone: string, now: number): number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
  const hourOf = (t: number) => Number(format.formatToParts(t).find((p) => p.type === 'hour')?.value);
  let t = Math.floor(now / HOUR) * HOUR + HOUR;
  for (let i = 0; i < 48 && hourOf(t) !== 0; i++) t += HOUR;
  return t;
}

export function expectedRetryAt(rule: RetryRule, now: number, until: number): number {
  switch (rule) {
    case 'until':
      return until;
    case 'until-minute':
      return now + Math.ceil((until - now) / MINUTE) * MINUTE;
    case 'midnight-utc':
      return (Math.floor(now / DAY) + 1) * DAY;
    case 'midnight-pacific':
      return nextMidnight('America/Los_Angeles', now);
  }
}

/** "60 d 1 min", "2 h 1 min": durations for test names. */
export function span(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['min', MINUTE],
    ['s', SECOND],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n} ${unit}`);
    rest -= n * size;
  }
  return parts.join(' ') || '0 s';
}

const isAuthError = (o: Outcome): boolean => o.kind === 'auth-error';
const failureOf = <T>(r: Result<T>): Outcome => (r.ok ? { kind: 'ok' } : r.failure);

/** One world + MSW handlers + a connections layer on a shared clock, fresh per test. */
function createEnv(network: Network, server: ReturnType<typeof setupServer>) {
  let clock = T0;
  const world = createWorld({ now: () => clock, seed: 42 });
  server.resetHandlers(...createHandlers(world));
  const adapter = ADAPTERS[network];
  const ctx = (overrides: Partial<AdapterContext> = {}): AdapterContext => ({
    // Resolved at call time, so MSW's patched fetch is the one used.
    fetch: (input, init) => globalThis.fetch(input, init),
    now: () => clock,
    config: { ...MOCK_CLIENTS[network], redirectUri: REDIRECT },
    sleep: async () => {},
    ...overrides,
  });
  const { store, data } = memoryStore();
  const connections = createConnections({ adapters: ADAPTERS, tokens: store, context: () => ctx() });
  const ref = (id: string): AccountRef => ({ id, network });

  /** The consent page: GET the adapter's authorize URL without following the redirect. */
  async function consent(id: string, state = createState()) {
    world.addAccount({ id, network });
    world.signIn(network, id);
    const pkce = await createPkce();
    const url = adapter.authorizeUrl(ctx(), { state, codeChallenge: pkce.challenge });
    const res = await fetch(url, { redirect: 'manual' });
    return { res, pkce, state };
  }

  /** Consent, code exchange, store: what the extension's connect flow does. */
  async function connect(id: string): Promise<TokenSet> {
    const { res, pkce, state } = await consent(id);
    if (res.status !== 302) throw new Error(`${network} consent answered ${res.status}: ${await res.text()}`);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe(state);
    const code = location.searchParams.get('code') ?? '';
    const tokens = await adapter.exchangeCode(ctx(), {
      code,
      codeVerifier: adapter.pkce ? pkce.verifier : '',
    });
    if (!tokens.ok) throw new Error(`${network} exchangeCode failed: ${JSON.stringify(tokens.failure)}`);
    data.set(id, tokens.value);
    return tokens.value;
  }

  return {
    world,
    adapter,
    ctx,
    data,
    connections,
    ref,
    consent,
    connect,
    now: () => clock,
    advance(ms: number) {
      clock += ms;
    },
    setClock(t: number) {
      clock = t;
    },
  };
}

const count = (world: MockWorld, network: Network, endpoint: string) =>
  world.calls({ network, endpoint }).length;

export function runContract(network: Network, spec: Expectations): void {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());
  const env = () => createEnv(network, server);
  const adapter = ADAPTERS[network];

  describe(`${network}: adapter against its mock network`, () => {
    describe('happy path', () => {
      it('consent redirects with code and the echoed state, then exchangeCode, profile, check and publish work', async () => {
        const e = env();
        const who = e.world.addAccount({ id: 'acct', network });
        const { res, pkce, state } = await e.consent('acct');
        expect(res.status).toBe(302);
        const location = new URL(res.headers.get('location') ?? '');
        expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
        expect(location.searchParams.get('state')).toBe(state);
        const code = location.searchParams.get('code');
        expect(code).toBeTruthy();
        // The authorize URL carries a PKCE challenge exactly where the adapter says it uses PKCE.
        expect(
          new URL(adapter.authorizeUrl(e.ctx(), { state, codeChallenge: 'c1' })).searchParams.get(
            'code_challenge',
          ),
        ).toBe(adapter.pkce ? 'c1' : null);

        const exchanged = await adapter.exchangeCode(e.ctx(), {
          code: code ?? '',
          codeVerifier: adapter.pkce ? pkce.verifier : '',
        });
        expect(exchanged).toMatchObject({ ok: true });
        if (!exchanged.ok) return;
        const tokens = exchanged.value;
        expect(tokens.accessToken).not.toBe('');
        expect(tokens.expiresAt).toBe(spec.lifetime.access === null ? null : T0 + spec.lifetime.access);

        const profile = await adapter.profile(e.ctx(), tokens);
        expect(profile).toEqual({
          ok: true,
          value: {
            networkUserId: who.networkUserId,
            name: who.name,
            handle: who.handle,
            avatarUrl: expect.toSatisfy((v) => v === null || typeof v === 'string'),
          },
        });

        expect(await adapter.check(e.ctx(), tokens)).toEqual({ kind: 'ok' });

        const published = await adapter.publish(e.ctx(), tokens, spec.publish);
        expect(published).toMatchObject({ ok: true });
        if (!published.ok) return;
        const posts = e.world.posts('acct');
        expect(posts).toHaveLength(1);
        expect(posts[0]).toMatchObject({ id: published.value.remoteId, at: T0 });
        expect(posts[0]?.text).toContain(spec.publish.text.split('\n')[0]);
      });

      it('a code is single-use: exchanging it twice is refused, never ok', async () => {
        const e = env();
        const { res, pkce } = await e.consent('acct');
        const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
        const req = { code, codeVerifier: adapter.pkce ? pkce.verifier : '' };
        expect((await adapter.exchangeCode(e.ctx(), req)).ok).toBe(true);
        expect((await adapter.exchangeCode(e.ctx(), req)).ok).toBe(false);
      });
    });

    describe('token lifetimes through createConnections (R12)', () => {
      const renewal = spec.lifetime.renewal;
      const horizon = spec.lifetime.horizon;
      if (!renewal) {
        it(`R12: the stored token does not expire: checks until ${horizon ? span(horizon.after) : 'a year'} after connecting renew nothing and stay ok${horizon ? `; past it: ${horizon.reason} (${horizon.why})` : ''}`, async () => {
          const e = env();
          const first = await e.connect('acct');
          const before = e.world.calls({ network }).length;
          const last = (horizon?.after ?? 365 * DAY) - MINUTE;
          for (const at of [DAY, 59 * DAY, 61 * DAY, last]) {
            e.setClock(T0 + at);
            expect(await e.connections.check(e.ref('acct'))).toEqual({ kind: 'ok' });
          }
          // One check request each, no renewal, the same token stored.
          expect(e.world.calls({ network }).length).toBe(before + 4);
          expect(e.data.get('acct')).toEqual(first);
          if (horizon) {
            e.setClock(T0 + horizon.after + MINUTE);
            expect(await e.connections.check(e.ref('acct'))).toMatchObject({
              kind: 'auth-error',
              reason: horizon.reason,
            });
          }
        });
        return;
      }
      it(`R12: a check ${span(renewal.at)} after connecting renews the token (${renewal.endpoint}) and stays ok, no status change`, async () => {
        const e = env();
        const first = await e.connect('acct');
        const before = count(e.world, network, renewal.endpoint);
        e.advance(renewal.at);
        expect(await e.connections.check(e.ref('acct'))).toEqual({ kind: 'ok' });
        expect(count(e.world, network, renewal.endpoint)).toBe(before + 1);
        const stored = e.data.get('acct');
        expect(stored?.accessToken).not.toBe(first.accessToken);
        expect(stored?.expiresAt).toBeGreaterThan(e.now());
        // The renewed token works for the rest of the product too.
        expect((await e.connections.profile(e.ref('acct'))).ok).toBe(true);
        expect(await e.connections.check(e.ref('acct'))).toEqual({ kind: 'ok' });
        expect(count(e.world, network, renewal.endpoint)).toBe(before + 1);
      });

      // How many renewals fit before the grant's hard limit (3 where there is none).
      const renewals = horizon ? Math.floor((horizon.after - 1) / renewal.at) : 3;
      it(`R12: checked every ${span(renewal.at)}, the account renews ${renewals} time(s) in a row and stays ok${horizon ? `; past ${span(horizon.after)}: ${horizon.reason} (${horizon.why})` : ''}`, async () => {
        const e = env();
        await e.connect('acct');
        const before = count(e.world, network, renewal.endpoint);
        for (let i = 0; i < renewals; i++) {
          e.advance(renewal.at);
          expect(await e.connections.check(e.ref('acct'))).toEqual({ kind: 'ok' });
        }
        expect(count(e.world, network, renewal.endpoint)).toBe(before + renewals);
        if (horizon) {
          e.setClock(T0 + horizon.after + MINUTE);
          expect(await e.connections.check(e.ref('acct'))).toMatchObject({
            kind: 'auth-error',
            reason: horizon.reason,
          });
        }
      });

      const dies = spec.lifetime.dies;
      if (dies) {
        it(`R2/R12: left alone for ${span(dies.after)} the grant dies: auth-error ${dies.reason} (${dies.why})`, async () => {
          const e = env();
          await e.connect('acct');
          e.advance(dies.after);
          expect(await e.connections.check(e.ref('acct'))).toMatchObject({
            kind: 'auth-error',
            reason: dies.reason,
          });
        });
      }
    });

    describe('faults (mocks/README.md "Faults × networks", R2)', () => {
      it.each(FAULTS)('R2: %s -> the reason the table gives; the control account stays ok', async (fault) => {
        const e = env();
        await e.connect('acct');
        await e.connect('control');
        e.advance(10 * MINUTE);
        e.world[fault]('acct');
        e.advance(10 * MINUTE);
        expect(await e.connections.check(e.ref('acct'))).toMatchObject({
          kind: 'auth-error',
          reason: spec.faults[fault],
        });
        expect(await e.connections.check(e.ref('control'))).toEqual({ kind: 'ok' });
        // Publishing does not get through either, and creates nothing.
        const published = await e.connections.publish(e.ref('acct'), spec.publish);
        expect(failureOf(published).kind).toBe('auth-error');
        expect(e.world.posts('acct')).toHaveLength(0);
      });

      it.each(FAULTS.filter((f) => f !== 'deleteAccount'))(
        'a reconnect after %s starts a clean grant: check ok again',
        async (fault) => {
          const e = env();
          await e.connect('acct');
          e.advance(10 * MINUTE);
          e.world[fault]('acct');
          e.advance(10 * MINUTE);
          expect(isAuthError(await e.connections.check(e.ref('acct')))).toBe(true);
          await e.connect('acct');
          expect(await e.connections.check(e.ref('acct'))).toEqual({ kind: 'ok' });
        },
      );

      it(`app-side revoke ${adapter.revoke ? 'ends the grant like a user revoke' : 'is ok without a request (no revoke endpoint)'} (mocks/README.md "App-side revocation")`, async () => {
        const e = env();
        await e.connect('acct');
        const before = e.world.calls({ network }).length;
        expect(await e.connections.revoke(e.ref('acct'))).toEqual({ kind: 'ok' });
        if (adapter.revoke) {
          expect(count(e.world, network, 'revoke')).toBeGreaterThanOrEqual(1);
          expect(await e.connections.check(e.ref('acct'))).toMatchObject({
            kind: 'auth-error',
            reason: spec.faults.revoke,
          });
        } else {
          expect(e.world.calls({ network })).toHaveLength(before);
        }
      });

      it('a deleted account cannot consent again (consent page 400)', async () => {
        const e = env();
        await e.connect('acct');
        e.world.deleteAccount('acct');
        const { res } = await e.consent('acct');
        expect(res.status).toBe(400);
      });
    });

    describe('transient failures are not disconnects (R11)', () => {
      it('R11: outage -> unavailable for check, profile and publish, never auth-error; healthy again at until', async () => {
        const e = env();
        await e.connect('acct');
        const until = e.now() + 30 * MINUTE;
        e.world.outage(network, until);
        expect(await e.connections.check(e.ref('acct'))).toMatchObject({ kind: 'unavailable' });
        expect(failureOf(await e.connections.profile(e.ref('acct')))).toMatchObject({ kind: 'unavailable' });
        expect(failureOf(await e.connections.publish(e.ref('acct'), spec.publish))).toMatchObject({
          kind: 'unavailable',
        });
        expect(e.world.posts('acct')).toHaveLength(0);
        e.advance(30 * MINUTE - 1);
        expect(await e.connections.check(e.ref('acct'))).toMatchObject({ kind: 'unavailable' });
        e.advance(1);
        expect(await e.connections.check(e.ref('acct'))).toEqual({ kind: 'ok' });
      });

      it('R11/R12: an outage while a renewal is due (or at day 30 where nothing renews) is unavailable, not a disconnect; the renewal happens after', async () => {
        const e = env();
        await e.connect('acct');
        e.advance(spec.lifetime.renewal?.at ?? 30 * DAY);
        e.world.outage(network, e.now() + HOUR);
        for (let i = 0; i < 3; i++) {
          const outcome = await e.connections.check(e.ref('acct'));
          expect(outcome.kind).toBe('unavailable');
        }
        e.advance(HOUR);
        expect(await e.connections.check(e.ref('acct'))).toEqual({ kind: 'ok' });
      });

      it(`R11: rateLimit -> rate-limited with retryAt per the network (check: ${spec.rateLimit.check}, publish: ${spec.rateLimit.publish}); never auth-error`, async () => {
        const e = env();
        await e.connect('acct');
        // Not on a whole minute, so minute-rounding networks show it.
        const until = e.now() + 30 * MINUTE + 20 * SECOND;
        e.world.rateLimit(network, until);
        const checked = await e.connections.check(e.ref('acct'));
        expect(checked).toMatchObject({
          kind: 'rate-limited',
          retryAt: expectedRetryAt(spec.rateLimit.check, e.now(), until),
        });
        const published = failureOf(await e.connections.publish(e.ref('acct'), spec.publish));
        expect(published).toMatchObject({
          kind: 'rate-limited',
          retryAt: expectedRetryAt(spec.rateLimit.publish, e.now(), until),
        });
        expect(e.world.posts('acct')).toHaveLength(0);
        // retryAt is never before the network is willing again.
        for (const outcome of [checked, published]) {
          if (outcome.kind === 'rate-limited') expect(outcome.retryAt ?? 0).toBeGreaterThanOrEqual(until);
        }
        e.setClock(until);
        expect(await e.connections.check(e.ref('acct'))).toEqual({ kind: 'ok' });
      });

      it('R11: a malformed token-endpoint answer during connect is unavailable, never a throw', async () => {
        const e = env();
        const { res, pkce } = await e.consent('acct');
        const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
        e.world.respond(network, { status: 200, body: 'not json' });
        const answer = await adapter.exchangeCode(e.ctx(), {
          code,
          codeVerifier: adapter.pkce ? pkce.verifier : '',
        });
        expect(failureOf(answer)).toMatchObject({ kind: 'unavailable' });
      });

      it.each([
        ['not json', 'not json'],
        ['{unexpected: true}', { unexpected: true }],
      ])(
        'R11: a 200 with body %s is unavailable for check, profile and publish: never a throw, never auth-error',
        async (_label, body) => {
          const e = env();
          await e.connect('acct');
          e.world.respond(network, { status: 200, body });
          await expect(e.connections.check(e.ref('acct'))).resolves.toMatchObject({ kind: 'unavailable' });
          e.world.respond(network, { status: 200, body });
          expect(failureOf(await e.connections.profile(e.ref('acct')))).toMatchObject({
            kind: 'unavailable',
          });
          e.world.respond(network, { status: 200, body });
          expect(failureOf(await e.connections.publish(e.ref('acct'), spec.publish))).toMatchObject({
            kind: 'unavailable',
          });
          // The account is untouched: the next (real) answer is healthy.
          expect(await e.connections.check(e.ref('acct'))).toEqual({ kind: 'ok' });
        },
      );

      it('R11: a request that never answers times out as network-error (timeoutMs 50), never a throw', async () => {
        const e = env();
        const tokens = await e.connect('acct');
        let attempts = 0;
        const hang: AdapterContext['fetch'] = () => {
          attempts++;
          return new Promise<Response>(() => {});
        };
        const ctx = e.ctx({ fetch: hang, timeoutMs: 50 });
        const started = performance.now();
        await expect(adapter.check(ctx, tokens)).resolves.toMatchObject({ kind: 'network-error' });
        expect(attempts).toBeGreaterThanOrEqual(1);
        expect(performance.now() - started).toBeLessThan(2000);
        expect(failureOf(await adapter.profile(ctx, tokens))).toMatchObject({ kind: 'network-error' });
        // Publishing may wait longer (YouTube uploads: at least 5 minutes), on fake timers.
        const wait = spec.publishTimeoutMs ?? 50;
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
        try {
          let settled = false;
          const publishing = adapter.publish(ctx, tokens, spec.publish).finally(() => {
            settled = true;
          });
          await vi.advanceTimersByTimeAsync(wait - 1);
          expect(settled).toBe(false);
          await vi.advanceTimersByTimeAsync(3 * wait);
          expect(settled).toBe(true);
          expect(failureOf(await publishing)).toMatchObject({ kind: 'network-error' });
        } finally {
          vi.useRealTimers();
        }
      });

      it('R11: offline (fetch rejects) is network-error through createConnections, never a throw', async () => {
        const e = env();
        await e.connect('acct');
        const offline = createConnections({
          adapters: ADAPTERS,
          tokens: {
            get: async (id) => e.data.get(id) ?? null,
            set: async (id, t) => void e.data.set(id, t),
          },
          context: () =>
            e.ctx({
              fetch: () => Promise.reject(new TypeError('fetch failed')),
            }),
        });
        await expect(offline.check(e.ref('acct'))).resolves.toMatchObject({ kind: 'network-error' });
        e.advance(spec.lifetime.renewal?.at ?? 30 * DAY);
        await expect(offline.check(e.ref('acct'))).resolves.toMatchObject({ kind: 'network-error' });
      });
    });

    describe('refresh coalescing (R12)', () => {
      const renewal = spec.lifetime.renewal;
      const access = spec.lifetime.access;
      if (!renewal) {
        it(`R12: 20 concurrent checks of one ${LABEL[network]} account make no renewal call at all and all succeed`, async () => {
          const e = env();
          await e.connect('acct');
          e.advance(59 * DAY);
          const before = e.world.calls({ network }).length;
          const outcomes = await Promise.all(
            Array.from({ length: 20 }, () => e.connections.check(e.ref('acct'))),
          );
          expect(outcomes).toEqual(Array.from({ length: 20 }, () => ({ kind: 'ok' })));
          expect(e.world.calls({ network }).length).toBe(before + 20);
        });
        return;
      }
      const stale =
        access !== null && renewal.at >= access ? 'an expired access token' : 'a token due for renewal';
      it(`R12: 20 concurrent checks of one ${LABEL[network]} account with ${stale} make exactly one ${renewal.endpoint} call and all succeed`, async () => {
        const e = env();
        await e.connect('acct');
        const before = count(e.world, network, renewal.endpoint);
        e.advance(renewal.at);
        const outcomes = await Promise.all(
          Array.from({ length: 20 }, () => e.connections.check(e.ref('acct'))),
        );
        expect(outcomes).toEqual(Array.from({ length: 20 }, () => ({ kind: 'ok' })));
        expect(count(e.world, network, renewal.endpoint)).toBe(before + 1);
        // What was stored is usable for the next renewal (X: the rotated refresh token), where one fits.
        const horizon = spec.lifetime.horizon;
        if (!horizon || 2 * renewal.at < horizon.after) {
          e.advance(renewal.at);
          expect(await e.connections.check(e.ref('acct'))).toEqual({ kind: 'ok' });
          expect(count(e.world, network, renewal.endpoint)).toBe(before + 2);
        }
      });
    });

    describe('captured bodies from networks.md, replayed with world.respond', () => {
      it.each(spec.replays.map((r) => [r.name, r] as const))('%s', async (_name, replay) => {
        const e = env();
        const tokens = await e.connect('acct');
        if (replay.at !== undefined) e.setClock(replay.at);
        for (const r of replay.responses) e.world.respond(network, { ...r, times: 1 });
        const asOutcome = <T>(r: Result<T>) => (r.ok ? { kind: 'ok', value: r.value } : r.failure);
        let outcome: unknown;
        if (replay.call === 'check') outcome = await adapter.check(e.ctx(), tokens);
        else if (replay.call === 'connection.check') outcome = await e.connections.check(e.ref('acct'));
        else if (replay.call === 'profile') outcome = asOutcome(await adapter.profile(e.ctx(), tokens));
        else outcome = asOutcome(await adapter.refresh(e.ctx(), tokens));
        expect(outcome).toMatchObject(replay.expect);
        if (replay.retryAt) {
          expect(outcome).toMatchObject({ kind: 'rate-limited', retryAt: replay.retryAt(e.now()) });
        }
        // Every canned answer was consumed: the replay really reached the adapter's requests.
        expect(internals(e.world).canned.get(network) ?? []).toHaveLength(0);
      });
    });
  });
}
