/**
 * Library kernels on dictionary-encoded strings: a strict function whose only column argument is
 * dictionary-encoded runs on the distinct values and gathers by the codes. The test column's plain
 * bytes throw when touched, so passing proves the kernel never materialized them; the answers must
 * equal the same function over the plain column.
 */
import { describe, expect, test } from "vitest";
import { evaluate } from "../../../executor/kernels/evaluate.js";
import type { StrCol } from "../../../executor/batch.js";
import type { BoundExpr } from "../../../planner/bound.js";
import { type Js, batch, col, input, js, lit } from "./helpers.js";

const VALUES = ["日本", "", "héllo", "😀x"];
const CODES = [0, 2, 2, 1, 3, 0, 0, 3];
const VALID = [1, 1, 0, 1, 1, 1, 0, 1];

function dictCol(): StrCol {
  const values = col("utf8", VALUES) as StrCol;
  const fail = (): never => {
    throw new Error("the plain bytes were read");
  };
  return {
    type: "utf8",
    valid: Uint8Array.from(VALID),
    dict: { codes: Int32Array.from(CODES), values },
    get offsets(): Int32Array {
      return fail();
    },
    get data(): Uint8Array {
      return fail();
    },
  };
}

const plain = col("utf8", CODES.map((c, i): Js => (VALID[i] ? VALUES[c]! : null)));
const s = input(0, "utf8");
const call = (fn: string, args: BoundExpr[], type: BoundExpr["type"]): BoundExpr => ({ kind: "call", fn, args, type }) as BoundExpr;

describe("dictionary-encoded input", () => {
  const cases: [string, BoundExpr][] = [
    ["reverse", call("reverse", [s], "utf8")],
    ["substring", call("substring", [s, lit(2, "int32"), lit(1, "int32")], "utf8")],
    ["lpad", call("lpad", [s, lit(4, "int32"), lit("*", "utf8")], "utf8")],
    ["instr", call("instr", [s, lit("l", "utf8")], "int32")],
    ["octet_length", call("octet_length", [s], "int32")],
    ["rlike", call("rlike", [s, lit("^h", "utf8")], "boolean")],
    ["md5", call("md5", [s], "utf8")],
  ];
  test.each(cases)("%s gathers the dictionary's answers", (_name, e) => {
    const viaDict = js(evaluate(e, { length: CODES.length, columns: [dictCol()] }));
    const viaPlain = js(evaluate(e, batch(plain)));
    expect(viaDict).toEqual(viaPlain);
    expect(viaDict.filter((_, i) => VALID[i] === 0)).toEqual([null, null]);
  });
});
