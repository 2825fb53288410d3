// The OAuth authorization-code flow for any network: PKCE S256 + state, consent (however the shell shows
// it), state verification, code exchange, profile. Nothing is stored here: the engine keeps the tokens
// only if the rules accept the consent (R4: the same account must come back).
import { createPkce, createState } from '../adapters/connection.ts';
import type { AdapterContext, NetworkAdapter } from '../adapters/types.ts';
import type { Network } from '../core/index.ts';
import type { AccountRef, AuthFlow } from './engine.ts';

/** Shows the network's consent for `authorizeUrl` and returns the URL the network redirected back to. */
export type Consent = (
  authorizeUrl: string,
  account: AccountRef,
) => Promise<{ ok: true; redirectUrl: string } | { ok: false; message: string }>;

export interface CodeFlowOptions {
  adapters: Record<Network, NetworkAdapter>;
  context: (network: Network) => AdapterContext;
  consent: Consent;
}

export const LABEL: Record<Network, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
};

export function createCodeFlow({ adapters, context, consent }: CodeFlowOptions): AuthFlow {
  return async (account, opts) => {
    const adapter = adapters[account.network];
    const ctx = context(account.network);
    const label = LABEL[account.network];
    const pkce = await createPkce();
    const state = createState();
    const url = adapter.authorizeUrl(ctx, {
      state,
      codeChallenge: pkce.challenge,
      postVisibility: opts.postVisibility,
    });
    const answer = await consent(url, account);
    if (!answer.ok) return answer;
    const back = new URL(answer.redirectUrl);
    const error = back.searchParams.get('error');
    if (error) {
      const cancelled = error === 'access_denied';
      return {
        ok: false,
        message: cancelled
          ? `Consent was cancelled on ${label}; nothing was changed.`
          : `${label} refused the connection (${error}); nothing was changed. Try again.`,
      };
    }
    // RFC 6749 §10.12: a redirect whose state we did not send may be forged; never exchange its code.
    if (back.searchParams.get('state') !== state) {
      return {
        ok: false,
        message: `The answer from ${label} did not match this request; nothing was changed. Try again.`,
      };
    }
    const code = back.searchParams.get('code');
    if (!code)
      return { ok: false, message: `${label} sent no authorization code; nothing was changed. Try again.` };
    const exchanged = await adapter.exchangeCode(ctx, { code, codeVerifier: pkce.verifier });
    if (!exchanged.ok) return { ok: false, message: failureText(label, exchanged.failure.kind) };
    const profile = await adapter.profile(ctx, exchanged.value);
    if (!profile.ok) return { ok: false, message: failureText(label, profile.failure.kind) };
    return { ok: true, tokens: exchanged.value, profile: profile.value };
  };
}

const FAILURE: Record<string, (label: string) => string> = {
  'auth-error': (l) => `${l} did not accept the authorization; nothing was changed. Try again.`,
  'rate-limited': (l) =>
    `${l} is limiting requests right now; nothing was changed. Try again in a few minutes.`,
  unavailable: (l) => `${l} is not answering properly right now; nothing was changed. Try again later.`,
  'network-error': (l) => `Could not reach ${l}; check your connection. Nothing was changed.`,
};
export const failureText = (label: string, kind: string) => (FAILURE[kind] ?? FAILURE.unavailable!)(label);
