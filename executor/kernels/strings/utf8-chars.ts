/**
 * Character positions over UTF-8 bytes without decoding: every byte that is not a continuation
 * byte (10xxxxxx) starts a character (a Unicode code point, as Spark's UTF8String counts them).
 */

/** Characters in bytes [a, b). */
export function countChars(d: Uint8Array, a: number, b: number): number {
  let n = 0;
  for (let k = a; k < b; k++) n += (d[k]! & 0xc0) !== 0x80 ? 1 : 0;
  return n;
}

/** The byte offset of character `k` (0-based) of bytes [a, b); b when there are fewer. */
export function charOffset(d: Uint8Array, a: number, b: number, k: number): number {
  let p = a;
  while (k > 0 && p < b) {
    p++;
    while (p < b && (d[p]! & 0xc0) === 0x80) p++;
    k--;
  }
  return p;
}

/** The first byte offset ≥ from where needle [na, nb) of `nd` occurs in [from, b) of `d`, or -1. */
export function indexOfBytes(d: Uint8Array, from: number, b: number, nd: Uint8Array, na: number, nb: number): number {
  const len = nb - na;
  if (len === 0) return from;
  const first = nd[na]!;
  const last = b - len;
  outer: for (let p = from; p <= last; p++) {
    if (d[p] !== first) continue;
    for (let q = 1; q < len; q++) if (d[p + q] !== nd[na + q]) continue outer;
    return p;
  }
  return -1;
}

/** Whether bytes [a, a + len) of `d` equal [na, na + len) of `nd`. */
export function bytesEqual(d: Uint8Array, a: number, nd: Uint8Array, na: number, len: number): boolean {
  for (let q = 0; q < len; q++) if (d[a + q] !== nd[na + q]) return false;
  return true;
}

/** The code point that starts at byte `p` (bytes assumed valid UTF-8). */
export function codePointAt(d: Uint8Array, p: number): number {
  const x = d[p]!;
  if (x < 0x80) return x;
  if (x < 0xe0) return ((x & 0x1f) << 6) | (d[p + 1]! & 0x3f);
  if (x < 0xf0) return ((x & 0x0f) << 12) | ((d[p + 1]! & 0x3f) << 6) | (d[p + 2]! & 0x3f);
  return ((x & 0x07) << 18) | ((d[p + 1]! & 0x3f) << 12) | ((d[p + 2]! & 0x3f) << 6) | (d[p + 3]! & 0x3f);
}
