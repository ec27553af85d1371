/**
 * CAST(x AS type) for every pair of Cinder's types that Spark allows (non-ANSI: a value that does
 * not convert becomes null). Routes to one family of loops per (from, to) pair: fixed-width ↔
 * fixed-width, anything → utf8 (formatting), utf8 → anything (parsing); the null type casts to an
 * all-null column of any type.
 */
import type { DataType } from "../../planner/types.js";
import { type Col, colLength, isListCol, isStructCol, nullCol } from "../batch.js";
import { elementType, isArrayType, isNestedType, isStructType, structFields } from "../../planner/nested-types.js";
import { formatNested } from "./format-nested.js";
import { castFixed } from "./cast-fixed.js";
import { formatUtf8 } from "./format-utf8.js";
import { parseUtf8 } from "./parse-utf8.js";

/**
 * @example
 * cast(strCol, "date") // ["2024-02-29", "2023-02-29"] → [19782, null]
 */
export function cast(c: Col, to: DataType): Col {
  if (c.type === to) return c;
  if (c.type === "null" || to === "null") return nullCol(to, colLength(c));
  if (isListCol(c) || isStructCol(c)) {
    if (to === "utf8") return formatNested(c);
    // The analyzer allows array → array and struct → struct of as many fields only.
    if (isListCol(c) && isArrayType(to)) return { type: to, offsets: c.offsets, child: cast(c.child, elementType(to)), valid: c.valid };
    if (isStructCol(c) && isStructType(to)) {
      const fs = structFields(to);
      return { type: to, fields: c.fields.map((f, j) => cast(f, fs[j]!.type)), length: c.length, valid: c.valid };
    }
    throw new Error(`internal: cast of ${c.type} to ${to}`);
  }
  if (isNestedType(to)) throw new Error(`internal: cast of ${c.type} to ${to}`);
  if (to === "utf8") return formatUtf8(c);
  if (c.type === "utf8") return parseUtf8(c, to);
  return castFixed(c, to);
}
