// The secrets each account has held lately, so no detail the connection layer returns can carry one (issue #13,
// finding 8): a network's error body may echo a token sent in an EARLIER request (a failed refresh quoting the
// access token the account used before), which the failing request's own redaction (http.ts) cannot know.
// The connection layer sees every token it reads or stores, so it keeps this memory; details end up in
// `lastCheck.detail` (IndexedDB, the server's PostgreSQL), reports and logs.
import { redact } from './http.ts';
import type { TokenSet } from './types.ts';

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
    const fresh = [tokens.accessToken, tokens.refreshToken].filter((s): s is string => !!s);
    const known = this.byAccount.get(accountId) ?? [];
    if (fresh.every((secret, index) => known[index] === secret)) return;
    const next = [...fresh, ...known.filter((secret) => !fresh.includes(secret))].slice(0, this.limit);
    this.byAccount.set(accountId, next);
  }

  of(accountId: string): readonly string[] {
    return this.byAccount.get(accountId) ?? [];
  }

  /**
   * `text` without any remembered secret of the account nor `extra` (the client secret), raw or URL-encoded
   * (as a query or form would carry it), and without credential-looking fragments (http.ts `redact`).
   */
  redact(accountId: string, text: string, extra: ReadonlyArray<string | undefined> = []): string {
    const secrets = [...this.of(accountId), ...extra].filter((s): s is string => !!s);
    return redact(
      text,
      secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]),
    );
  }
}
