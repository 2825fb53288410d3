// Secrets at rest and in flight: AES-256-GCM for OAuth tokens (NIST SP 800-38D: a fresh 96-bit IV per
// message, the 128-bit tag checked on the way out), SHA-256 for member tokens, invite codes and OAuth
// `state` (only the hash is stored, so a database dump signs nobody in), and 256-bit random secrets.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hash,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_FILE = 'token-key';

/** A random secret of `bytes` bytes, base64url (member tokens: 32 bytes = 256 bits). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  // The one-shot hash: a member token is hashed on every request (https://nodejs.org/api/crypto.html#cryptohashalgorithm-data-options).
  return hash('sha256', text, 'base64url');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A deterministic UUID (v8 layout, RFC 9562 §5.8) from a name: the same job id in every process. */
export function uuidFrom(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class Sealer {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('The token key must be 32 bytes (base64 of 32 random bytes).');
    this.key = key;
  }

  /** iv.tag.ciphertext, each base64url; `aad` binds the ciphertext to its row (team and account). */
  seal(plain: string, aad: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  open(sealed: string, aad: string): string {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    if (!iv || !tag || !body) throw new Error('A stored token is damaged (not iv.tag.ciphertext).');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}

/**
 * The token key: TOKEN_KEY (base64 of 32 bytes) when set; otherwise, for the embedded database, a key
 * generated once into the data folder with mode 0600. A shared PostgreSQL needs TOKEN_KEY, so that every
 * process (and a restored backup) can read the tokens.
 */
export function loadKey(opts: { tokenKey: string | null; dataDir: string | null }): Buffer {
  if (opts.tokenKey) {
    const key = Buffer.from(opts.tokenKey, 'base64');
    if (key.length !== 32)
      throw new Error('TOKEN_KEY must be base64 of 32 bytes; make one with: openssl rand -base64 32');
    return key;
  }
  if (!opts.dataDir)
    throw new Error(
      'Set TOKEN_KEY (base64 of 32 bytes, e.g. `openssl rand -base64 32`) when using DATABASE_URL: every server process needs the same key to read the stored tokens.',
    );
  const file = join(opts.dataDir, KEY_FILE);
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
