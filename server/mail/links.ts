// Where an email's links lead on this server. The routes behind them belong to the HTTP layer
// (server/http/routes-mail.ts): /unsubscribe answers GET with a confirmation page and POST with the one-click
// unsubscribe of RFC 8058; /reconnect starts the network's consent for the account (R7/R8 decided when it is
// clicked) and shows the outcome; /settings/email says where the settings are. The links that act without a
// sign-in are signed: unsubscribe (runtime/email/token.ts) and reconnect (here, HMAC-SHA256 as well).
import { createHmac, timingSafeEqual } from 'node:crypto';
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
export const RECONNECT_PATH = '/reconnect';
export const SETTINGS_PATH = '/settings/email';

/** Who may start the consent of which account, until when. */
export interface ReconnectClaims {
  team: string;
  account: string;
  member: string;
  expiresAt: number;
}

/** A reconnect link serves the reminder's week and a while after an alert; after it, the extension does. */
export const RECONNECT_TTL = 30 * 24 * 60 * 60 * 1000;

const VERSION = 'r1';

/** Signs and verifies reconnect links with the server's link secret (32 random bytes or more). */
export function reconnectSigner(secret: Buffer) {
  const mac = (payload: string) => createHmac('sha256', secret).update(`${VERSION}.${payload}`).digest();
  return {
    sign(claims: ReconnectClaims): string {
      const list = [claims.team, claims.account, claims.member, claims.expiresAt];
      const payload = Buffer.from(JSON.stringify(list)).toString('base64url');
      return `${VERSION}.${payload}.${mac(payload).toString('base64url')}`;
    },
    verify(
      token: string,
      now: number,
    ): { ok: true; claims: ReconnectClaims } | { ok: false; reason: 'invalid' | 'expired' } {
      const [version, payload, signature] = token.split('.');
      if (version !== VERSION || !payload || !signature) return { ok: false, reason: 'invalid' };
      const given = Buffer.from(signature, 'base64url');
      const want = mac(payload);
      // Constant time, and checked before anything in the payload is parsed or trusted.
      if (given.length !== want.length || !timingSafeEqual(given, want))
        return { ok: false, reason: 'invalid' };
      const [team, account, member, expiresAt] = JSON.parse(Buffer.from(payload, 'base64url').toString());
      if (now > expiresAt) return { ok: false, reason: 'expired' };
      return { ok: true, claims: { team, account, member, expiresAt } };
    },
  };
}

export type ReconnectSigner = ReturnType<typeof reconnectSigner>;

/**
 * The server's links. Without a reconnect signer (tests of the renderers alone) the action link is the
 * unsigned /reconnect address, which the server refuses as not valid.
 */
export function serverLinks(
  baseUrl: string,
  key: CryptoKey,
  reconnect?: { signer: ReconnectSigner; now: () => number },
): Links {
  const base = new URL(baseUrl);
  const at = (path: string, query: Record<string, string>) => {
    const url = new URL(path, base);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url.href;
  };
  return {
    action: (team, account, member) =>
      reconnect
        ? at(RECONNECT_PATH, {
            token: reconnect.signer.sign({
              team,
              account,
              member,
              expiresAt: reconnect.now() + RECONNECT_TTL,
            }),
          })
        : at(RECONNECT_PATH, { team, account }),
    settings: (team) => at(SETTINGS_PATH, { team }),
    async unsubscribe(team, member, kind, now) {
      const claims: UnsubscribeClaims = { member, team, kind, expiresAt: now + UNSUBSCRIBE_TTL };
      return at(UNSUBSCRIBE_PATH, { token: await signUnsubscribe(key, claims) });
    },
  };
}
