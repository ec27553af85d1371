/** countIf (true rows, int64, 0 for none) and anyValue (first(), any type). */
import { describe, expect, it } from "vitest";
import { rng } from "../helpers.js";
import { complete, specOf, toBatches, twoPhase } from "./harness.js";

describe("countIf and anyValue", () => {
  for (const nulls of [false, true]) {
    it(`countIf counts true rows${nulls ? ", not nulls" : ""}, complete and two-phase`, () => {
      const r = rng(5 + Number(nulls));
      const rows = Array.from({ length: 700 }, () => ({ g: Math.floor(r() * 5), x: nulls && r() < 0.2 ? null : r() < 0.4 }));
      const want = Array.from({ length: 6 }, (_, g) => BigInt(rows.filter((row) => row.g === g && row.x === true).length));
      const batches = toBatches(rows, "boolean", null, 100);
      const spec = specOf("countIf", "boolean", "int64");
      expect(complete(spec, 6, batches)).toEqual(want);
      expect(twoPhase(spec, 6, batches, [2, 5])).toEqual(want);
      expect(want[5]).toBe(0n); // a group without rows counts 0, never NULL
    });
  }

  it("anyValue takes a value of its group (the first, as first())", () => {
    const rows = [
      { g: 0, x: "b" },
      { g: 1, x: "z" },
      { g: 0, x: "a" },
    ];
    const batches = toBatches(rows, "utf8", null, 2);
    expect(complete(specOf("anyValue", "utf8", "utf8"), 3, batches)).toEqual(["b", "z", null]);
    expect(twoPhase(specOf("anyValue", "utf8", "utf8"), 3, batches, [1])).toEqual(["b", "z", null]);
  });
});
