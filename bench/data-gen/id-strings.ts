/**
 * The db-benchmark's string keys are all "id" + a number (zero-padded or not). Writing them
 * byte by byte from the Int32Array of numbers skips a JavaScript string and a TextEncoder call per
 * value, which was most of the time of generating 1e7 rows.
 */
import { Utf8, makeData, type Data } from "apache-arrow";

/** Widest "id" + int32 in bytes: 2 + 10 digits (or the padding width, if larger). */
const maxIdBytes = (width: number): number => 2 + Math.max(10, width);

/**
 * Writes "id" + `value` (zero-padded to `width` digits; 0 = no padding) at `pos`; returns the end.
 * @example writeIdAscii(buf, 0, 7, 3) // "id007", returns 5
 */
export function writeIdAscii(buf: Uint8Array, pos: number, value: number, width: number): number {
  buf[pos++] = 0x69; // i
  buf[pos++] = 0x64; // d
  return writeUintAscii(buf, pos, value, width);
}

/** Writes a non-negative integer in decimal, zero-padded to `width` digits; returns the end. */
export function writeUintAscii(buf: Uint8Array, pos: number, value: number, width: number): number {
  let digits = 1;
  for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
  const len = Math.max(digits, width);
  let v = value;
  for (let i = pos + len - 1; i >= pos; i--) {
    buf[i] = 0x30 + (v % 10);
    v = Math.floor(v / 10);
  }
  return pos + len;
}

/**
 * An Arrow Utf8 column of "id" + each value.
 * @example idUtf8(Int32Array.of(1, 20), 3) // ["id001", "id020"]
 */
export function idUtf8(values: Int32Array, width = 0): Data<Utf8> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  let bytes = new Uint8Array(n * (2 + Math.max(width, 4)) + maxIdBytes(width));
  let pos = 0;
  for (let i = 0; i < n; i++) {
    if (pos + maxIdBytes(width) > bytes.length) {
      const grown = new Uint8Array(bytes.length * 2);
      grown.set(bytes.subarray(0, pos));
      bytes = grown;
    }
    pos = writeIdAscii(bytes, pos, values[i] as number, width);
    offsets[i + 1] = pos;
  }
  return makeData({ type: new Utf8(), length: n, nullCount: 0, valueOffsets: offsets, data: bytes.subarray(0, pos) });
}
