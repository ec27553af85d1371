/**
 * coalesce(a, b, …): each row takes its first non-null argument. Resolved into one choice index
 * per row (stopping as soon as every row is decided), then gathered by `select`.
 */
import type { DataType } from "../../planner/types.js";
import type { Col } from "../batch.js";
import type { Operand } from "./operand.js";
import { select } from "./select.js";

/**
 * @example
 * coalesce("int32", [a, zero], n) // [1, null] , 0 → [1, 0]
 */
export function coalesce(type: DataType, args: readonly Operand[], n: number): Col {
  const choice = new Int32Array(n).fill(-1);
  let undecided = n;
  for (let k = 0; k < args.length && undecided > 0; k++) {
    const a = args[k]!;
    const v = a.col.valid;
    if (a.isScalar && v !== null && v[0] === 0) continue;
    if (a.isScalar || v === null) {
      for (let i = 0; i < n; i++) if (choice[i] === -1) choice[i] = k;
      undecided = 0;
    } else {
      undecided -= firstValid(choice, v, k, n);
    }
  }
  return select(type, choice, args, n);
}

function firstValid(choice: Int32Array, v: Uint8Array, k: number, n: number): number {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    if (choice[i] === -1 && v[i] === 1) {
      choice[i] = k;
      hits++;
    }
  }
  return hits;
}
