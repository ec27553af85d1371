/**
 * reverse, initcap, replace, translate (strings in, strings out) and ascii, octet_length,
 * bit_length (strings in, int32 out).
 */
import type { Col } from "../../batch.js";
import type { Operand } from "../operand.js";
import { Utf8Writer } from "../utf8-writer.js";
import { type CallInfo, allValid, scalarString, strOf } from "../library-args.js";
import { codePointAt, indexOfBytes } from "./utf8-chars.js";

const decoder = new TextDecoder();

/**
 * Characters in reverse order; every row keeps its byte length, so the offsets are the input's.
 * @example
 * reverse([s], n, info) // "日本a" → "a本日"
 */
export function reverse(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  const o = s.offsets;
  const d = s.data;
  const base = o[0]!;
  const out = new Uint8Array(o[n]! - base);
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const a = o[i]!;
    const b = o[i + 1]!;
    offsets[i + 1] = b - base;
    let p = a;
    while (p < b) {
      let q = p + 1;
      while (q < b && (d[q]! & 0xc0) === 0x80) q++;
      // Character [p, q) lands at the mirrored place of the row.
      let dst = b - base - (q - a);
      for (let k = p; k < q; k++) out[dst++] = d[k]!;
      p = q;
    }
  }
  return { type: "utf8", offsets, data: out, valid: s.valid };
}

/**
 * Spark's initcap: the string in lower case, then each character after a space (and the first)
 * in upper case.
 * @example
 * initcap([s], n, info) // "hELLO wORLD" → "Hello World"
 */
export function initcap(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  const valid = s.valid;
  const o = s.offsets;
  const w = new Utf8Writer(n, o[n]! - o[0]! + 16);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      w.empty();
      continue;
    }
    const lower = decoder.decode(s.data.subarray(o[i]!, o[i + 1]!)).toLowerCase();
    let out = "";
    let start = true;
    for (const ch of lower) {
      out += start ? ch.toUpperCase() : ch;
      start = ch === " ";
    }
    w.text(out);
  }
  return w.finish(valid);
}

/**
 * replace(str, search[, replacement]): every occurrence, left to right; an empty search leaves
 * the string as it is.
 * @example
 * replace([s, lit("a"), lit("é")], n, info) // "banana" → "bénéné"
 */
export function replace(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  const t = strOf(args[1], info.fn);
  const r = args[2] ? strOf(args[2], info.fn) : null;
  const tScalar = args[1]!.isScalar;
  const rScalar = args[2] ? args[2].isScalar : true;
  const valid = allValid(args, n);
  const o = s.offsets;
  const d = s.data;
  const w = new Utf8Writer(n, o[n]! - o[0]! + 16);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      w.empty();
      continue;
    }
    const a = o[i]!;
    const b = o[i + 1]!;
    const ti = tScalar ? 0 : i;
    const ta = t.offsets[ti]!;
    const tb = t.offsets[ti + 1]!;
    if (ta === tb) {
      w.putBytes(d, a, b);
      w.end();
      continue;
    }
    const ri = rScalar ? 0 : i;
    let p = a;
    for (let hit = indexOfBytes(d, p, b, t.data, ta, tb); hit >= 0; hit = indexOfBytes(d, p, b, t.data, ta, tb)) {
      w.putBytes(d, p, hit);
      if (r !== null) w.putBytes(r.data, r.offsets[ri]!, r.offsets[ri + 1]!);
      p = hit + (tb - ta);
    }
    w.putBytes(d, p, b);
    w.end();
  }
  return w.finish(valid);
}

/**
 * translate(str, matching, replace): each character of `matching` becomes the character at the
 * same place in `replace`, or is removed when `replace` is shorter; the first occurrence of a
 * repeated character wins (Spark's StringTranslate).
 * @example
 * translate([s, lit("abc"), lit("x")], n, info) // "aabbcc" → "xx"
 */
export function translate(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  const from = [...scalarString(args[1], info.fn)];
  const to = [...scalarString(args[2], info.fn)];
  const map = new Map<string, string>();
  from.forEach((ch, k) => {
    if (!map.has(ch)) map.set(ch, to[k] ?? "");
  });
  const valid = s.valid;
  const o = s.offsets;
  const w = new Utf8Writer(n, o[n]! - o[0]! + 16);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      w.empty();
      continue;
    }
    let out = "";
    for (const ch of decoder.decode(s.data.subarray(o[i]!, o[i + 1]!))) out += map.get(ch) ?? ch;
    w.text(out);
  }
  return w.finish(valid);
}

/**
 * ascii(str): the code point of the first character (0 for ""); octet_length: bytes;
 * bit_length: bits.
 * @example
 * stringMeasure([s], n, { fn: "ascii", … }) // "é" → 233
 */
export function stringMeasure(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  const o = s.offsets;
  const out = new Int32Array(n);
  if (info.fn === "ascii") {
    for (let i = 0; i < n; i++) out[i] = o[i] === o[i + 1] ? 0 : codePointAt(s.data, o[i]!);
  } else {
    const scale = info.fn === "bit_length" ? 8 : 1;
    for (let i = 0; i < n; i++) out[i] = (o[i + 1]! - o[i]!) * scale;
  }
  return { type: "int32", values: out, valid: s.valid };
}
