/**
 * Builds the offsets and bytes of an n-row utf8 result, one row per call, with validity supplied
 * separately by the kernel (a null row is written as an empty slot). Encodes JS strings by hand
 * with `charCodeAt`, so a row costs no allocation (TextEncoder.encode allocates per call).
 */
import type { StrCol, Validity } from "../batch.js";

export class Utf8Writer {
  private data: Uint8Array;
  private readonly offsets: Int32Array;
  private row = 0;
  private pos = 0;

  constructor(rows: number, byteCapacity = rows * 8) {
    this.offsets = new Int32Array(rows + 1);
    this.data = new Uint8Array(Math.max(16, byteCapacity));
  }

  private reserve(extra: number): void {
    if (this.pos + extra <= this.data.length) return;
    const d = new Uint8Array(Math.max(this.data.length * 2, this.pos + extra));
    d.set(this.data.subarray(0, this.pos));
    this.data = d;
  }

  /** Ends the current row (after `put*` calls). */
  end(): void {
    this.offsets[++this.row] = this.pos;
  }

  /** An empty row; also what a null row is. */
  empty(): void {
    this.offsets[++this.row] = this.pos;
  }

  /** Appends a string known to be ASCII (numbers, dates) and ends the row. */
  ascii(s: string): void {
    const len = s.length;
    this.reserve(len);
    const d = this.data;
    let p = this.pos;
    for (let k = 0; k < len; k++) d[p++] = s.charCodeAt(k);
    this.pos = p;
    this.end();
  }

  /** Appends any string as UTF-8 (lone surrogates become U+FFFD, as TextEncoder does) and ends the row. */
  text(s: string): void {
    this.putText(s);
    this.end();
  }

  /** Appends bytes [a, b) of `src` to the current row without ending it. */
  putBytes(src: Uint8Array, a: number, b: number): void {
    this.reserve(b - a);
    const d = this.data;
    let p = this.pos;
    for (let q = a; q < b; q++) d[p++] = src[q]!;
    this.pos = p;
  }

  /** Appends a string to the current row without ending it. */
  putText(s: string): void {
    const len = s.length;
    this.reserve(len * 3);
    const d = this.data;
    let p = this.pos;
    for (let k = 0; k < len; k++) {
      let c = s.charCodeAt(k);
      if (c < 0x80) {
        d[p++] = c;
        continue;
      }
      if (c < 0x800) {
        d[p++] = 0xc0 | (c >> 6);
        d[p++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = k + 1 < len ? s.charCodeAt(k + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          k++;
          d[p++] = 0xf0 | (c >> 18);
          d[p++] = 0x80 | ((c >> 12) & 0x3f);
          d[p++] = 0x80 | ((c >> 6) & 0x3f);
          d[p++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      d[p++] = 0xe0 | (c >> 12);
      d[p++] = 0x80 | ((c >> 6) & 0x3f);
      d[p++] = 0x80 | (c & 0x3f);
    }
    this.pos = p;
  }

  finish(valid: Validity): StrCol {
    return { type: "utf8", offsets: this.offsets, data: this.data.subarray(0, this.pos), valid };
  }
}
