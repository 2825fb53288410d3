// One-click unsubscribe links: a genuine link verifies without signing in; a changed, foreign, expired
// or malformed one is refused, and so is a link for one kind used for another.
import { describe, expect, it } from 'vitest';
import {
  signUnsubscribe,
  UNSUBSCRIBE_TTL,
  type UnsubscribeClaims,
  unsubscribeKey,
  verifyUnsubscribe,
} from '../../runtime/email/token.ts';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const secret = (fill: number) => new Uint8Array(32).fill(fill);
const claims: UnsubscribeClaims = {
  member: 'bjorn',
  team: 'team-1',
  kind: 'digest',
  expiresAt: NOW + UNSUBSCRIBE_TTL,
};

/** base64url of a JSON value, as a forger would write a payload. */
const encode = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('unsubscribe tokens', () => {
  it('S7: a genuine link verifies, with who, which team and what to stop', async () => {
    const key = await unsubscribeKey(secret(7));
    const token = await signUnsubscribe(key, claims);
    expect(token).toMatch(/^u1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyUnsubscribe(key, token, NOW)).toEqual({ ok: true, claims });
  });

  it('S7: a tampered link is refused: another member, another kind, or a flipped signature', async () => {
    const key = await unsubscribeKey(secret(7));
    const token = await signUnsubscribe(key, claims);
    const [version, , mac] = token.split('.');
    const otherMember = `${version}.${encode(['ada', 'team-1', 'digest', claims.expiresAt])}.${mac}`;
    const otherKind = `${version}.${encode(['bjorn', 'team-1', 'report', claims.expiresAt])}.${mac}`;
    const longer = `${version}.${encode(['bjorn', 'team-1', 'digest', claims.expiresAt + 1])}.${mac}`;
    // One character in the middle of the MAC: all six of its bits are signature bits.
    const at = token.length - 20;
    const flipped = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    for (const forged of [otherMember, otherKind, longer, flipped]) {
      expect(await verifyUnsubscribe(key, forged, NOW)).toEqual({ ok: false, reason: 'forged' });
    }
  });

  it('S7: a link signed by another server (another key) is refused', async () => {
    const ours = await unsubscribeKey(secret(7));
    const theirs = await unsubscribeKey(secret(8));
    const token = await signUnsubscribe(theirs, claims);
    expect(await verifyUnsubscribe(ours, token, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  it('S7: an expired link is refused after its expiry, and accepted up to it', async () => {
    const key = await unsubscribeKey(secret(7));
    const token = await signUnsubscribe(key, { ...claims, expiresAt: NOW });
    expect((await verifyUnsubscribe(key, token, NOW)).ok).toBe(true);
    expect(await verifyUnsubscribe(key, token, NOW + 1)).toEqual({ ok: false, reason: 'expired' });
  });

  it.each([
    ['empty', ''],
    ['no signature', 'u1.abc'],
    ['another version', 'u2.abc.def'],
    ['not base64url', 'u1.a+b/c.def'],
    ['a short signature', `u1.${encode(['a', 'b', 'digest', 1])}.AAAA`],
    // 43 characters carry 258 bits for a 256-bit MAC: a last character with its spare bits set is not canonical.
    ['a non-canonical signature', `u1.${encode(['a', 'b', 'digest', 1])}.${'A'.repeat(42)}B`],
  ])('a malformed link (%s) is refused', async (_, token) => {
    const key = await unsubscribeKey(secret(7));
    expect(await verifyUnsubscribe(key, token, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('a key shorter than 32 bytes is refused', async () => {
    await expect(unsubscribeKey(new Uint8Array(16))).rejects.toThrow('at least 32 random bytes');
  });
});
