/**
 * One value per group, of any column type: the state of min/max/first/last. Numeric values sit in
 * a typed array (int64 also viewed as 32-bit words so loops compare without BigInts); utf8 values
 * sit in an append-only byte arena addressed by (start, length) per group, compacted when
 * replaced values waste more than half of it.
 */
import { type Col, type StrCol, flatCol, isListCol, isStructCol } from "../../batch.js";
import { isNestedType } from "../../../planner/nested-types.js";
import { type RawValue, colFromRaw, rawValueAt } from "../../nested-values.js";
import type { DataType } from "../../../planner/types.js";
import { growArray } from "../../hash/grow-array.js";
import { words } from "../../hash/hash-columns.js";

type Values = Int32Array | Float64Array | BigInt64Array | Uint8Array;

function emptyValues(type: DataType): Values {
  switch (type) {
    case "float64":
      return new Float64Array(0);
    case "int64":
    case "timestamp":
      return new BigInt64Array(0);
    case "boolean":
      return new Uint8Array(0);
    default:
      return new Int32Array(0);
  }
}

export class GroupValues {
  /** 1 where the group holds a non-null value. */
  valid = new Uint8Array(0);
  /** Numeric values (unused for utf8). */
  values: Values;
  /** int64/timestamp values as (lo, hi) words. */
  words: Int32Array = new Int32Array(0);
  /** utf8: byte range of each group's value in `arena`. */
  start = new Int32Array(0);
  len = new Int32Array(0);
  arena = new Uint8Array(1024);
  /** Arrays and structs: each group's value as a raw JavaScript value (nested-values.ts). */
  raw: RawValue[] = [];
  private used = 0;
  private live = 0;

  constructor(readonly type: DataType) {
    this.values = emptyValues(type);
  }

  resize(groups: number): void {
    this.valid = growArray(this.valid, groups);
    if (this.type === "utf8") {
      this.start = growArray(this.start, groups);
      this.len = growArray(this.len, groups);
    } else if (this.values.length < groups) {
      this.values = growArray(this.values, groups);
      if (this.values instanceof BigInt64Array) this.words = words(this.values);
    }
  }

  /** A function copying row `i` of `col` (a null included) into group `g`; built once per batch. */
  setter(nested: Col): (g: number, i: number) => void {
    if (isListCol(nested) || isStructCol(nested)) {
      return (g, i) => {
        const v = rawValueAt(nested, i);
        this.raw[g] = v;
        this.valid[g] = v === null ? 0 : 1;
      };
    }
    const col = flatCol(nested, "GroupValues");
    const cv = col.valid;
    if (col.type === "utf8") {
      return (g, i) => {
        if (cv !== null && cv[i] === 0) this.setNull(g);
        else this.setBytes(g, col.data, col.offsets[i] as number, (col.offsets[i + 1] as number) - (col.offsets[i] as number));
      };
    }
    if (col.type === "int64" || col.type === "timestamp") {
      const w = words(col.values);
      return (g, i) => {
        this.valid[g] = cv === null ? 1 : (cv[i] as number);
        this.words[2 * g] = w[2 * i] as number;
        this.words[2 * g + 1] = w[2 * i + 1] as number;
      };
    }
    const v = col.values;
    return (g, i) => {
      this.valid[g] = cv === null ? 1 : (cv[i] as number);
      (this.values as Float64Array)[g] = v[i] as number;
    };
  }

  setNull(g: number): void {
    if (this.type === "utf8" && this.valid[g] === 1) this.live -= this.len[g] as number;
    this.valid[g] = 0;
  }

  /** utf8: stores bytes [a, a + n) of `d` as the value of group `g`. */
  setBytes(g: number, d: Uint8Array, a: number, n: number): void {
    if (this.valid[g] === 1) this.live -= this.len[g] as number;
    if (this.used + n > this.arena.length) this.makeRoom(n);
    if (n < 32) for (let k = 0; k < n; k++) this.arena[this.used + k] = d[a + k] as number;
    else this.arena.set(d.subarray(a, a + n), this.used);
    this.start[g] = this.used;
    this.len[g] = n;
    this.valid[g] = 1;
    this.used += n;
    this.live += n;
  }

  /** utf8: compares bytes [p, p + n) of `d` with group `g`'s value (UTF-8 byte order). */
  compareBytes(d: Uint8Array, p: number, n: number, g: number): number {
    const q = this.start[g] as number;
    const m = this.len[g] as number;
    const arena = this.arena;
    const k = n < m ? n : m;
    for (let j = 0; j < k; j++) {
      const x = d[p + j] as number;
      const y = arena[q + j] as number;
      if (x !== y) return x - y;
    }
    return n - m;
  }

  /** Compacts the arena when replaced values waste over half of it, else grows it. */
  private makeRoom(n: number): void {
    if (this.live * 2 < this.used) {
      const next = new Uint8Array(Math.max(1024, (this.live + n) * 2));
      let p = 0;
      for (let g = 0; g < this.valid.length; g++) {
        if (this.valid[g] !== 1) continue;
        const a = this.start[g] as number;
        const len = this.len[g] as number;
        next.set(this.arena.subarray(a, a + len), p);
        this.start[g] = p;
        p += len;
      }
      this.arena = next;
      this.used = p;
    }
    this.arena = growArray(this.arena, this.used + n);
  }

  /** Groups [start, end) as a column (null where a group has no value). */
  toCol(start: number, end: number): Col {
    let valid: Uint8Array | null = null;
    for (let g = start; g < end; g++) {
      if (this.valid[g] === 0) {
        valid = this.valid.slice(start, end);
        break;
      }
    }
    if (this.type === "utf8") return this.utf8Col(start, end, valid);
    if (isNestedType(this.type)) {
      const vals: RawValue[] = [];
      for (let g = start; g < end; g++) vals.push(this.valid[g] === 1 ? (this.raw[g] ?? null) : null);
      return colFromRaw(this.type, vals);
    }
    const values = this.values.slice(start, end);
    return { type: this.type, values, valid } as Col;
  }

  private utf8Col(start: number, end: number, valid: Uint8Array | null): StrCol {
    const offsets = new Int32Array(end - start + 1);
    let bytes = 0;
    for (let g = start; g < end; g++) if (this.valid[g] === 1) bytes += this.len[g] as number;
    const data = new Uint8Array(bytes);
    let p = 0;
    for (let g = start; g < end; g++) {
      if (this.valid[g] === 1) {
        const a = this.start[g] as number;
        const len = this.len[g] as number;
        data.set(this.arena.subarray(a, a + len), p);
        p += len;
      }
      offsets[g - start + 1] = p;
    }
    return { type: "utf8", offsets, data, valid };
  }
}
