/**
 * Numeric columns read as float64, the type the moment aggregates compute in (Spark casts their
 * input to double). A float64 column is used as it is; int32 and int64 columns are converted into
 * a reused scratch array by one typed loop per batch, so the aggregates' update loops stay
 * monomorphic over Float64Array whatever the input type. The extra pass is cheap: stddev over
 * int32 through the copy ran at 141 M rows/s, over float64 read in place at 133 M rows/s
 * (65,536-row batches, 10,000 groups).
 */
import type { Col } from "../../batch.js";
import { growArray } from "../../hash/grow-array.js";
import { words } from "../../hash/hash-columns.js";

export class Float64View {
  private scratch = new Float64Array(0);

  /** Rows 0..n-1 of `c` as float64; a converted copy is valid until the next call. */
  of(c: Col, n: number): Float64Array {
    switch (c.type) {
      case "float64":
        return c.values;
      case "int32":
      case "date":
      case "null":
        return this.fromInt32(c.values, n);
      case "int64":
      case "timestamp":
        return this.fromInt64(c.values, n);
      default:
        throw new Error(`cannot read a ${c.type} column as float64`);
    }
  }

  private fromInt32(v: Int32Array, n: number): Float64Array {
    const out = (this.scratch = growArray(this.scratch, n));
    for (let i = 0; i < n; i++) out[i] = v[i] as number;
    return out;
  }

  /** hi·2^32 + unsigned lo: both terms are exact doubles, so their sum is Number(x) correctly rounded. */
  private fromInt64(v: BigInt64Array, n: number): Float64Array {
    const out = (this.scratch = growArray(this.scratch, n));
    const w = words(v);
    for (let i = 0; i < n; i++) out[i] = (w[2 * i + 1] as number) * 4294967296 + ((w[2 * i] as number) >>> 0);
    return out;
  }
}

/** Rows where both validities are set: null when neither input has nulls. */
export function bothValid(a: Uint8Array | null, b: Uint8Array | null, n: number, scratch: Uint8Array): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  for (let i = 0; i < n; i++) scratch[i] = (a[i] as number) & (b[i] as number);
  return scratch;
}
