/**
 * hash(cols…): Spark's Murmur3 (x86, 32-bit, seed 42), chained across the arguments — each
 * non-null value is hashed with the running hash as its seed, a null leaves it unchanged. Values
 * are hashed as Spark does: int32/date/boolean as an int, int64/timestamp and doubles (by their
 * bits, -0.0 as 0.0 since Spark 3.2) as a long, strings by their UTF-8 bytes with Spark's own
 * handling of the tail bytes (one mix per byte, sign-extended). md5 / sha1 / sha2 hex digests of
 * a string's UTF-8 bytes use node:crypto.
 */
import { createHash } from "node:crypto";
import { type Col, type StrCol, flatCol } from "../batch.js";
import { isBigCol } from "./col-guards.js";
import type { Operand } from "./operand.js";
import { Utf8Writer } from "./utf8-writer.js";
import { type CallInfo, strOf } from "./library-args.js";

const C1 = 0xcc9e2d51 | 0;
const C2 = 0x1b873593;

function mixK1(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixH1(h: number, k: number): number {
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number, len: number): number {
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b | 0);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35 | 0);
  return h ^ (h >>> 16);
}

export function hashInt(x: number, seed: number): number {
  return fmix(mixH1(seed, mixK1(x)), 4);
}

export function hashLongWords(lo: number, hi: number, seed: number): number {
  return fmix(mixH1(mixH1(seed, mixK1(lo)), mixK1(hi)), 8);
}

export function hashBytes(d: Uint8Array, a: number, b: number, seed: number): number {
  const len = b - a;
  const aligned = a + len - (len % 4);
  let h = seed;
  for (let p = a; p < aligned; p += 4) h = mixH1(h, mixK1(d[p]! | (d[p + 1]! << 8) | (d[p + 2]! << 16) | (d[p + 3]! << 24)));
  for (let p = aligned; p < b; p++) h = mixH1(h, mixK1((d[p]! << 24) >> 24));
  return fmix(h, len);
}

const f64Scratch = new Float64Array(1);
const f64Words = new Int32Array(f64Scratch.buffer);

/**
 * @example
 * murmur3([x], n, info) // int32 1 → -559580957, as Spark's hash(1)
 */
export function murmur3(args: readonly Operand[], n: number, _info: CallInfo): Col {
  const h = new Int32Array(n).fill(42);
  for (const a of args) {
    const c = flatCol(a.col, "hash()");
    if (c.type === "null" || (a.isScalar && c.valid !== null && c.valid[0] === 0)) continue;
    const v = c.valid;
    const j = (i: number): number => (a.isScalar ? 0 : i);
    if (c.type === "utf8") hashStrings(h, c, a.isScalar, n);
    else if (isBigCol(c)) {
      const words = new Int32Array(c.values.buffer, c.values.byteOffset, c.values.length * 2);
      for (let i = 0; i < n; i++) if (v === null || v[j(i)] === 1) h[i] = hashLongWords(words[2 * j(i)]!, words[2 * j(i) + 1]!, h[i]!);
    } else if (c.type === "float64") {
      for (let i = 0; i < n; i++) {
        if (v !== null && v[j(i)] === 0) continue;
        const x = c.values[j(i)]!;
        f64Scratch[0] = x === 0 ? 0 : x !== x ? NaN : x; // -0.0 as 0.0; NaN canonical (doubleToLongBits)
        h[i] = hashLongWords(f64Words[0]!, f64Words[1]!, h[i]!);
      }
    } else {
      for (let i = 0; i < n; i++) if (v === null || v[j(i)] === 1) h[i] = hashInt(c.values[j(i)]!, h[i]!);
    }
  }
  return { type: "int32", values: h, valid: null };
}

function hashStrings(h: Int32Array, s: StrCol, scalar: boolean, n: number): void {
  const v = s.valid;
  const o = s.offsets;
  for (let i = 0; i < n; i++) {
    const j = scalar ? 0 : i;
    if (v !== null && v[j] === 0) continue;
    h[i] = hashBytes(s.data, o[j]!, o[j + 1]!, h[i]!);
  }
}

/**
 * md5(str), sha1(str), sha2(str, bits): lowercase hex; sha2 with an unknown bit length is NULL.
 * @example
 * digest([s], n, { fn: "md5", … }) // "" → "d41d8cd98f00b204e9800998ecf8427e"
 */
export function digest(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  let algo = info.fn;
  if (info.fn === "sha2") {
    const b = args[1]!.col;
    const bits = b.type === "int32" ? b.values[0]! : -1;
    algo = bits === 0 ? "sha256" : `sha${bits}`;
    if (![0, 224, 256, 384, 512].includes(bits)) return { type: "utf8", offsets: new Int32Array(n + 1), data: new Uint8Array(0), valid: new Uint8Array(n) };
  }
  const w = new Utf8Writer(n, n * 64);
  const v = s.valid;
  const o = s.offsets;
  for (let i = 0; i < n; i++) {
    if (v !== null && v[i] === 0) w.empty();
    else w.ascii(createHash(algo).update(s.data.subarray(o[i]!, o[i + 1]!)).digest("hex"));
  }
  return w.finish(v);
}
