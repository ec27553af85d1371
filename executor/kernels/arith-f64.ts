/**
 * float64 arithmetic loops: IEEE semantics, except that a zero divisor of `/` or `%` gives null
 * (Spark's non-ANSI default). JS `%` on doubles is C's fmod, the same as Java's: the sign follows
 * the dividend.
 */
import type { ArithTable } from "./arith-loops.js";

type A = Float64Array;

export const arithF64: ArithTable<A, number> = {
  "+": {
    cc: (o: A, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! + b[i]!;
      return 0;
    },
    cs: (o: A, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! + s;
      return 0;
    },
    sc: (o: A, s: number, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = s + b[i]!;
      return 0;
    },
  },
  "-": {
    cc: (o: A, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! - b[i]!;
      return 0;
    },
    cs: (o: A, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! - s;
      return 0;
    },
    sc: (o: A, s: number, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = s - b[i]!;
      return 0;
    },
  },
  "*": {
    cc: (o: A, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! * b[i]!;
      return 0;
    },
    cs: (o: A, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! * s;
      return 0;
    },
    sc: (o: A, s: number, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = s * b[i]!;
      return 0;
    },
  },
  "/": {
    cc: (o: A, a: A, b: A, n: number) => {
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        const d = b[i]!;
        o[i] = a[i]! / d;
        zeros += d === 0 ? 1 : 0;
      }
      return zeros;
    },
    cs: (o: A, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! / s;
      return 0;
    },
    sc: (o: A, s: number, b: A, n: number) => {
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        const d = b[i]!;
        o[i] = s / d;
        zeros += d === 0 ? 1 : 0;
      }
      return zeros;
    },
  },
  "%": {
    cc: (o: A, a: A, b: A, n: number) => {
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        const d = b[i]!;
        o[i] = a[i]! % d;
        zeros += d === 0 ? 1 : 0;
      }
      return zeros;
    },
    cs: (o: A, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! % s;
      return 0;
    },
    sc: (o: A, s: number, b: A, n: number) => {
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        const d = b[i]!;
        o[i] = s % d;
        zeros += d === 0 ? 1 : 0;
      }
      return zeros;
    },
  },
};
