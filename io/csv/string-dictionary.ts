/**
 * Dictionary encoding of a CSV string column while it is decoded: each field's bytes are hashed as
 * they are scanned and looked up in an open-addressing table over typed arrays, so a repeated
 * string costs a probe, not a copy, and the split's batches share one dictionary (ids in order of
 * first appearance). Group-bys, joins and cache() then work on the codes without hashing each
 * string again. A column with too many distinct strings gives the dictionary up (see
 * MAX_DICTIONARY) and is decoded as plain strings.
 */

/** FNV-1a's offset basis and prime: the scan loop folds each byte in as `h = imul(h ^ byte, PRIME)`. */
export const FNV_BASIS = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/**
 * Distinct strings a split may have before its column is decoded plain. Past it the table leaves
 * the CPU cache and every read pays for probing it, cached or not: db-benchmark's G1 CSV at 1e7
 * read into cache() took ~1.45 s with id3 (100,000 strings) plain, ~1.75 s with a 2^18 limit that
 * encodes it. cache() allows 2^18 (executor/hash/dictionary-encode.ts) — paid once for every later
 * query — but takes this reader's judgement for the columns it declined.
 */
export const MAX_DICTIONARY = 1 << 16;

/**
 * A column is judged early, when it has this many rows: if its distinct strings there point to
 * more than the dictionary can hold (`estimateDistinct`), it is decoded plain from there on.
 * db-benchmark's id3 (100,000 distinct, random) has ~7,900 distinct in its first 8,192 rows: an
 * estimated ~110,000, given up at once, where filling a 2^16-entry dictionary first cost more
 * than the dictionary saves on id1 and id2. A join key with 10,000 distinct (~5,600 in the
 * sample) is kept.
 */
export const JUDGE_ROWS = 1 << 13;

/**
 * The number of distinct values D of a column whose first `rows` rows hold `distinct` of them,
 * assuming values drawn uniformly from D: the D with D·(1 − e^(−rows/D)) = distinct (the expected
 * distinct count of `rows` draws). Infinity when every sampled value is distinct. Values that
 * come in runs (sorted data) look like fewer than they are; values that cycle through a long
 * period look like more — such a column is left plain, as Spark's cache, which judges each
 * 10,000-row batch on itself, would leave it.
 */
export function estimateDistinct(rows: number, distinct: number): number {
  if (distinct >= rows) return Infinity;
  if (distinct <= 1) return distinct;
  let lo = distinct;
  let hi = distinct;
  const expected = (d: number) => d * -Math.expm1(-rows / d);
  while (expected(hi) < distinct) hi *= 2;
  for (let k = 0; k < 50 && hi - lo > 0.5; k++) {
    const mid = (lo + hi) / 2;
    if (expected(mid) < distinct) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** FNV-1a of src[s, e), as the fused scan computes it. */
export function fnv1a(src: Uint8Array, s: number, e: number): number {
  let h = FNV_BASIS;
  for (let k = s; k < e; k++) h = Math.imul(h ^ src[k]!, FNV_PRIME);
  return h;
}

export class StringDictionary {
  size = 0;
  /** UTF-8 bytes of the strings, back to back; string i is bytes[offsets[i], offsets[i + 1]). */
  bytes = new Uint8Array(1024);
  byteLen = 0;
  offsets = new Int32Array(257);
  private hashes = new Int32Array(256);
  /** code + 1 per slot, 0 = empty; at most half full. */
  private slots = new Int32Array(512);
  private mask = 511;

  constructor(private readonly limit = MAX_DICTIONARY) {}

  /**
   * The code of src[s, e) (whose FNV-1a is `fnv`), added if new; -1 when it is new and the
   * dictionary is full.
   */
  intern(src: Uint8Array, s: number, e: number, fnv: number): number {
    // FNV-1a's low bits are weak for short keys that differ in their last byte: mix them.
    let h = fnv ^ (fnv >>> 16);
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    const n = e - s;
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const entry = slots[i]!;
      if (entry === 0) break;
      const code = entry - 1;
      if (this.hashes[code] === h) {
        const o = this.offsets[code]!;
        if (this.offsets[code + 1]! - o === n) {
          const bytes = this.bytes;
          let k = 0;
          while (k < n && bytes[o + k] === src[s + k]) k++;
          if (k === n) return code;
        }
      }
      i = (i + 1) & mask;
    }
    if (this.size >= this.limit) return -1;
    return this.add(src, s, e, h, i);
  }

  private add(src: Uint8Array, s: number, e: number, h: number, slot: number): number {
    const code = this.size++;
    const n = e - s;
    if (this.byteLen + n > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.byteLen + n, this.bytes.length * 2));
      next.set(this.bytes.subarray(0, this.byteLen));
      this.bytes = next;
    }
    const bytes = this.bytes;
    let at = this.byteLen;
    for (let k = s; k < e; k++) bytes[at++] = src[k]!;
    this.byteLen = at;
    if (code + 2 > this.offsets.length) {
      const o = new Int32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
    }
    if (code >= this.hashes.length) {
      const hs = new Int32Array(this.hashes.length * 2);
      hs.set(this.hashes);
      this.hashes = hs;
    }
    this.offsets[code + 1] = at;
    this.hashes[code] = h;
    this.slots[slot] = code + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 0; code < this.size; code++) {
      let i = this.hashes[code]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = code + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
