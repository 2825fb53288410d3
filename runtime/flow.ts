// The OAuth authorization-code flow, one for every shell (issue #14): PKCE S256 (RFC 7636) and `state`,
// the consent shown however the shell shows it (`launch`), the answer checked, the code exchanged and the
// profile read. Nothing is stored here: the engine keeps the tokens only if the rules accept the consent
// (R4: the same account must come back). Words come from the catalogue the shell passes in (keys and
// params, like core/messages.ts): the extension says them in its reader's language, headless shells in
// English (flow-words.ts).
import { createPkce, createState } from '../adapters/connection.ts';
import type { AdapterContext, NetworkAdapter } from '../adapters/types.ts';
import { MINUTE, type Network } from '../core/index.ts';
import type { AccountRef, AuthFlow } from './engine.ts';

export { englishFlowWords, FLOW_WORDS, failureText, LABEL } from './flow-words.ts';

/**
 * How long a consent may stay open (issue #13 finding 6): then the flow gives up, the shell's lock is
 * released and the account is unchanged. A person who really signs in takes seconds to a minute or two.
 */
export const CONSENT_TIMEOUT = 5 * MINUTE;

/**
 * Shows the network's consent for `url` and resolves with the URL the network redirected back to; rejects
 * when the person closed it (a cancel) or with a ConsentError when it failed for a reason worth showing.
 * `signal` aborts when the flow stops waiting (its timeout), so the shell can close what it opened.
 */
export type Launch = (url: string, account: AccountRef, signal: AbortSignal) => Promise<string>;

/** The consent ended without a redirect for a reason to show (e.g. the consent page answered an error). */
export class ConsentError extends Error {}

export type FlowKey =
  | 'flowNoClient'
  | 'flowCancelled'
  | 'flowTimedOut'
  | 'flowStateMismatch'
  | 'flowDenied'
  | 'flowFailed';

export interface FlowParams {
  network: Network;
  /** flowDenied, flowFailed: what the network said. */
  detail?: string;
  /** flowTimedOut: how long the consent waited. */
  minutes?: number;
}

/** The message catalogue: a key and its params in words. */
export type FlowWords = (key: FlowKey, params: FlowParams) => string;

export interface CodeFlowOptions {
  adapters: Record<Network, NetworkAdapter>;
  context: (network: Network) => AdapterContext;
  launch: Launch;
  words: FlowWords;
  /** Default CONSENT_TIMEOUT. */
  timeout?: number;
}

/** Errors that mean the person said no at the network (RFC 6749 §4.1.2.1; LinkedIn's own name for it). */
const CANCELLED = new Set(['access_denied', 'user_cancelled_authorize']);

/** The query and the fragment of the redirect (some providers answer in the fragment); the query wins. */
function answerOf(redirect: string): URLSearchParams {
  const url = new URL(redirect);
  const params = new URLSearchParams(url.hash.replace(/^#/, ''));
  for (const [key, value] of url.searchParams) params.set(key, value);
  return params;
}

/** The launch, or 'timeout' once `ms` passed (the signal is aborted then). */
async function launchWithin(launch: Launch, url: string, account: AccountRef, ms: number) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    const answer = await Promise.race([launch(url, account, controller.signal), expired]);
    if (answer === 'timeout') controller.abort();
    return answer;
  } finally {
    clearTimeout(timer);
  }
}

export function createCodeFlow({ adapters, context, launch, words, timeout }: CodeFlowOptions): AuthFlow {
  const limit = timeout ?? CONSENT_TIMEOUT;
  return async (account, opts) => {
    const { network } = account;
    const adapter = adapters[network];
    const ctx = context(network);
    const fail = (key: FlowKey, more: Omit<FlowParams, 'network'> = {}) => ({
      ok: false as const,
      message: words(key, { network, ...more }),
    });
    if (!ctx.config.clientId) return fail('flowNoClient');

    const pkce = await createPkce();
    const state = createState();
    const url = adapter.authorizeUrl(ctx, {
      state,
      codeChallenge: pkce.challenge,
      ...(opts.postVisibility ? { postVisibility: opts.postVisibility } : {}),
    });
    let redirect: string;
    try {
      const answer = await launchWithin(launch, url, account, limit);
      if (answer === 'timeout') return fail('flowTimedOut', { minutes: Math.ceil(limit / MINUTE) });
      redirect = answer;
    } catch (error) {
      return error instanceof ConsentError
        ? fail('flowFailed', { detail: error.message })
        : fail('flowCancelled');
    }
    const params = answerOf(redirect);
    // RFC 6749 §10.12: a redirect that does not carry the state we sent was not started by this request,
    // whatever it says (§4.1.2.1: an error answer carries the state too): refuse it before reading it.
    if (params.get('state') !== state) return fail('flowStateMismatch');
    const error = params.get('error');
    if (error && CANCELLED.has(error)) return fail('flowCancelled');
    if (error) return fail('flowDenied', { detail: params.get('error_description') ?? error });
    const code = params.get('code');
    if (!code) return fail('flowDenied', { detail: 'no authorization code' });

    const tokens = await adapter.exchangeCode(ctx, { code, codeVerifier: pkce.verifier });
    if (!tokens.ok) return fail('flowFailed', { detail: tokens.failure.detail ?? tokens.failure.kind });
    const profile = await adapter.profile(ctx, tokens.value);
    if (!profile.ok) return fail('flowFailed', { detail: profile.failure.detail ?? profile.failure.kind });
    return { ok: true, tokens: tokens.value, profile: profile.value };
  };
}
