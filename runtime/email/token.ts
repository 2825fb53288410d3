// One-click unsubscribe links that work without signing in: the link carries who (member), where (team),
// from what (kind) and until when, signed with HMAC-SHA256 under a key only the server holds. Web Crypto
// (https://developer.mozilla.org/docs/Web/API/SubtleCrypto/verify) so it runs in Node and browsers alike;
// `subtle.verify` compares the MAC in constant time, so a forger learns nothing from how long a refusal
// takes. The signature is checked before anything in the token is parsed or trusted.

export type UnsubscribeKind = 'digest' | 'report';

export interface UnsubscribeClaims {
  member: string;
  team: string;
  kind: UnsubscribeKind;
  /** Epoch ms after which the link is refused. */
  expiresAt: number;
}

export type Verified =
  | { ok: true; claims: UnsubscribeClaims }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

const VERSION = 'u1';
const KINDS: readonly string[] = ['digest', 'report'] satisfies UnsubscribeKind[];
/** Long enough that last season's email still unsubscribes (CAN-SPAM asks for at least 30 days). */
export const UNSUBSCRIBE_TTL = 365 * 24 * 60 * 60 * 1000;
const MIN_KEY_BYTES = 32;

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    // Only the canonical spelling: spare bits in the last character would let one token have several forms.
    return toBase64Url(bytes) === text ? bytes : null;
  } catch {
    return null;
  }
}

/** The server's secret (at least 32 random bytes) as an HMAC-SHA256 key that can only sign and verify. */
export async function unsubscribeKey(secret: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  if (secret.byteLength < MIN_KEY_BYTES) {
    throw new Error(`The unsubscribe key must be at least ${MIN_KEY_BYTES} random bytes.`);
  }
  return crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

export async function signUnsubscribe(key: CryptoKey, claims: UnsubscribeClaims): Promise<string> {
  const payload = toBase64Url(
    encoder.encode(JSON.stringify([claims.member, claims.team, claims.kind, claims.expiresAt])),
  );
  const signed = `${VERSION}.${payload}`;
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(signed)));
  return `${signed}.${toBase64Url(mac)}`;
}

function claimsOf(payload: Uint8Array): UnsubscribeClaims | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (!Array.isArray(value) || value.length !== 4) return null;
    const [member, team, kind, expiresAt] = value as unknown[];
    if (typeof member !== 'string' || typeof team !== 'string') return null;
    if (typeof kind !== 'string' || !KINDS.includes(kind)) return null;
    if (typeof expiresAt !== 'number' || !Number.isSafeInteger(expiresAt)) return null;
    return { member, team, kind: kind as UnsubscribeKind, expiresAt };
  } catch {
    return null;
  }
}

/** A token from a link: genuine, unexpired and well formed, or why not. */
export async function verifyUnsubscribe(key: CryptoKey, token: string, now: number): Promise<Verified> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
  const mac = fromBase64Url(parts[2]!);
  const payload = fromBase64Url(parts[1]!);
  if (!mac || !payload || mac.byteLength !== 32) return { ok: false, reason: 'malformed' };
  const genuine = await crypto.subtle.verify('HMAC', key, mac, encoder.encode(`${parts[0]}.${parts[1]}`));
  if (!genuine) return { ok: false, reason: 'forged' };
  const claims = claimsOf(payload);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (now > claims.expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
