// OAuth on the server (issue #15): the extension asks for a consent URL for (account, action); the server
// stores a single-use `state` bound to member, team, account and network (10 minutes, only its hash kept)
// with the PKCE verifier sealed beside it; the network redirects to /oauth/callback; the server checks the
// state (RFC 6749 §10.12), exchanges the code with the client secret, applies the action through the
// Engine (R4: the same account must come back, core refuses another), and sends the browser to the
// member's registered extension redirect URL with the result.
import type { Kysely } from 'kysely';
import { createPkce } from '../adapters/connection.ts';
import { ADAPTERS } from '../adapters/index.ts';
import {
  type ActionEvent,
  MINUTE,
  type Network,
  type PostVisibility,
  type Rejection,
  validate,
} from '../core/index.ts';
import { failureText, LABEL } from '../runtime/flow.ts';
import { randomSecret, type Sealer, sha256 } from './crypto.ts';
import type { Database } from './db/types.ts';
import { memberRedirect } from './members.ts';
import type { NetworkSide, Teams } from './teams.ts';

export const STATE_LIFETIME = 10 * MINUTE;

export type ConsentAction = 'connect' | 'reconnect' | 'refresh-connection';

export interface ConsentRequest {
  action: ConsentAction;
  account: string;
  network: Network;
  postVisibility?: PostVisibility;
  /** 'page': started from an email's reconnect link; the outcome is the server's page, not the extension. */
  returnTo?: 'page';
}

export type ConsentAnswer =
  | { ok: true; url: string; expiresAt: number }
  | { ok: false; rejected: Rejection }
  | { ok: false; problem: 'no-redirect' };

export interface OAuthDeps {
  teams: Teams;
  sealer: Sealer;
  network: NetworkSide & { consentUrl?: (authorizeUrl: string, account: string, network: Network) => string };
}

const aad = (hash: string) => `oauth-state|${hash}`;

function eventOf(req: ConsentRequest, by: string): ActionEvent {
  if (req.action === 'connect')
    return {
      type: 'connect',
      account: req.account,
      network: req.network,
      by,
      postVisibility: req.postVisibility,
    };
  return { type: req.action, account: req.account, by, postVisibility: req.postVisibility };
}

/** The consent URL, or the rule that refuses the action (a refused action never opens a consent screen). */
export async function createConsent(
  deps: OAuthDeps,
  member: { teamId: string; user: string },
  req: ConsentRequest,
): Promise<ConsentAnswer> {
  const { teams } = deps;
  const now = teams.now();
  const team = await teams.read(member.teamId);
  const rejected = validate(team.state, eventOf(req, member.user), now);
  if (rejected) return { ok: false, rejected };
  if (!req.returnTo && !(await memberRedirect(teams.db, member.teamId, member.user)))
    return { ok: false, problem: 'no-redirect' };
  const state = randomSecret(32);
  const pkce = await createPkce();
  const hash = sha256(state);
  await teams.db
    .insertInto('oauth_states')
    .values({
      hash,
      team_id: member.teamId,
      user_id: member.user,
      account_id: req.account,
      network: req.network,
      action: req.action,
      post_visibility: req.postVisibility ?? null,
      verifier: deps.sealer.seal(pkce.verifier, aad(hash)),
      created_at: now,
      expires_at: now + STATE_LIFETIME,
      used_at: null,
      return_to: req.returnTo ?? null,
    })
    .execute();
  const ctx = deps.network.context(req.network);
  const url = ADAPTERS[req.network].authorizeUrl(ctx, {
    state,
    codeChallenge: pkce.challenge,
    ...(req.postVisibility ? { postVisibility: req.postVisibility } : {}),
  });
  const shown = deps.network.consentUrl?.(url, req.account, req.network) ?? url;
  return { ok: true, url: shown, expiresAt: now + STATE_LIFETIME };
}

export type CallbackAnswer =
  | {
      kind: 'refused';
      code: 'state-missing' | 'state-unknown' | 'state-used' | 'state-expired';
      message: string;
    }
  | { kind: 'redirect'; location: string }
  /** A consent started from an email: the outcome as the server's page shows it, in the member's language. */
  | { kind: 'page'; team: string; user: string; account: string; network: Network; reason: string | null };

const REFUSED = {
  'state-missing': 'This sign-in answer has no state. Start the connection again from the extension.',
  'state-unknown':
    'This sign-in answer was not started by this server (unknown state). Start the connection again from the extension.',
  'state-used': 'This sign-in answer was already used. Start the connection again from the extension.',
  'state-expired': 'This sign-in took longer than 10 minutes. Start the connection again from the extension.',
} as const;

/** Claims the state once: only one callback can ever get past this for a given state. */
async function claim(db: Kysely<Database>, state: string, now: number) {
  const hash = sha256(state);
  const row = await db
    .updateTable('oauth_states')
    .set({ used_at: now })
    .where('hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
  if (row) return { row, hash };
  const seen = await db
    .selectFrom('oauth_states')
    .select(['used_at'])
    .where('hash', '=', hash)
    .executeTakeFirst();
  return {
    refused: !seen ? 'state-unknown' : seen.used_at !== null ? 'state-used' : 'state-expired',
  } as const;
}

export async function handleCallback(deps: OAuthDeps, params: URLSearchParams): Promise<CallbackAnswer> {
  const { teams } = deps;
  const now = teams.now();
  const state = params.get('state');
  if (!state) return { kind: 'refused', code: 'state-missing', message: REFUSED['state-missing'] };
  const claimed = await claim(teams.db, state, now);
  if ('refused' in claimed)
    return { kind: 'refused', code: claimed.refused!, message: REFUSED[claimed.refused!] };
  const { row, hash } = claimed;
  const network = row.network as Network;
  const label = LABEL[network];
  const redirect = (await memberRedirect(teams.db, row.team_id, row.user_id))!;
  const back = (result: Record<string, string>): CallbackAnswer => {
    if (row.return_to === 'page') {
      const { team_id: team, user_id: user, account_id: account } = row;
      return { kind: 'page', team, user, account, network, reason: result.reason ?? null };
    }
    const url = new URL(redirect);
    for (const [k, v] of Object.entries({ action: row.action, account: row.account_id, ...result }))
      url.searchParams.set(k, v);
    return { kind: 'redirect' as const, location: url.toString() };
  };
  const error = params.get('error');
  if (error) {
    const reason =
      error === 'access_denied' || error === 'user_cancelled_authorize'
        ? `Consent was cancelled on ${label}; nothing was changed.`
        : `${label} refused the connection (${error}); nothing was changed. Try again.`;
    return back({ result: 'error', reason });
  }
  const code = params.get('code');
  if (!code)
    return back({
      result: 'error',
      reason: `${label} sent no authorization code; nothing was changed. Try again.`,
    });
  const adapter = ADAPTERS[network];
  const ctx = deps.network.context(network);
  const verifier = deps.sealer.open(row.verifier, aad(hash));
  const tokens = await adapter.exchangeCode(ctx, { code, codeVerifier: verifier });
  if (!tokens.ok) return back({ result: 'error', reason: failureText(label, tokens.failure.kind) });
  const profile = await adapter.profile(ctx, tokens.value);
  if (!profile.ok) return back({ result: 'error', reason: failureText(label, profile.failure.kind) });
  const event = eventOf(
    {
      action: row.action as ConsentAction,
      account: row.account_id,
      network,
      ...(row.post_visibility ? { postVisibility: row.post_visibility as PostVisibility } : {}),
    },
    row.user_id,
  );
  const { value: step } = await teams.step(
    row.team_id,
    async ({ engine, now: at, tokens: store }) => {
      // Stored ahead of the step, so a write-ahead checkpoint inside it (a restored post due at once) never
      // commits a reconnected account without its tokens; put back as they were if the rules refuse (R4).
      const before = await store.get(row.account_id);
      await store.set(row.account_id, tokens.value);
      const done = await engine.act(event, at);
      if (done.rejected) await (before ? store.set(row.account_id, before) : store.remove(row.account_id));
      return done;
    },
    { flow: async () => ({ ok: true, tokens: tokens.value, profile: profile.value }) },
  );
  if (step.rejected)
    return back({ result: 'error', rule: step.rejected.rule, reason: step.rejected.message });
  return back({ result: 'ok' });
}
