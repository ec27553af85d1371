/**
 * Comparison loops for integer-valued arrays: Int32Array (int32, date) and Uint8Array (boolean,
 * where false < true falls out of 0 < 1).
 */
import type { CmpTable } from "./compare-loops.js";

type A = Int32Array | Uint8Array;
type O = Uint8Array;

export const compareInt: CmpTable<A, number> = {
  "=": {
    cc: (o: O, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! === b[i]! ? 1 : 0;
    },
    cs: (o: O, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! === s ? 1 : 0;
    },
  },
  "!=": {
    cc: (o: O, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! !== b[i]! ? 1 : 0;
    },
    cs: (o: O, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! !== s ? 1 : 0;
    },
  },
  "<": {
    cc: (o: O, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! < b[i]! ? 1 : 0;
    },
    cs: (o: O, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! < s ? 1 : 0;
    },
  },
  "<=": {
    cc: (o: O, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! <= b[i]! ? 1 : 0;
    },
    cs: (o: O, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! <= s ? 1 : 0;
    },
  },
  ">": {
    cc: (o: O, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! > b[i]! ? 1 : 0;
    },
    cs: (o: O, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! > s ? 1 : 0;
    },
  },
  ">=": {
    cc: (o: O, a: A, b: A, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! >= b[i]! ? 1 : 0;
    },
    cs: (o: O, a: A, s: number, n: number) => {
      for (let i = 0; i < n; i++) o[i] = a[i]! >= s ? 1 : 0;
    },
  },
};
