// Issue #13: a hostile network's answers (any status, odd headers, the networks' own error bodies with odd
// values, arbitrary JSON, no JSON) never make a classifier throw, never give a malformed Outcome, and leave
// the HTTP layer and every adapter call with a classified result whose retry instant is in [now, now + 24 h].
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { byStatus, type Classifier } from '../../adapters/classify.ts';
import { send } from '../../adapters/http.ts';
import {
  ADAPTERS,
  classifyFacebook,
  classifyInstagram,
  classifyLinkedIn,
  classifyX,
  classifyYouTube,
} from '../../adapters/index.ts';
import type { AdapterContext, TokenSet } from '../../adapters/types.ts';
import { MAX_RETRY_AHEAD, Outcome } from '../../core/schemas.ts';
import { type Answer, answer, body, headers, NETWORKS, toResponse } from './arbitraries.ts';

const CLASSIFIERS: Record<string, Classifier> = {
  facebook: classifyFacebook,
  instagram: classifyInstagram,
  x: classifyX,
  linkedin: classifyLinkedIn,
  youtube: classifyYouTube,
  'byStatus (shared fallback)': (status, h, _body, now) => byStatus(status, h, now),
};
/** Any instant the product can run at: 1970 to the end of year 9998 (sim/instant.ts). */
const now = fc.integer({ min: 0, max: Date.UTC(9999, 0, 1) - 1 });

/** A failure's retry instant, when it has one, lies in [now, now + MAX_RETRY_AHEAD]. */
function expectBounded(outcome: Outcome, at: number) {
  expect(Outcome.safeParse(outcome).success).toBe(true);
  if ('retryAt' in outcome && outcome.retryAt !== null) {
    expect(outcome.retryAt).toBeGreaterThanOrEqual(at);
    expect(outcome.retryAt).toBeLessThanOrEqual(at + MAX_RETRY_AHEAD);
  }
}

describe('fuzz: classifiers', () => {
  it.each(Object.entries(CLASSIFIERS))(
    'R11: %s never throws and gives a well-formed Outcome',
    (_name, classify) => {
      fc.assert(
        fc.property(
          fc.oneof(fc.integer({ min: 100, max: 599 }), fc.integer()),
          headers,
          body,
          now,
          (status, h, b, at) => {
            const outcome = classify(status, new Headers(h), b, at);
            expect(Outcome.safeParse(outcome).success).toBe(true);
            if ('retryAt' in outcome && outcome.retryAt !== null)
              expect(outcome.retryAt).toBeGreaterThanOrEqual(at);
          },
        ),
        { numRuns: 400 },
      );
    },
  );
});

const tokens: TokenSet = {
  accessToken: 'access-token-1',
  refreshToken: 'refresh-token-1',
  expiresAt: null,
  refreshExpiresAt: null,
  scopes: [],
};

/** A context whose network answers each call with the next of `answers` (then fails: offline). */
function context(answers: Answer[], at: number): AdapterContext {
  let call = 0;
  return {
    fetch: async () => {
      const next = answers[call++];
      if (!next) throw new TypeError('fetch failed');
      return toResponse(next);
    },
    now: () => at,
    config: { clientId: 'client', clientSecret: 'secret-value', redirectUri: 'https://ext.example/cb' },
    retries: 1,
    sleep: async () => {},
  };
}

describe('fuzz: the HTTP layer and the adapters', () => {
  it.each(NETWORKS)(
    'R11: %s: send() resolves to a bounded, classified result for any answer',
    async (network) => {
      const classify = CLASSIFIERS[network]!;
      await fc.assert(
        fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 3 }), now, async (answers, at) => {
          const result = await send(
            context(answers, at),
            { method: 'GET', url: 'https://api.example.com/x' },
            z.object({ id: z.string() }),
            classify,
          );
          if (!result.ok) expectBounded(result.failure, at);
        }),
        { numRuns: 150 },
      );
    },
  );

  it.each(NETWORKS)(
    'R11: %s: every adapter call resolves to a well-formed result, whatever the network answers',
    async (network) => {
      const adapter = ADAPTERS[network];
      const calls = {
        check: (ctx: AdapterContext) => adapter.check(ctx, tokens),
        refresh: async (ctx: AdapterContext) => adapter.refresh(ctx, tokens),
        profile: async (ctx: AdapterContext) => adapter.profile(ctx, tokens),
        exchange: async (ctx: AdapterContext) =>
          adapter.exchangeCode(ctx, { code: 'code-1', codeVerifier: 'v'.repeat(43) }),
        publish: async (ctx: AdapterContext) =>
          adapter.publish(ctx, tokens, {
            text: 'Hello',
            link: 'https://example.com',
            imageUrl: 'https://example.com/i.png',
            video: new Blob(['v']),
          }),
        revoke: async (ctx: AdapterContext) =>
          adapter.revoke ? adapter.revoke(ctx, tokens) : { kind: 'ok' as const },
      };
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...(Object.keys(calls) as Array<keyof typeof calls>)),
          fc.array(answer, { minLength: 1, maxLength: 4 }),
          now,
          async (call, answers, at) => {
            const result = await calls[call](context(answers, at));
            const outcome = 'kind' in result ? result : result.ok ? null : result.failure;
            if (outcome) expectBounded(outcome, at);
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});
