/**
 * CASE WHEN: each row takes the `then` of its first branch whose condition is TRUE (null and false
 * both fall through), else `otherwise`, else null. Conditions are resolved into one choice index per
 * row, then `select` gathers the values. Every branch is evaluated over the whole batch (kernels
 * have no side effects and never throw on data, so this is safe).
 */
import type { DataType } from "../../planner/types.js";
import type { Col } from "../batch.js";
import type { Operand } from "./operand.js";
import { select } from "./select.js";

export interface CaseOperands {
  readonly whens: readonly Operand[];
  readonly thens: readonly Operand[];
  readonly otherwise: Operand | null;
}

/**
 * @example
 * caseWhen("utf8", { whens: [isBig], thens: [bigLit], otherwise: smallLit }, n)
 */
export function caseWhen(type: DataType, c: CaseOperands, n: number): Col {
  const choice = new Int32Array(n).fill(-1);
  let undecided = n;
  for (let k = 0; k < c.whens.length && undecided > 0; k++) {
    const w = c.whens[k]!;
    const wc = w.col;
    if (wc.type !== "boolean") {
      if (wc.type === "null") continue; // WHEN NULL never fires
      throw new Error(`internal: CASE condition of type ${wc.type}`);
    }
    if (w.isScalar) {
      if ((wc.valid === null || wc.valid[0] === 1) && wc.values[0] === 1) undecided -= decideRest(choice, k, n);
    } else if (wc.valid === null) {
      undecided -= decide(choice, wc.values, k, n);
    } else {
      undecided -= decideValid(choice, wc.values, wc.valid, k, n);
    }
  }
  const sources = c.otherwise ? [...c.thens, c.otherwise] : c.thens;
  if (c.otherwise && undecided > 0) decideRest(choice, c.thens.length, n);
  return select(type, choice, sources, n);
}

function decide(choice: Int32Array, w: Uint8Array, k: number, n: number): number {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    if (choice[i] === -1 && w[i] === 1) {
      choice[i] = k;
      hits++;
    }
  }
  return hits;
}

function decideValid(choice: Int32Array, w: Uint8Array, v: Uint8Array, k: number, n: number): number {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    if (choice[i] === -1 && (w[i]! & v[i]!) === 1) {
      choice[i] = k;
      hits++;
    }
  }
  return hits;
}

function decideRest(choice: Int32Array, k: number, n: number): number {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    if (choice[i] === -1) {
      choice[i] = k;
      hits++;
    }
  }
  return hits;
}
