/**
 * int32 arithmetic loops with Java's wrap-around: `| 0` after + and - (the exact double result is
 * reduced mod 2^32), `Math.imul` for * (the double product would lose low bits past 2^53). `%` by
 * zero gives null; JS `%` truncates like Java, so the sign follows the dividend, and
 * `MIN_VALUE % -1` is -0, which `| 0` turns into Java's 0.
 */
import type { IntArithTable } from "./arith-loops.js";

type A = Int32Array;

export const arithI32: IntArithTable<A, number> = {
  "+": {
    cc: (o: A, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = (a[i]! + b[i]!) | 0;
      return 0;
    },
    cs: (o: A, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = (a[i]! + s) | 0;
      return 0;
    },
    sc: (o: A, s: number, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = (s + b[i]!) | 0;
      return 0;
    },
  },
  "-": {
    cc: (o: A, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = (a[i]! - b[i]!) | 0;
      return 0;
    },
    cs: (o: A, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = (a[i]! - s) | 0;
      return 0;
    },
    sc: (o: A, s: number, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = (s - b[i]!) | 0;
      return 0;
    },
  },
  "*": {
    cc: (o: A, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = Math.imul(a[i]!, b[i]!);
      return 0;
    },
    cs: (o: A, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = Math.imul(a[i]!, s);
      return 0;
    },
    sc: (o: A, s: number, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = Math.imul(s, b[i]!);
      return 0;
    },
  },
  "%": {
    cc: (o: A, a: A, b: A, n: number) => {
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        const d = b[i]!;
        if (d === 0) zeros++;
        else o[i] = (a[i]! % d) | 0;
      }
      return zeros;
    },
    cs: (o: A, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = (a[i]! % s) | 0;
      return 0;
    },
    sc: (o: A, s: number, b: A, n: number) => {
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        const d = b[i]!;
        if (d === 0) zeros++;
        else o[i] = (s % d) | 0;
      }
      return zeros;
    },
  },
};
