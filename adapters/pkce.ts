// OAuth flow helpers: PKCE S256 (RFC 7636) and the anti-CSRF state, with WebCrypto only, so the same code
// runs in the extension's service worker, its pages and Node.

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(byteLength: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** What this file uses of node:crypto (declared here: adapters/ imports nothing from Node). */
interface NodeSha256 {
  createHash(algorithm: 'sha256'): {
    update(data: string, encoding: 'utf8'): { digest(encoding: 'base64url'): string };
  };
}

/**
 * Node's own SHA-256 where the runtime is Node (the simulator, the team server): there WebCrypto's digest is
 * a thread-pool job, about 90 µs against 4 µs (measured on Node 24, issue #20: every connect and refresh of
 * a connection makes one). Undefined in the extension, which has WebCrypto only.
 */
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: 'node:crypto') => NodeSha256 | undefined } }
).process?.getBuiltinModule?.('node:crypto');

/** BASE64URL(SHA-256(verifier)), RFC 7636 §4.2. */
export async function pkceChallenge(verifier: string): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(verifier, 'utf8').digest('base64url');
  return webCryptoChallenge(verifier);
}

/** pkceChallenge with WebCrypto, as the extension computes it (exported for the test that both agree). */
export async function webCryptoChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** A fresh verifier (32 random bytes = 43 characters, the RFC's minimum length) and its S256 challenge. */
export async function createPkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomString(32);
  return { verifier, challenge: await pkceChallenge(verifier) };
}

/** An unguessable `state` to bind the redirect to the request that started it. */
export function createState(): string {
  return randomString(16);
}
