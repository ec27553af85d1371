/**
 * int64 arithmetic loops on BigInt64Array. Storing a BigInt into a BigInt64Array reduces it mod
 * 2^64 (ToBigInt64), which is exactly Java's long wrap-around, so no `BigInt.asIntN` is needed.
 * `%` by zero gives null (and must be skipped: BigInt `%` by 0n throws); BigInt `%` truncates, so
 * the sign follows the dividend as in Java.
 */
import type { IntArithTable } from "./arith-loops.js";

type A = BigInt64Array;

export const arithI64: IntArithTable<A, bigint> = {
  "+": {
    cc: (o: A, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! + b[i]!;
      return 0;
    },
    cs: (o: A, a: A, s: bigint, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! + s;
      return 0;
    },
    sc: (o: A, s: bigint, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = s + b[i]!;
      return 0;
    },
  },
  "-": {
    cc: (o: A, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! - b[i]!;
      return 0;
    },
    cs: (o: A, a: A, s: bigint, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! - s;
      return 0;
    },
    sc: (o: A, s: bigint, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = s - b[i]!;
      return 0;
    },
  },
  "*": {
    cc: (o: A, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! * b[i]!;
      return 0;
    },
    cs: (o: A, a: A, s: bigint, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! * s;
      return 0;
    },
    sc: (o: A, s: bigint, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = s * b[i]!;
      return 0;
    },
  },
  "%": {
    cc: (o: A, a: A, b: A, n: number) => {
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        const d = b[i]!;
        if (d === 0n) zeros++;
        else o[i] = a[i]! % d;
      }
      return zeros;
    },
    cs: (o: A, a: A, s: bigint, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! % s;
      return 0;
    },
    sc: (o: A, s: bigint, b: A, n: number) => {
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        const d = b[i]!;
        if (d === 0n) zeros++;
        else o[i] = s % d;
      }
      return zeros;
    },
  },
};
