/**
 * upper / lower. When a batch's bytes are all ASCII (checked once per batch) the bytes are mapped
 * in place of a copy and the offsets are shared; otherwise each row is decoded and mapped with
 * JS's Unicode default case mapping (what Java's toUpperCase does in a neutral locale, "ß" → "SS").
 */
import { type Col, type StrCol, nullCol } from "../batch.js";
import { Utf8Writer } from "./utf8-writer.js";

const decoder = new TextDecoder();

/**
 * @example
 * changeCase("upper", strCol) // ["abc", "straße"] → ["ABC", "STRASSE"]
 */
export function changeCase(fn: "upper" | "lower", c: Col): Col {
  if (c.type === "null") return nullCol("utf8", c.values.length);
  if (c.type !== "utf8") throw new Error(`internal: ${fn} of ${c.type}`);
  const n = c.offsets.length - 1;
  const a = c.offsets[0]!;
  const b = c.offsets[n]!;
  if (isAscii(c.data, a, b)) {
    const data = c.data.slice(0, b); // offsets index from 0: keep them valid as they are
    if (fn === "upper") asciiUpper(data, a, b);
    else asciiLower(data, a, b);
    return { type: "utf8", offsets: c.offsets, data, valid: c.valid };
  }
  return mapRows(fn, c, n);
}

function isAscii(d: Uint8Array, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (d[k]! >= 0x80) return false;
  return true;
}

function asciiUpper(d: Uint8Array, a: number, b: number): void {
  for (let k = a; k < b; k++) {
    const x = d[k]!;
    if (x >= 0x61 && x <= 0x7a) d[k] = x - 32;
  }
}

function asciiLower(d: Uint8Array, a: number, b: number): void {
  for (let k = a; k < b; k++) {
    const x = d[k]!;
    if (x >= 0x41 && x <= 0x5a) d[k] = x + 32;
  }
}

function mapRows(fn: "upper" | "lower", c: StrCol, n: number): StrCol {
  const o = c.offsets;
  const w = new Utf8Writer(n, o[n]! - o[0]! + 16);
  const v = c.valid;
  const upper = fn === "upper";
  for (let i = 0; i < n; i++) {
    if (v !== null && v[i] === 0) {
      w.empty();
      continue;
    }
    const s = decoder.decode(c.data.subarray(o[i]!, o[i + 1]!));
    w.text(upper ? s.toUpperCase() : s.toLowerCase());
  }
  return w.finish(v);
}
