/** The shape of an optimizer rule. */
import { type LogicalPlan, transformPlanDown } from "../logical-plan.js";

export type Rule =
  /** Rewrites one node; the driver applies it to every node, top-down. Same object = unchanged. */
  | { readonly name: string; readonly rewrite: (p: LogicalPlan) => LogicalPlan }
  /** Rewrites the whole plan at once (rules that need to see it from the root, like pruning). */
  | { readonly name: string; readonly apply: (p: LogicalPlan) => LogicalPlan };

export function applyRule(rule: Rule, plan: LogicalPlan): LogicalPlan {
  if ("apply" in rule) return rule.apply(plan);
  return transformPlanDown(plan, rule.rewrite);
}
