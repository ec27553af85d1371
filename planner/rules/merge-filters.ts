/**
 * merge_filters: two adjacent filters become one conjunction, so push-down moves them together.
 *
 * ```text
 * Before:                              After:
 * Filter (dept = 'x')                  Filter ((age > 25) AND (dept = 'x'))
 * +- Filter (age > 25)                 +- Scan csv people.csv [age, dept]
 *    +- Scan csv people.csv [age, dept]
 * ```
 */
import type { LogicalPlan } from "../logical-plan.js";
import type { Rule } from "./rule.js";

function rewrite(p: LogicalPlan): LogicalPlan {
  if (p.kind !== "filter" || p.input.kind !== "filter") return p;
  return {
    kind: "filter",
    input: p.input.input,
    predicate: { kind: "binary", op: "and", left: p.input.predicate, right: p.predicate },
  };
}

export const mergeFilters: Rule = { name: "merge_filters", rewrite };
