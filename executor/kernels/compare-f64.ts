/**
 * float64 comparison loops with Spark's NaN ordering: NaN equals NaN and is greater than every
 * other value (including +Infinity); -0 equals 0. Column-scalar loops assume a non-NaN scalar —
 * `compareNaNScalar` covers a NaN one, a choice made once per batch.
 */
import type { CmpOp6, CmpTable } from "./compare-loops.js";

type A = Float64Array;
type O = Uint8Array;

export const compareF64: CmpTable<A, number> = {
  "=": {
    cc: (o: O, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        o[i] = x === y || (x !== x && y !== y) ? 1 : 0;
      }
    },
    cs: (o: O, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! === s ? 1 : 0;
    },
  },
  "!=": {
    cc: (o: O, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        o[i] = x === y || (x !== x && y !== y) ? 0 : 1;
      }
    },
    cs: (o: O, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! === s ? 0 : 1;
    },
  },
  "<": {
    cc: (o: O, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        o[i] = x < y || (y !== y && x === x) ? 1 : 0;
      }
    },
    cs: (o: O, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! < s ? 1 : 0;
    },
  },
  "<=": {
    cc: (o: O, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        o[i] = x <= y || y !== y ? 1 : 0;
      }
    },
    cs: (o: O, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! <= s ? 1 : 0;
    },
  },
  ">": {
    cc: (o: O, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        o[i] = x > y || (x !== x && y === y) ? 1 : 0;
      }
    },
    cs: (o: O, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        o[i] = x > s || x !== x ? 1 : 0;
      }
    },
  },
  ">=": {
    cc: (o: O, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const y = b[i]!;
        o[i] = x >= y || x !== x ? 1 : 0;
      }
    },
    cs: (o: O, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        o[i] = x >= s || x !== x ? 1 : 0;
      }
    },
  },
};

/** `a op NaN`: NaN is the largest value, so the answer only depends on whether a[i] is NaN. */
export function compareNaNScalar(op: CmpOp6, o: O, a: A, n: number): void {
  if (op === "<=") o.fill(1, 0, n);
  else if (op === ">") o.fill(0, 0, n);
  else {
    // "=" and ">=" hold for NaN rows only; "!=" and "<" for every other row.
    const nanIsTrue = op === "=" || op === ">=" ? 1 : 0;
    for (let i = 0; i < n; i++) {
      const x = a[i]!;
      o[i] = x !== x ? nanIsTrue : 1 - nanIsTrue;
    }
  }
}
