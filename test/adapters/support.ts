// Test support for the adapter suites: a fixed clock, an AdapterContext on MSW-intercepted fetch, an
// in-memory TokenStore, and a server that fails any request no handler answers.
import type { RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { TokenStore } from '../../adapters/connection.ts';
import type { AdapterContext, TokenSet } from '../../adapters/types.ts';

/** 2026-01-15T12:00:00Z */
export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export const CLIENT = {
  clientId: 'client-123',
  clientSecret: 'secret-456',
  redirectUri: 'https://ext.example/cb',
};

/** MSW with unhandled requests as errors (msw 3 names the option onUnhandledFrame). */
export function useServer(...handlers: RequestHandler[]) {
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

export function context(overrides: Partial<AdapterContext> = {}): AdapterContext & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    // Resolved at call time, so the fetch MSW patched in listen() is the one used.
    fetch: (input, init) => globalThis.fetch(input, init),
    now: () => NOW,
    config: CLIENT,
    timeoutMs: 2000,
    retries: 2,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
    sleeps,
  };
}

export function tokens(overrides: Partial<TokenSet> = {}): TokenSet {
  return {
    accessToken: 'access-1',
    refreshToken: null,
    expiresAt: NOW + 30 * DAY,
    refreshExpiresAt: null,
    scopes: [],
    ...overrides,
  };
}

/** An in-memory store whose reads take a varying few ms, so concurrent callers interleave. */
export function memoryStore(initial: Record<string, TokenSet> = {}) {
  const data = new Map(Object.entries(initial));
  let reads = 0;
  const writes: TokenSet[] = [];
  const store: TokenStore = {
    async get(id) {
      await new Promise((resolve) => setTimeout(resolve, reads++ % 4));
      return data.get(id) ?? null;
    },
    async set(id, value) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      writes.push(value);
      data.set(id, value);
    },
  };
  return { store, data, writes };
}

/** The request's form body as a plain object. */
export async function formOf(request: Request): Promise<Record<string, string>> {
  return Object.fromEntries(new URLSearchParams(await request.text()));
}

export function headers(init: Record<string, string> = {}): Headers {
  return new Headers(init);
}
