// The secrets each account has held lately, so no detail the connection layer returns can carry one (issue #13,
// finding 8): a network's error body may echo a token sent in an EARLIER request (a failed refresh quoting the
// access token the account used before), which the failing request's own redaction (http.ts) cannot know.
// The connection layer sees every token it reads or stores, so it keeps this memory; details end up in
// `lastCheck.detail` (IndexedDB, the server's PostgreSQL), reports and logs.
import { redact } from './http.ts';
import type { Result, TokenSet } from './types.ts';

/**
 * Distinct secrets kept per account, newest first: 8 = the access and refresh tokens of the current token set
 * and the three before it. A refresh replaces the set (X rotates both tokens every ~2 hours [X-ROT]); an answer
 * may quote the set it replaced, or one a concurrent caller still held while a coalesced refresh rotated it
 * (connection.ts `refreshOnce`), so two generations are the real need and four leave a margin. Older tokens
 * are long dead and nothing sends them any more; a token that does not rotate (Google's refresh token) takes
 * one slot, leaving room for more access tokens. The bound keeps the memory at about 1 KB per account.
 */
export const RECENT_SECRETS = 8;

export class RecentSecrets {
  private readonly byAccount = new Map<string, string[]>();
  private readonly limit: number;

  constructor(limit = RECENT_SECRETS) {
    this.limit = limit;
  }

  /** Remembers the tokens of a set the account holds (or held): newest first, each once, at most `limit`. */
  remember(accountId: string, tokens: TokenSet | null): void {
    if (!tokens) return;
    const held = this.of(accountId);
    const { accessToken: access, refreshToken: refresh } = tokens;
    // Already the newest (every read of an unchanged set): the list would come out the same.
    const newest = access
      ? held[0] === access && (!refresh || held[1] === refresh)
      : !refresh || held[0] === refresh;
    if (newest) return;
    const fresh = [access, refresh].filter((s): s is string => !!s);
    const known = held.filter((secret) => !fresh.includes(secret));
    this.byAccount.set(accountId, [...fresh, ...known].slice(0, this.limit));
  }

  of(accountId: string): readonly string[] {
    return this.byAccount.get(accountId) ?? [];
  }
}

/**
 * A failed result whose detail holds none of `secrets`, raw or URL-encoded (as a query or form carries it),
 * nor any credential-looking fragment (http.ts `redact`). Used by the connection layer with an account's
 * recent secrets, and by the engine's code exchange with the flow's code, verifier and short-lived token.
 */
export function scrub<T>(result: Result<T>, secrets: ReadonlyArray<string | null | undefined>): Result<T> {
  if (result.ok || result.failure.detail === undefined) return result;
  const known = secrets.filter((s): s is string => !!s).flatMap((s) => [s, encodeURIComponent(s)]);
  return { ok: false, failure: { ...result.failure, detail: redact(result.failure.detail, known) } };
}
