/**
 * Columnar storage for the distinct keys of a KeyTable: one store per key column, growing by
 * doubling. A store builds, once per batch, a matcher `(row, key) => equal` bound to that batch's
 * column, so the probe loop never switches on the type. Key equality is SQL grouping equality:
 * null equals null, float64 -0 equals 0 and NaN equals NaN (as Spark normalizes floating keys).
 */
import type { Col, StrCol } from "../batch.js";
import type { DataType } from "../../planner/types.js";
import { growArray as grow } from "./grow-array.js";
import { words } from "./hash-columns.js";

export type RowMatcher = (row: number, key: number) => boolean;
export type RowPusher = (row: number, key: number) => void;

export interface KeyStore {
  /** Makes room for `cap` keys. */
  reserve(cap: number): void;
  /** Stores row `row` of `col` as key number `key` (keys are appended in order). */
  pusher(col: Col): RowPusher;
  matcher(col: Col): RowMatcher;
  /** The first `n` keys as a column. */
  toCol(n: number): Col;
}

abstract class BaseStore {
  valid = new Uint8Array(0);
  hasNull = false;

  protected validOut(n: number): Uint8Array | null {
    return this.hasNull ? this.valid.slice(0, n) : null;
  }
}

/** int32, date, null and boolean keys (booleans held as 0/1 ints). */
export class IntKeyStore extends BaseStore implements KeyStore {
  values = new Int32Array(0);
  constructor(private readonly type: "int32" | "date" | "null" | "boolean") {
    super();
  }
  reserve(cap: number): void {
    this.values = grow(this.values, cap);
    this.valid = grow(this.valid, cap);
  }
  pushNull(g: number): void {
    this.hasNull = true;
    this.values[g] = 0;
    this.valid[g] = 0;
  }
  pusher(col: Col): RowPusher {
    const v = (col as { values: Int32Array | Uint8Array }).values;
    const cv = col.valid;
    return (i, g) => {
      if (cv !== null && cv[i] === 0) {
        this.hasNull = true;
        this.values[g] = 0;
        this.valid[g] = 0;
      } else {
        this.values[g] = v[i] as number;
        this.valid[g] = 1;
      }
    };
  }
  matcher(col: Col): RowMatcher {
    const v = (col as { values: Int32Array | Uint8Array }).values;
    const cv = col.valid;
    if (cv === null) return (i, g) => this.values[g] === v[i] && this.valid[g] === 1;
    return (i, g) => {
      const a = cv[i] as number;
      return a === this.valid[g] && (a === 0 || this.values[g] === v[i]);
    };
  }
  toCol(n: number): Col {
    const valid = this.validOut(n);
    if (this.type === "boolean") return { type: "boolean", values: Uint8Array.from(this.values.subarray(0, n)), valid };
    return { type: this.type, values: this.values.slice(0, n), valid };
  }
}

/** int64 and timestamp keys, compared as two 32-bit words (no BigInt in the loop). */
class Int64Store extends BaseStore implements KeyStore {
  values = new BigInt64Array(0);
  w: Int32Array = new Int32Array(0);
  constructor(private readonly type: "int64" | "timestamp") {
    super();
  }
  reserve(cap: number): void {
    if (this.values.length >= cap) return;
    this.values = grow(this.values, cap);
    this.w = words(this.values);
    this.valid = grow(this.valid, cap);
  }
  pusher(col: Col): RowPusher {
    const cw = words((col as { values: BigInt64Array }).values);
    const cv = col.valid;
    return (i, g) => {
      const isNull = cv !== null && cv[i] === 0;
      if (isNull) this.hasNull = true;
      this.w[2 * g] = isNull ? 0 : (cw[2 * i] as number);
      this.w[2 * g + 1] = isNull ? 0 : (cw[2 * i + 1] as number);
      this.valid[g] = isNull ? 0 : 1;
    };
  }
  matcher(col: Col): RowMatcher {
    const cw = words((col as { values: BigInt64Array }).values);
    const cv = col.valid;
    return (i, g) => {
      const a = cv === null ? 1 : (cv[i] as number);
      if (a !== this.valid[g]) return false;
      return a === 0 || (this.w[2 * g] === cw[2 * i] && this.w[2 * g + 1] === cw[2 * i + 1]);
    };
  }
  toCol(n: number): Col {
    return { type: this.type, values: this.values.slice(0, n), valid: this.validOut(n) };
  }
}

class Float64Store extends BaseStore implements KeyStore {
  values = new Float64Array(0);
  reserve(cap: number): void {
    this.values = grow(this.values, cap);
    this.valid = grow(this.valid, cap);
  }
  pusher(col: Col): RowPusher {
    const v = (col as { values: Float64Array }).values;
    const cv = col.valid;
    return (i, g) => {
      const isNull = cv !== null && cv[i] === 0;
      if (isNull) this.hasNull = true;
      const x = v[i] as number;
      this.values[g] = isNull || x === 0 ? 0 : x; // -0 is stored as 0, like Spark's normalization
      this.valid[g] = isNull ? 0 : 1;
    };
  }
  matcher(col: Col): RowMatcher {
    const v = (col as { values: Float64Array }).values;
    const cv = col.valid;
    return (i, g) => {
      const a = cv === null ? 1 : (cv[i] as number);
      if (a !== this.valid[g]) return false;
      if (a === 0) return true;
      const x = v[i] as number;
      const y = this.values[g] as number;
      return x === y || (x !== x && y !== y);
    };
  }
  toCol(n: number): Col {
    return { type: "float64", values: this.values.slice(0, n), valid: this.validOut(n) };
  }
}

export class Utf8KeyStore extends BaseStore implements KeyStore {
  offsets = new Int32Array(1);
  data = new Uint8Array(1024);
  reserve(cap: number): void {
    this.offsets = grow(this.offsets, cap + 1);
    this.valid = grow(this.valid, cap);
  }
  pushNull(g: number): void {
    this.hasNull = true;
    this.valid[g] = 0;
    this.offsets[g + 1] = this.offsets[g] as number;
  }
  /** Stores bytes [a, a + len) of `d` as key `g`. */
  pushBytes(g: number, d: Uint8Array, a: number, len: number): void {
    const start = this.offsets[g] as number;
    if (start + len > this.data.length) this.data = grow(this.data, start + len);
    const kd = this.data;
    if (len < 32) for (let k = 0; k < len; k++) kd[start + k] = d[a + k] as number;
    else kd.set(d.subarray(a, a + len), start);
    this.offsets[g + 1] = start + len;
    this.valid[g] = 1;
  }
  /** Whether bytes [from, len) of key `g` equal bytes [p + from, p + len) of `d`. */
  tailEquals(g: number, d: Uint8Array, p: number, from: number, len: number): boolean {
    const kd = this.data;
    const q = this.offsets[g] as number;
    for (let k = from; k < len; k++) if (kd[q + k] !== d[p + k]) return false;
    return true;
  }
  pusher(col: Col): RowPusher {
    const { offsets: o, data: d, valid: cv } = col as StrCol;
    return (i, g) => {
      if (cv !== null && cv[i] === 0) this.pushNull(g);
      else this.pushBytes(g, d, o[i] as number, (o[i + 1] as number) - (o[i] as number));
    };
  }
  matcher(col: Col): RowMatcher {
    const { offsets: o, data: d, valid: cv } = col as StrCol;
    return (i, g) => {
      const a = cv === null ? 1 : (cv[i] as number);
      if (a !== this.valid[g]) return false;
      if (a === 0) return true;
      const p = o[i] as number;
      const len = (o[i + 1] as number) - p;
      const q = this.offsets[g] as number;
      if ((this.offsets[g + 1] as number) - q !== len) return false;
      const kd = this.data;
      for (let k = 0; k < len; k++) if (kd[q + k] !== d[p + k]) return false;
      return true;
    };
  }
  toCol(n: number): Col {
    const offsets = this.offsets.slice(0, n + 1);
    return { type: "utf8", offsets, data: this.data.slice(0, offsets[n] as number), valid: this.validOut(n) };
  }
}

export function keyStore(type: DataType): KeyStore {
  switch (type) {
    case "int32":
    case "date":
    case "null":
    case "boolean":
      return new IntKeyStore(type);
    case "int64":
    case "timestamp":
      return new Int64Store(type);
    case "float64":
      return new Float64Store();
    case "utf8":
      return new Utf8KeyStore();
    default:
      throw new Error(`internal: a ${type} grouping key (the analyzer refuses nested keys)`);
  }
}
