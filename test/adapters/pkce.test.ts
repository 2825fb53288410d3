// PKCE S256 and state helpers (RFC 7636).
import { describe, expect, it } from 'vitest';
import { createPkce, createState, pkceChallenge } from '../../adapters/connection.ts';
import { webCryptoChallenge } from '../../adapters/pkce.ts';

describe('PKCE and state', () => {
  it('pkceChallenge matches the RFC 7636 Appendix B example', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('pkceChallenge under Node gives what WebCrypto gives (the extension computes it with WebCrypto)', async () => {
    for (const verifier of [
      'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      (await createPkce()).verifier,
      'é~.ü',
    ]) {
      expect(await pkceChallenge(verifier)).toBe(await webCryptoChallenge(verifier));
    }
  });

  it('createPkce gives a 43-character base64url verifier and its S256 challenge, fresh each time', async () => {
    const first = await createPkce();
    const second = await createPkce();
    expect(first.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.challenge).toBe(await pkceChallenge(first.verifier));
    expect(second.verifier).not.toBe(first.verifier);
  });

  it('createState is url-safe and unguessable (no repeats)', () => {
    const states = new Set(Array.from({ length: 100 }, createState));
    expect(states.size).toBe(100);
    for (const state of states) expect(state).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
