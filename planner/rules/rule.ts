/** The shape of an optimizer rule. */
import { type LogicalPlan, transformPlanDown } from "../logical-plan.js";

export type Rule =
  /** Rewrites one node; the driver applies it to every node, top-down. Same object = unchanged. */
  | { readonly name: string; readonly rewrite: (p: LogicalPlan) => LogicalPlan }
  /** Rewrites the whole plan at once (rules that need to see it from the root, like pruning). */
  | { readonly name: string; readonly apply: (p: LogicalPlan) => LogicalPlan };

export function applyRule(rule: Rule, plan: LogicalPlan): LogicalPlan {
  if ("apply" in rule) return rule.apply(plan);
  // Re-apply at a node until it settles (a merge can expose another rewrite there), then descend.
  const rewrite = rule.rewrite;
  return transformPlanDown(plan, (p) => {
    let cur = p;
    for (let i = 0; i < 16; i++) {
      const next = rewrite(cur);
      if (next === cur) break;
      cur = next;
    }
    return cur;
  });
}
