/** The Generate node (explode & co.) through the builders and the optimizer, by plan text. */
import { describe, expect, it } from "vitest";
import { planToString } from "../../planner/explain.js";
import { optimize } from "../../planner/optimizer.js";
import { applyRule } from "../../planner/rules/rule.js";
import { pruneColumns } from "../../planner/rules/prune-columns.js";
import { pushDownFilter } from "../../planner/rules/push-down-filter.js";
import { outputOf } from "../../planner/analyzer/types-of.js";
import { scan, select, where } from "../helpers/plans.js";

const orders = () => scan("orders.parquet", { id: "int32", items: "array<utf8>", note: "utf8", ship: "struct<city:utf8,zip:utf8>" }, { format: "parquet" });

describe("Generate", () => {
  it("is built from a top-level generator in a select, replaced there by its columns", () => {
    const p = select(orders(), "id", "posexplode(items)");
    expect(planToString(p)).toBe(
      ["Project [id, pos, col]", "+- Generate posexplode(items) [pos, col]", "   +- Scan parquet orders.parquet [id, items, note, ship]"].join("\n"),
    );
    expect(outputOf(p).map((a) => `${a.name}:${a.type}`)).toEqual(["id:int32", "pos:int32", "col:utf8"]);
    expect(planToString(select(orders(), "explode(items) AS item"))).toMatch(/^Project \[item\]\n\+- Generate explode\(items\) \[item\]/);
  });

  it("prunes the columns nobody reads below it, but keeps the array it reads", () => {
    const p = select(select(orders(), "id", "ship.city AS city", "explode(items) AS item"), "item");
    expect(planToString(applyRule(pruneColumns, p))).toBe(
      [
        "Project [item]",
        "+- Project [item]",
        "   +- Generate explode(items) [item]",
        "      +- Scan parquet orders.parquet [items]",
      ].join("\n"),
    );
  });

  it("pushes conjuncts on the other columns below it and keeps those on the generated column above", () => {
    const p = where(select(orders(), "id", "note", "explode(items) AS item"), "note = 'x' AND item = 'tea' AND id > 3");
    const once = applyRule(pushDownFilter, p);
    const text = planToString(optimize(p));
    expect(text).toContain("Generate explode(items) [item]");
    expect(text.indexOf("Filter (item = 'tea')")).toBeLessThan(text.indexOf("Generate"));
    expect(text).toMatch(/Scan parquet orders\.parquet \[id, items, note\] filters=\[\(note = 'x'\), \(id > 3\)\]/);
    expect(planToString(once)).not.toBe(planToString(p));
  });
});
