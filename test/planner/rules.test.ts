/**
 * Each optimizer rule by plan text (before → after), hand-written, plus plan equivalence:
 * a query written two ways must optimize to the same plan.
 */
import { describe, expect, it } from "vitest";
import { planToString } from "../../planner/explain.js";
import { optimize } from "../../planner/optimizer.js";
import { applyRule } from "../../planner/rules/rule.js";
import { constantFolding } from "../../planner/rules/constant-folding.js";
import { mergeFilters } from "../../planner/rules/merge-filters.js";
import { extractCommonDisjuncts } from "../../planner/rules/extract-common-disjuncts.js";
import { pruneColumns } from "../../planner/rules/prune-columns.js";
import { pushDownFilter } from "../../planner/rules/push-down-filter.js";
import { pushDownLimit } from "../../planner/rules/push-down-limit.js";
import type { LogicalPlan } from "../../planner/logical-plan.js";
import { groupBy, join, orderBy, scan, select, where } from "../helpers/plans.js";

const people = () => scan("people.csv", { name: "utf8", age: "int32", dept: "utf8" });
const text = (p: LogicalPlan) => planToString(p);

describe("constant_folding", () => {
  it("folds literal arithmetic and drops AND true", () => {
    const p = where(people(), "age > 20 + 5 AND true");
    expect(text(applyRule(constantFolding, p))).toBe(
      ["Filter (age > 25)", "+- Scan csv people.csv [name, age, dept]"].join("\n"),
    );
  });
  it("turns an always-false filter into an empty relation", () => {
    const p = where(people(), "1 = 2");
    expect(text(applyRule(constantFolding, p))).toBe("LocalRelation [name, age, dept] (0 rows)");
  });
  it("removes an always-true filter and keeps x AND false = false", () => {
    expect(text(applyRule(constantFolding, where(people(), "2 > 1")))).toBe("Scan csv people.csv [name, age, dept]");
    expect(text(applyRule(constantFolding, where(people(), "age > 3 AND false")))).toBe("LocalRelation [name, age, dept] (0 rows)");
  });
  it("folds with int32 wrap-around like Spark", () => {
    const p = select(people(), "2147483647 + 1 AS x");
    expect(text(applyRule(constantFolding, p))).toBe(["Project [-2147483648 AS x]", "+- Scan csv people.csv [name, age, dept]"].join("\n"));
  });
  it("leaves the plan object unchanged when nothing folds", () => {
    const p = where(people(), "age > 25");
    expect(applyRule(constantFolding, p)).toBe(p);
  });
});

describe("merge_filters", () => {
  it("merges two adjacent filters into one conjunction", () => {
    const p = where(where(people(), "age > 25"), "dept = 'x'");
    expect(text(applyRule(mergeFilters, p))).toBe(
      ["Filter ((age > 25) AND (dept = 'x'))", "+- Scan csv people.csv [name, age, dept]"].join("\n"),
    );
  });
});

describe("extract_common_disjuncts", () => {
  it("pulls a conjunct every OR branch shares out of the OR", () => {
    const p = where(people(), "(dept = 'x' AND age > 25) OR (age < 10 AND dept = 'x') OR (dept = 'x' AND name = 'a')");
    expect(text(applyRule(extractCommonDisjuncts, p))).toBe(
      ["Filter ((dept = 'x') AND (((age > 25) OR (age < 10)) OR (name = 'a')))", "+- Scan csv people.csv [name, age, dept]"].join("\n"),
    );
  });
  it("keeps only the common part when a branch is nothing else ((a) OR (a AND b) is a)", () => {
    const p = where(people(), "dept = 'x' OR (dept = 'x' AND age > 25)");
    expect(text(applyRule(extractCommonDisjuncts, p))).toBe(["Filter (dept = 'x')", "+- Scan csv people.csv [name, age, dept]"].join("\n"));
  });
  it("leaves an OR without a common conjunct (same object)", () => {
    const p = where(people(), "(dept = 'x' AND age > 25) OR (dept = 'y' AND age > 25 + 0)");
    expect(applyRule(extractCommonDisjuncts, p)).toBe(p);
  });
  it("turns a join key repeated in every OR branch into a join key (TPC-H Q19's shape)", () => {
    const depts = scan("depts.csv", { id: "utf8", floor: "int32" });
    const p = where(join(people(), depts, [], "cross"), "(dept = id AND floor = 1 AND age > 25) OR (dept = id AND floor = 2)");
    const plan = text(optimize(p));
    expect(plan).toContain("Join inner ((dept = id) AND (((floor = 1) AND (age > 25)) OR (floor = 2)))");
    expect(text(optimize(p, { disabledRules: ["extract_common_disjuncts"] }))).not.toContain("Join inner ((dept = id)");
  });
});

describe("push_down_filter", () => {
  it("pushes a filter into the scan", () => {
    const p = where(people(), "age > 25");
    expect(text(applyRule(pushDownFilter, p))).toBe("Scan csv people.csv [name, age, dept] filters=[(age > 25)]");
  });
  it("pushes through a projection, substituting aliases", () => {
    const p = where(select(people(), "name", "age + 1 AS next"), "next > 30");
    expect(text(applyRule(pushDownFilter, p))).toBe(
      ["Project [name, (age + 1) AS next]", "+- Scan csv people.csv [name, age, dept] filters=[((age + 1) > 30)]"].join("\n"),
    );
  });
  it("splits conjuncts over the sides of an inner join", () => {
    const depts = scan("depts.csv", { id: "utf8", floor: "int32" });
    const p = where(join(people(), depts, "dept = id"), "age > 25 AND floor = 3");
    expect(text(applyRule(pushDownFilter, p))).toBe(
      [
        "Join inner (dept = id)",
        ":- Scan csv people.csv [name, age, dept] filters=[(age > 25)]",
        "+- Scan csv depts.csv [id, floor] filters=[(floor = 3)]",
      ].join("\n"),
    );
  });
  it("keeps a filter on the outer side of a left join above the join", () => {
    const depts = scan("depts.csv", { id: "utf8", floor: "int32" });
    const p = where(join(people(), depts, "dept = id", "left"), "floor = 3 AND age > 25");
    expect(text(applyRule(pushDownFilter, p))).toBe(
      [
        "Filter (floor = 3)",
        "+- Join left (dept = id)",
        "   :- Scan csv people.csv [name, age, dept] filters=[(age > 25)]",
        "   +- Scan csv depts.csv [id, floor]",
      ].join("\n"),
    );
  });
  it("pushes only conjuncts on grouping keys below an aggregate", () => {
    const p = where(groupBy(people(), ["dept"], ["count(*) AS n"]), "dept = 'x' AND n > 2");
    expect(text(applyRule(pushDownFilter, p))).toBe(
      [
        "Project [dept, count(1) AS n]",
        "+- Filter (count(1) > CAST(2 AS INT64))",
        "   +- Aggregate [dept] [count(1)]",
        "      +- Scan csv people.csv [name, age, dept] filters=[(dept = 'x')]",
      ].join("\n"),
    );
  });
});

describe("prune_columns", () => {
  it("narrows the scan to the columns used above it", () => {
    const p = groupBy(where(people(), "age > 25"), ["dept"], ["count(*)"]);
    expect(text(applyRule(pruneColumns, p))).toBe(
      ["Aggregate [dept] [count(1)]", "+- Filter (age > 25)", "   +- Scan csv people.csv [age, dept]"].join("\n"),
    );
  });
  it("keeps filter columns read by the scan but not output", () => {
    const pushed = applyRule(pushDownFilter, select(where(people(), "age > 25"), "name"));
    expect(text(applyRule(pruneColumns, pushed))).toBe(["Project [name]", "+- Scan csv people.csv [name, age] filters=[(age > 25)]"].join("\n"));
  });
  it("keeps a cached plan whole and selects the needed columns right above it", () => {
    const cached: LogicalPlan = { kind: "cache", input: people(), cacheId: 7 };
    const p = groupBy(where(cached, "age > 25"), ["dept"], ["count(*)"]);
    expect(text(applyRule(pruneColumns, p))).toBe(
      [
        "Aggregate [dept] [count(1)]",
        "+- Filter (age > 25)",
        "   +- Project [age, dept]",
        "      +- Cache #7 [name, age, dept]",
        "         +- Scan csv people.csv [name, age, dept]",
      ].join("\n"),
    );
    // A projection already right above the cache is the narrowing; none is added beneath it.
    const q = select(cached, "name");
    expect(text(applyRule(pruneColumns, q))).toBe(["Project [name]", "+- Cache #7 [name, age, dept]", "   +- Scan csv people.csv [name, age, dept]"].join("\n"));
    // Every column needed: nothing is added.
    expect(text(applyRule(pruneColumns, cached))).toBe(["Cache #7 [name, age, dept]", "+- Scan csv people.csv [name, age, dept]"].join("\n"));
  });
});

describe("push_down_limit", () => {
  it("moves a limit below a projection", () => {
    const p: LogicalPlan = { kind: "limit", input: select(people(), "name"), n: 10 };
    expect(text(applyRule(pushDownLimit, p))).toBe(["Project [name]", "+- Limit 10", "   +- Scan csv people.csv [name, age, dept]"].join("\n"));
  });
  it("copies a limit into each branch of a union and merges nested limits", () => {
    const a = people();
    const u: LogicalPlan = { kind: "union", inputs: [a, people()] };
    const p: LogicalPlan = { kind: "limit", input: { kind: "limit", input: u, n: 5 }, n: 3 };
    const once = applyRule(pushDownLimit, p);
    expect(text(once)).toBe(
      [
        "Limit 3",
        "+- Union",
        "   :- Limit 3",
        "   :  +- Scan csv people.csv [name, age, dept]",
        "   +- Limit 3",
        "      +- Scan csv people.csv [name, age, dept]",
      ].join("\n"),
    );
  });
});

describe("the optimizer", () => {
  it("runs the seed pipeline to a pushed filter and a two-column scan", () => {
    const p = groupBy(where(people(), "age > 25"), ["dept"], ["count(*) AS count"]);
    expect(text(optimize(p))).toBe(
      ["Project [dept, count(1) AS count]", "+- Aggregate [dept] [count(1)]", "   +- Scan csv people.csv [age, dept] filters=[(age > 25)]"].join("\n"),
    );
  });
  it("gives two spellings of one query the same plan", () => {
    const a = where(where(people(), "age > 25"), "dept = 'x'");
    const b = where(people(), "dept = 'x' AND age > 25 + 0");
    // Conjunct order differs, so compare the set of pushed filters.
    const filters = (p: LogicalPlan) => (p.kind === "scan" ? p.filters.map(String).length : -1);
    const oa = optimize(a);
    const ob = optimize(b);
    expect(oa.kind).toBe("scan");
    expect(ob.kind).toBe("scan");
    expect(filters(oa)).toBe(filters(ob));
    const t = (p: LogicalPlan) => text(p).replace(/filters=\[(.*)\]/, (_, f: string) => `filters=[${f.split(", ").sort().join(", ")}]`);
    expect(t(oa)).toBe(t(ob));
  });
  it("refuses an unknown rule name and can switch a rule off", () => {
    const p = where(people(), "age > 25");
    expect(() => optimize(p, { disabledRules: ["no_such_rule"] })).toThrow(/Unknown optimizer rule "no_such_rule"/);
    expect(text(optimize(p, { disabledRules: ["push_down_filter"] }))).toBe(
      ["Filter (age > 25)", "+- Scan csv people.csv [name, age, dept]"].join("\n"),
    );
  });
  it("plans a sort over a filter with the filter pushed below it", () => {
    const p = where(orderBy(people(), "age"), "age > 1");
    expect(text(optimize(p))).toBe(["Sort [age ASC NULLS FIRST]", "+- Scan csv people.csv [name, age, dept] filters=[(age > 1)]"].join("\n"));
  });
});
