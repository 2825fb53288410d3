// The OAuth consent (an Engine `AuthFlow`) for both builds: PKCE S256 (RFC 7636) and `state` checked on
// the way back (RFC 6749 §10.12, refuse on mismatch), the code exchanged through the network's adapter,
// the profile read so the core can refuse a different account (R4). Only `launch` differs per build:
// real mode opens the network's page with browser.identity.launchWebAuthFlow; the simulation opens the
// extension's own consent page and follows the mock network's authorize URL.
import { createPkce, createState } from '../../adapters/pkce.ts';
import type { AdapterContext, NetworkAdapter } from '../../adapters/types.ts';
import type { Network } from '../../core/schemas.ts';
import type { AccountRef, AuthFlow } from '../../runtime/engine.ts';
import { t } from '../lib/i18n.ts';
import { NETWORK_LABEL } from '../lib/present.ts';

/** Opens `url` for the user's consent and resolves with the URL the network redirected to. Rejects on cancel. */
export type Launch = (url: string, account: AccountRef) => Promise<string>;

export interface AuthFlowOptions {
  adapters: Record<Network, NetworkAdapter>;
  context: (network: Network) => AdapterContext;
  launch: Launch;
}

/** The query and the fragment of the redirect: some providers answer in the fragment. */
function answer(redirect: string): URLSearchParams {
  const url = new URL(redirect);
  const params = new URLSearchParams(url.hash.replace(/^#/, ''));
  for (const [key, value] of url.searchParams) params.set(key, value);
  return params;
}

export function createAuthFlow({ adapters, context, launch }: AuthFlowOptions): AuthFlow {
  return async (ref, opts) => {
    const adapter = adapters[ref.network];
    const ctx = context(ref.network);
    const label = t(NETWORK_LABEL[ref.network]);
    const fail = (message: string) => ({ ok: false as const, message });
    if (!ctx.config.clientId) return fail(t('flowNoClient', label));

    const pkce = await createPkce();
    const state = createState();
    const url = adapter.authorizeUrl(ctx, {
      state,
      codeChallenge: pkce.challenge,
      ...(opts.postVisibility ? { postVisibility: opts.postVisibility } : {}),
    });
    let redirect: string;
    try {
      redirect = await launch(url, ref);
    } catch {
      return fail(t('flowCancelled'));
    }
    const params = answer(redirect);
    // A redirect that does not carry our state was not started by this request: refuse it (CSRF).
    if (params.get('state') !== state) return fail(t('flowStateMismatch', label));
    const error = params.get('error');
    if (error) return fail(t('flowDenied', label, params.get('error_description') ?? error));
    const code = params.get('code');
    if (!code) return fail(t('flowDenied', label, 'no code'));

    const tokens = await adapter.exchangeCode(ctx, { code, codeVerifier: pkce.verifier });
    if (!tokens.ok) return fail(t('flowFailed', label, tokens.failure.detail ?? tokens.failure.kind));
    const profile = await adapter.profile(ctx, tokens.value);
    if (!profile.ok) return fail(t('flowFailed', label, profile.failure.detail ?? profile.failure.kind));
    return { ok: true, tokens: tokens.value, profile: profile.value };
  };
}
