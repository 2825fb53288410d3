// Where an email's links lead on this server. The routes behind them belong to the HTTP layer (see
// README.md: /unsubscribe answers GET with a confirmation page and POST with the one-click unsubscribe of
// RFC 8058); only the unsubscribe link is signed, because it acts without a sign-in.
import {
  signUnsubscribe,
  UNSUBSCRIBE_TTL,
  type UnsubscribeClaims,
  type UnsubscribeKind,
} from '../../runtime/email/index.ts';

export interface Links {
  /** Opens the refresh (reminder) or reconnect (alert) flow of `account` for `member`. */
  action(team: string, account: string, member: string): string;
  /** The member's email notification settings (S7). */
  settings(team: string, member: string): string;
  /** A signed one-click unsubscribe link. */
  unsubscribe(team: string, member: string, kind: UnsubscribeKind, now: number): Promise<string>;
}

export const UNSUBSCRIBE_PATH = '/unsubscribe';

export function serverLinks(baseUrl: string, key: CryptoKey): Links {
  const base = new URL(baseUrl);
  const at = (path: string, query: Record<string, string>) => {
    const url = new URL(path, base);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url.href;
  };
  return {
    action: (team, account) => at('/reconnect', { team, account }),
    settings: (team) => at('/settings/email', { team }),
    async unsubscribe(team, member, kind, now) {
      const claims: UnsubscribeClaims = { member, team, kind, expiresAt: now + UNSUBSCRIBE_TTL };
      return at(UNSUBSCRIBE_PATH, { token: await signUnsubscribe(key, claims) });
    },
  };
}
