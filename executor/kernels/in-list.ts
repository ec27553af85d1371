/**
 * `x IN (a, b, …)` with SQL semantics: null when x is null; true on a match; otherwise null if any
 * list item is null, else false. NOT IN negates that (null stays null). An all-literal list (the
 * usual case) becomes a Set (numbers, BigInts: SameValueZero, so NaN matches NaN and -0 matches 0,
 * as in Spark) or a list of UTF-8 byte strings; any other list is an OR of `=` comparisons, which
 * is the same three-valued answer.
 */
import { type Col, type StrCol, flatCol, nullCol } from "../batch.js";
import { compare } from "./compare.js";
import { logic, not } from "./logic.js";
import { type Operand, isNullScalar } from "./operand.js";
import { isBigCol, isNumCol } from "./col-guards.js";
import { sameBytes } from "./compare-signs.js";

/**
 * @example
 * inList({ col: x, isScalar: false }, [one, two, nullLit], false, n) // [1, 3, null] → [true, null, null]
 */
export function inList(input: Operand, list: readonly Operand[], negated: boolean, n: number): Col {
  if (isNullScalar(input)) return nullCol("boolean", n);
  const res = list.every((o) => o.isScalar) ? inLiterals(input.col, list, n) : inExprs(input, list, n);
  return negated ? not(res) : res;
}

function inLiterals(nested: Col, list: readonly Operand[], n: number): Col {
  const a = flatCol(nested, "IN");
  const items = list.filter((o) => !isNullScalar(o)).map((o) => o.col);
  const hasNullItem = items.length < list.length;
  const hit = new Uint8Array(n);
  if (a.type === "utf8") {
    inUtf8(hit, a, items.map((c) => scalarBytes(c)), n);
  } else if (isBigCol(a)) {
    const set = new Set<bigint>();
    for (const c of items) if (isBigCol(c)) set.add(c.values[0]!);
    inSetBig(hit, a.values, set, n);
  } else {
    const set = new Set<number>();
    for (const c of items) if (isNumCol(c)) set.add(c.values[0]!);
    inSetNum(hit, a.values, set, n);
  }
  if (!hasNullItem) return { type: "boolean", values: hit, valid: a.valid };
  // No match against a list holding null is unknown.
  const valid = new Uint8Array(n);
  const v = a.valid;
  for (let i = 0; i < n; i++) valid[i] = (v === null ? 1 : v[i]!) & hit[i]!;
  return { type: "boolean", values: hit, valid };
}

function inExprs(input: Operand, list: readonly Operand[], n: number): Col {
  let acc: Col | undefined;
  for (const item of list) {
    const eq = compare("=", input, item, n);
    acc = acc === undefined ? eq : logic("or", { col: acc, isScalar: false }, { col: eq, isScalar: false }, n);
  }
  return acc ?? { type: "boolean", values: new Uint8Array(n), valid: input.isScalar ? null : input.col.valid };
}

function scalarBytes(c: Col): Uint8Array {
  if (c.type !== "utf8") throw new Error(`internal: ${c.type} item in a utf8 IN list`);
  return c.data.subarray(c.offsets[0]!, c.offsets[1]!);
}

function inSetNum(o: Uint8Array, a: Float64Array | Int32Array | Uint8Array, set: Set<number>, n: number): void {
  for (let i = 0; i < n; i++) o[i] = set.has(a[i]!) ? 1 : 0;
}

function inSetBig(o: Uint8Array, a: BigInt64Array, set: Set<bigint>, n: number): void {
  for (let i = 0; i < n; i++) o[i] = set.has(a[i]!) ? 1 : 0;
}

function inUtf8(o: Uint8Array, a: StrCol, items: readonly Uint8Array[], n: number): void {
  const ao = a.offsets;
  const ad = a.data;
  for (let k = 0; k < items.length; k++) {
    const y = items[k]!;
    const len = y.length;
    for (let i = 0; i < n; i++) {
      const a0 = ao[i]!;
      if (o[i] === 0 && ao[i + 1]! - a0 === len && sameBytes(ad, a0, y, 0, len)) o[i] = 1;
    }
  }
}
