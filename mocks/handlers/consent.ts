// The consent page every network serves at its authorize URL, reduced to what a test or the extension's
// simulated consent page needs: GET the authorize URL and get `302 Location: {redirect_uri}?code=…&state=…` for
// the account signed in at that network (world.signIn) or named by `login_hint=<accountId>`.
//
// Cancel path (mock-only convention, documented in mocks/README.md): add `mock_consent=deny` to the authorize
// URL and the network redirects back with its own "user denied" parameters instead of a code.
import type { Network } from '../../core/schemas.ts';
import { MOCK_CLIENTS } from '../clients.ts';
import type { Ctx, MockReply, Route } from '../http.ts';
import { text } from '../http.ts';
import type { AccountState } from '../state.ts';
import { mint } from '../state.ts';
import { DEFAULT_SCOPES } from '../world.ts';

interface ConsentStyle {
  /** How the network separates scopes in `scope=` (Meta: commas, OAuth 2 standard: spaces). */
  scopeSeparator: RegExp;
  /** required: no code without a challenge [X-AC]; optional: bound when sent [G-LIB]; ignored: not a PKCE network. */
  pkce: 'required' | 'optional' | 'ignored';
  /** The parameters the network puts on the redirect when the user cancels (not in networks.md; as commonly reported). */
  deny: Record<string, string>;
  /** Google echoes the granted scopes on the redirect. */
  echoScope: boolean;
}

const STYLE: Record<Network, ConsentStyle> = {
  facebook: {
    scopeSeparator: /[,\s]+/,
    pkce: 'ignored',
    deny: {
      error: 'access_denied',
      error_code: '200',
      error_description: 'Permissions error',
      error_reason: 'user_denied',
    },
    echoScope: false,
  },
  instagram: {
    scopeSeparator: /[,\s]+/,
    pkce: 'ignored',
    deny: {
      error: 'access_denied',
      error_reason: 'user_denied',
      error_description: 'The user denied your request.',
    },
    echoScope: false,
  },
  x: { scopeSeparator: /\s+/, pkce: 'required', deny: { error: 'access_denied' }, echoScope: false },
  linkedin: {
    scopeSeparator: /\s+/,
    pkce: 'ignored',
    deny: { error: 'user_cancelled_authorize', error_description: 'The user cancelled the authorization' },
    echoScope: false,
  },
  youtube: { scopeSeparator: /\s+/, pkce: 'optional', deny: { error: 'access_denied' }, echoScope: true },
};

function redirect(to: URL, params: Record<string, string>): MockReply {
  for (const [k, v] of Object.entries(params)) to.searchParams.set(k, v);
  return {
    status: 302,
    headers: { location: to.toString(), 'content-type': 'text/html; charset=utf-8' },
    raw: '',
  };
}

function whoConsents(ctx: Ctx, network: Network): AccountState | string {
  const hint = ctx.params.get('login_hint');
  const hinted = hint ? ctx.s.accounts.get(hint) : undefined;
  if (hinted && hinted.identity.network === network) return hinted;
  const signedIn = ctx.s.signedIn.get(network) ?? null;
  const account = signedIn === null ? undefined : ctx.s.accounts.get(signedIn);
  if (!account) {
    return `Nobody is signed in at the mock ${network}. Call world.signIn('${network}', accountId) or add login_hint=<accountId> to the authorize URL.`;
  }
  return account;
}

/** GET on the authorize URL. Validation failures are plain-text 400 pages, like a real consent screen's error. */
export function authorizeRoute(network: Network): Route {
  const style = STYLE[network];
  return {
    endpoint: 'authorize',
    handle(ctx) {
      const p = ctx.params;
      const clientId = p.get('client_id');
      if (clientId !== MOCK_CLIENTS[network].clientId) {
        return text(
          400,
          `Invalid client_id '${clientId ?? ''}': the mock ${network} only knows MOCK_CLIENTS.${network}.`,
        );
      }
      const redirectUri = p.get('redirect_uri');
      if (!redirectUri || !URL.canParse(redirectUri)) return text(400, 'Missing or invalid redirect_uri.');
      if (p.get('response_type') !== 'code')
        return text(400, "Unsupported response_type: only 'code' is supported.");
      const state = p.get('state');
      const withState = (o: Record<string, string>) => (state === null ? o : { ...o, state });
      if (p.get('mock_consent') === 'deny') return redirect(new URL(redirectUri), withState(style.deny));

      const challenge = style.pkce === 'ignored' ? null : p.get('code_challenge');
      if (style.pkce === 'required' && !challenge)
        return text(400, 'Missing required parameter: code_challenge.');
      const method = (p.get('code_challenge_method') ?? 'plain').toLowerCase();
      if (challenge && method !== 's256' && method !== 'plain')
        return text(400, 'Invalid code_challenge_method.');

      const who = whoConsents(ctx, network);
      if (typeof who === 'string') return text(400, who);
      ctx.accountId = who.identity.id;
      if (who.identity.deleted)
        return text(400, `The ${network} account '${who.identity.id}' no longer exists.`);

      const named = (p.get('scope') ?? '').split(style.scopeSeparator).filter(Boolean);
      const requested = named.length > 0 ? named : DEFAULT_SCOPES[network];
      const value = mint(ctx.s, who, 'code');
      ctx.s.codes.set(value, {
        value,
        account: who,
        clientId: MOCK_CLIENTS[network].clientId,
        redirectUri,
        challenge,
        method: challenge ? (method === 's256' ? 'S256' : 'plain') : null,
        scopes: requested,
        issuedAt: ctx.now,
        used: false,
        offline: network !== 'youtube' || p.get('access_type') === 'offline',
        forceConsent: (p.get('prompt') ?? '').split(/\s+/).includes('consent'),
      });
      const granted: Record<string, string> = { code: value };
      if (style.echoScope) granted.scope = requested.join(' ');
      return redirect(new URL(redirectUri), withState(granted));
    },
  };
}
