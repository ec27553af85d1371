/**
 * Unary minus and `abs` with Java's wrap-around: -MIN_VALUE and abs(MIN_VALUE) are MIN_VALUE for
 * int32 (`| 0`) and int64 (the BigInt64Array store wraps). Validity passes through unchanged.
 */
import type { Col } from "../batch.js";

export type UnaryMathFn = "neg" | "abs";

/**
 * @example
 * unaryMath("neg", col) // int32 [1, -2147483648] → [-1, -2147483648]
 */
export function unaryMath(fn: UnaryMathFn, c: Col): Col {
  switch (c.type) {
    case "float64": {
      const n = c.values.length;
      const out = new Float64Array(n);
      if (fn === "neg") negF64(out, c.values, n);
      else absF64(out, c.values, n);
      return { type: c.type, values: out, valid: c.valid };
    }
    case "int32": {
      const n = c.values.length;
      const out = new Int32Array(n);
      if (fn === "neg") negI32(out, c.values, n);
      else absI32(out, c.values, n);
      return { type: c.type, values: out, valid: c.valid };
    }
    case "int64": {
      const n = c.values.length;
      const out = new BigInt64Array(n);
      if (fn === "neg") negI64(out, c.values, n);
      else absI64(out, c.values, n);
      return { type: c.type, values: out, valid: c.valid };
    }
    case "null":
      return c;
    default:
      throw new Error(`internal: ${fn} of ${c.type}`);
  }
}

function negF64(o: Float64Array, a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = -a[i]!;
}

function absF64(o: Float64Array, a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = Math.abs(a[i]!);
}

function negI32(o: Int32Array, a: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = -a[i]! | 0;
}

function absI32(o: Int32Array, a: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = Math.abs(a[i]!) | 0;
}

function negI64(o: BigInt64Array, a: BigInt64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = -a[i]!;
}

function absI64(o: BigInt64Array, a: BigInt64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    o[i] = x < 0n ? -x : x;
  }
}
