/**
 * Null-handling conditionals (nullif, nvl/ifnull, nvl2, if/iff) and hashes end to end, as
 * DataFrame functions and as SQL, with 1 worker and with 4. hash() is checked against a
 * Murmur3_x86_32 written here over bytes (verified first on published test vectors), fed the bytes
 * Spark feeds it: an int's 4 and a long's 8 little-endian bytes, a double's bits, a string's UTF-8
 * with Spark's per-byte tail; md5/sha come from node:crypto directly.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Session, col, hash, iff, ifnull, lit, md5, nullif, nvl, nvl2, sha1, sha2, type DataFrame, type Row,
} from "../../src/index.js";
import { type FnCase, checkCases } from "../helpers/function-cases.js";

/** Murmur3_x86_32 over bytes; `sparkTail` mixes each tail byte alone, sign-extended (Spark's hashUnsafeBytes). */
function murmur(bytes: Uint8Array, seed: number, sparkTail = false): number {
  const rotl = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;
  const mul = (a: number, b: number) => Math.imul(a, b) >>> 0;
  const mixK = (k: number) => mul(rotl(mul(k, 0xcc9e2d51), 15), 0x1b873593);
  let h = seed >>> 0;
  const blocks = bytes.length >> 2;
  for (let b = 0; b < blocks; b++) {
    const k = bytes[4 * b]! | (bytes[4 * b + 1]! << 8) | (bytes[4 * b + 2]! << 16) | (bytes[4 * b + 3]! << 24);
    h = (mul(rotl(h ^ mixK(k), 13), 5) + 0xe6546b64) >>> 0;
  }
  const tail = bytes.subarray(blocks * 4);
  if (sparkTail) {
    for (const byte of tail) h = (mul(rotl(h ^ mixK((byte << 24) >> 24), 13), 5) + 0xe6546b64) >>> 0;
  } else if (tail.length > 0) {
    let k = 0;
    for (let t = tail.length - 1; t >= 0; t--) k = (k << 8) | tail[t]!;
    h = (h ^ mixK(k)) >>> 0;
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = mul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = mul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

const le = (n: number, bytes: 4 | 8, value: bigint): Uint8Array => {
  const b = new Uint8Array(bytes);
  for (let k = 0; k < bytes; k++) b[k] = Number((value >> BigInt(8 * k)) & 0xffn);
  return b;
};
const sparkInt = (v: number, seed: number) => murmur(le(0, 4, BigInt(v)), seed);
const sparkLong = (v: bigint, seed: number) => murmur(le(0, 8, BigInt.asUintN(64, v)), seed);
const sparkDouble = (v: number, seed: number) => {
  const f = new Float64Array([v === 0 ? 0 : v]);
  return sparkLong(new BigInt64Array(f.buffer)[0]!, seed);
};
const sparkString = (s: string, seed: number) => murmur(new TextEncoder().encode(s), seed, true);

interface R {
  id: number;
  a: number | null;
  b: number | null;
  s: string | null;
  x: number | null;
  l: bigint | null;
  f: boolean | null;
}

const STRS = ["", "a", "ab", "abc", "abcd", "abcde", "é", "日本", "😀", "Spark", null];
const XS = [0, -0, 1.5, -2.25, NaN, 1e300, null];
const rows: R[] = Array.from({ length: 44 }, (_, id) => ({
  id,
  a: id % 5 === 0 ? null : (id % 4) - 1,
  b: id % 3 === 0 ? null : id,
  s: STRS[id % STRS.length]!,
  x: XS[id % XS.length]!,
  l: id % 6 === 0 ? null : BigInt(id) * -123456789012n,
  f: id % 7 === 0 ? null : id % 2 === 0,
}));

const cases: FnCase<R>[] = [
  { name: "nullif", df: nullif("a", lit(1)), sql: "nullif(a, 1)", expect: (r) => (r.a === 1 ? null : r.a) },
  { name: "nvl", df: nvl("a", "b"), sql: "nvl(a, b)", expect: (r) => r.a ?? r.b },
  { name: "ifnull", df: ifnull("a", "b"), sql: "ifnull(a, b)", expect: (r) => r.a ?? r.b },
  { name: "nvl2", df: nvl2("a", "b", lit(-1)), sql: "nvl2(a, b, -1)", expect: (r) => (r.a !== null ? r.b : -1) },
  { name: "if", df: iff(col("a").gt(0), "pos", "not"), sql: "if(a > 0, 'pos', 'not')", expect: (r) => (r.a !== null && r.a > 0 ? "pos" : "not") },
  { name: "iff", df: iff(col("a").gt(0), col("b"), lit(null)), sql: "iff(a > 0, b, NULL)", expect: (r) => (r.a !== null && r.a > 0 ? r.b : null) },
  { name: "hash int", df: hash("a"), sql: "hash(a)", expect: (r) => (r.a === null ? 42 : sparkInt(r.a, 42)) },
  { name: "hash string", df: hash("s"), sql: "hash(s)", expect: (r) => (r.s === null ? 42 : sparkString(r.s, 42)) },
  { name: "hash double", df: hash("x"), sql: "hash(x)", expect: (r) => (r.x === null ? 42 : sparkDouble(r.x, 42)) },
  { name: "hash long", df: hash("l"), sql: "hash(l)", expect: (r) => (r.l === null ? 42 : sparkLong(r.l, 42)) },
  { name: "hash boolean", df: hash("f"), sql: "hash(f)", expect: (r) => (r.f === null ? 42 : sparkInt(r.f ? 1 : 0, 42)) },
  {
    name: "hash of several columns",
    df: hash("a", "s", "l"),
    sql: "hash(a, s, l)",
    expect: (r) => {
      let h = 42;
      if (r.a !== null) h = sparkInt(r.a, h);
      if (r.s !== null) h = sparkString(r.s, h);
      if (r.l !== null) h = sparkLong(r.l, h);
      return h;
    },
  },
  { name: "md5", df: md5("s"), sql: "md5(s)", expect: (r) => (r.s === null ? null : createHash("md5").update(r.s).digest("hex")) },
  { name: "sha1", df: sha1("s"), sql: "sha(s)", expect: (r) => (r.s === null ? null : createHash("sha1").update(r.s).digest("hex")) },
  { name: "sha2 256", df: sha2("s", 256), sql: "sha2(s, 256)", expect: (r) => (r.s === null ? null : createHash("sha256").update(r.s).digest("hex")) },
  { name: "sha2 512", df: sha2("s", 512), sql: "sha2(s, 512)", expect: (r) => (r.s === null ? null : createHash("sha512").update(r.s).digest("hex")) },
];

describe("the test's Murmur3", () => {
  it("gives the published Murmur3_x86_32 vectors", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(murmur(enc(""), 0) >>> 0).toBe(0);
    expect(murmur(enc(""), 1) >>> 0).toBe(0x514e28b7);
    expect(murmur(enc("test"), 0) >>> 0).toBe(0xba6bd213);
    expect(murmur(enc("Hello, world!"), 0x9747b28c) >>> 0).toBe(0x24884cba);
    expect(murmur(enc("The quick brown fox jumps over the lazy dog"), 0x9747b28c) >>> 0).toBe(0x2fa826cd);
  });
});

describe.each([1, 4])("conditionals and hashes with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers });
    df = session.createDataFrame(rows as unknown as Row[], { partitions: 4 });
  });
  afterAll(async () => {
    await session.stop();
  });

  it("match plain JavaScript", async () => {
    await checkCases(df, rows, cases);
  });

  it("hash gives Spark's published values", async () => {
    // Spark: SELECT hash(1) = -559580957; hash(NULL) keeps the seed, 42.
    const [r] = await session.createDataFrame([{ id: 0 }]).selectExpr("hash(1) AS a", "hash(NULL) AS b", "hash(1, NULL) AS c").collect();
    expect(r).toEqual({ a: -559580957, b: 42, c: -559580957 });
  });
});
