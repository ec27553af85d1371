/**
 * The optimizer driver. Rules run in batches to a fixed point, in this order:
 *
 *   0. subqueries    rewrite_scalar_subquery, rewrite_predicate_subquery — SQL subqueries become
 *                    joins before anything else, so no other rule (nor the executor) meets one;
 *                    to a fixed point, as a joined-in subquery may hold another.
 *   0b. nested keys  group_by_nested_keys — grouping and DISTINCT on arrays and structs become
 *                    grouping on their text encoding, before push-down sees the aggregate.
 *   1. simplify      constant_folding, merge_filters, extract_common_disjuncts — cheap local rewrites that make the plan
 *                    smaller and put predicates in one place, so push-down sees whole conjunctions.
 *   2. push down     push_down_filter, push_down_limit — move work towards the sources; run after
 *                    simplification so folded `true` filters are gone and merged filters move once.
 *   3. prune         prune_columns — last, because push-down changes which columns each node needs
 *                    (a filter pushed into a scan still needs its columns; one removed does not).
 *   4. limit windows window_group_limit — after push-down, which puts a filter on row_number
 *                    right above its Window.
 *
 * After each rule the driver checks that the plan's output schema did not change (a rule that
 * changes what the user sees is a bug), and records the plan for `explain({ verbose: true })`.
 * Any rule can be switched off by name.
 */
import { outputOf } from "./analyzer/types-of.js";
import type { LogicalPlan } from "./logical-plan.js";
import { type Rule, applyRule } from "./rules/rule.js";
import { constantFolding } from "./rules/constant-folding.js";
import { extractCommonDisjuncts } from "./rules/extract-common-disjuncts.js";
import { rewritePredicateSubquery } from "./rules/rewrite-predicate-subquery.js";
import { rewriteScalarSubquery } from "./rules/rewrite-scalar-subquery.js";
import { mergeFilters } from "./rules/merge-filters.js";
import { pruneColumns } from "./rules/prune-columns.js";
import { pushDownFilter } from "./rules/push-down-filter.js";
import { pushDownLimit } from "./rules/push-down-limit.js";
import { windowGroupLimit } from "./rules/window-group-limit.js";
import { groupByNestedKeys } from "./rules/group-by-nested-keys.js";

export interface RuleBatch {
  readonly name: string;
  readonly rules: readonly Rule[];
  readonly maxIterations: number;
}

export const RULE_BATCHES: readonly RuleBatch[] = [
  { name: "subqueries", rules: [rewriteScalarSubquery, rewritePredicateSubquery], maxIterations: 10 },
  { name: "nested_keys", rules: [groupByNestedKeys], maxIterations: 1 },
  { name: "simplify", rules: [constantFolding, mergeFilters, extractCommonDisjuncts], maxIterations: 10 },
  { name: "push_down", rules: [pushDownFilter, mergeFilters, constantFolding, pushDownLimit], maxIterations: 10 },
  { name: "prune", rules: [pruneColumns], maxIterations: 1 },
  { name: "limit_windows", rules: [windowGroupLimit], maxIterations: 1 },
];

export const RULE_NAMES: readonly string[] = [...new Set(RULE_BATCHES.flatMap((b) => b.rules.map((r) => r.name)))];

export interface OptimizeOptions {
  /** Rule names to skip. */
  readonly disabledRules?: readonly string[];
}

export interface OptimizeTrace {
  readonly rule: string;
  readonly plan: LogicalPlan;
}

function sameSchema(a: LogicalPlan, b: LogicalPlan): boolean {
  const x = outputOf(a);
  const y = outputOf(b);
  return x.length === y.length && x.every((f, i) => f.id === y[i]?.id && f.name === y[i]?.name && f.type === y[i]?.type);
}

export function optimize(plan: LogicalPlan, opts: OptimizeOptions = {}, trace?: OptimizeTrace[]): LogicalPlan {
  const disabled = new Set(opts.disabledRules ?? []);
  for (const unknown of disabled) {
    if (!RULE_NAMES.includes(unknown)) throw new Error(`Unknown optimizer rule "${unknown}"; rules are: ${RULE_NAMES.join(", ")}.`);
  }
  let current = plan;
  for (const batch of RULE_BATCHES) {
    for (let i = 0; i < batch.maxIterations; i++) {
      const before = current;
      for (const rule of batch.rules) {
        if (disabled.has(rule.name)) continue;
        const next = applyRule(rule, current);
        if (next === current) continue;
        if (!sameSchema(current, next)) {
          throw new Error(`internal: optimizer rule ${rule.name} changed the plan's output schema`);
        }
        trace?.push({ rule: rule.name, plan: next });
        current = next;
      }
      if (current === before) break;
    }
  }
  return current;
}
