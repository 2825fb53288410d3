// Deterministic randomness for the mock world. Every generated value is a pure function of a key string
// (seed + account + purpose + counter), so the same seed and the same calls give byte-identical tokens, codes and
// ids, whatever the order in which other accounts are touched. No Math.random, no crypto: this must replay.

/** 32-bit FNV-1a over UTF-16 code units; good enough to spread keys, not for security. */
export function hash32(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function prng(key: string): () => number {
  let a = hash32(key);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const B64URL = `${ALNUM}-_`;
export const DIGITS = '0123456789';
export const HEX = '0123456789abcdef';

/**
 * `length` characters of `alphabet`, each picked by the next draw of prng(key). The characters are gathered
 * as codes and made into one flat string at the end: appending them one by one built a chain of hundreds of
 * string pieces per token, flattened again by every Map lookup of the token (tokens are minted on every
 * refresh, a few hundred thousand times in a year of the README's scale scenario).
 */
export function randomString(key: string, length: number, alphabet: string = ALNUM): string {
  const next = prng(key);
  const codes = new Array<number>(length);
  for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(Math.floor(next() * alphabet.length));
  return String.fromCharCode(...codes);
}

/** A numeric id of `length` digits that never starts with 0 (Graph/X ids are decimal strings). */
export function numericId(key: string, length: number, prefix = ''): string {
  const body = randomString(key, length - prefix.length, DIGITS);
  return prefix === '' && body.startsWith('0') ? `1${body.slice(1)}` : prefix + body;
}
