/** group_by_nested_keys by plan text: grouping and DISTINCT on arrays/structs, schema unchanged. */
import { describe, expect, it } from "vitest";
import { planToString } from "../../planner/explain.js";
import { outputOf } from "../../planner/analyzer/types-of.js";
import { applyRule } from "../../planner/rules/rule.js";
import { groupByNestedKeys } from "../../planner/rules/group-by-nested-keys.js";
import type { LogicalPlan } from "../../planner/logical-plan.js";
import { groupBy, scan } from "../helpers/plans.js";

const t = () => scan("t.parquet", { id: "int32", xs: "array<int32>", s: "struct<a:int32>" }, { format: "parquet" });
const schema = (p: LogicalPlan) => outputOf(p).map((a) => `${a.id}:${a.name}:${a.type}`);

describe("group_by_nested_keys", () => {
  it("groups on nested_key(xs) and projects any_value(xs) back under the key's attribute", () => {
    const p = groupBy(t(), ["xs", "id"], ["count(*) AS n"]);
    const after = applyRule(groupByNestedKeys, p);
    expect(planToString(after)).toBe(
      [
        "Project [xs, id, count(1) AS n]",
        "+- Project [any_value(xs) AS xs, id, count(1)]",
        "   +- Aggregate [nested_key(xs), id] [count(1), any_value(xs)]",
        "      +- Scan parquet t.parquet [id, xs, s]",
      ].join("\n"),
    );
    expect(schema(after)).toEqual(schema(p));
  });

  it("turns a DISTINCT over nested columns into that aggregate, and leaves flat keys alone", () => {
    const d: LogicalPlan = { kind: "distinct", input: t() };
    const after = applyRule(groupByNestedKeys, d);
    expect(planToString(after)).toMatch(/^Project \[id, any_value\(xs\) AS xs, any_value\(s\) AS s\]\n\+- Aggregate \[id, nested_key\(xs\), nested_key\(s\)\] \[any_value\(xs\), any_value\(s\)\]/);
    expect(schema(after)).toEqual(schema(d));
    const flat = groupBy(t(), ["id"], ["count(*) AS n"]);
    expect(applyRule(groupByNestedKeys, flat)).toBe(flat);
  });
});
