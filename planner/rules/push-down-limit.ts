/**
 * push_down_limit: a limit moves below projections, into every branch of a union (keeping the
 * limit on top), and two limits become the smaller one. (A limit over a sort stays put: physical
 * planning turns the pair into a per-partition top-k.)
 *
 * ```text
 * Before:                       After:
 * Limit 10                      Project [a]
 * +- Project [a]                +- Limit 10
 *    +- Scan …                     +- Scan …
 *
 * Limit 5                       Limit 5
 * +- Union                      +- Union
 *    :- Scan a                     :- Limit 5
 *    +- Scan b                     :  +- Scan a
 *                                  +- Limit 5
 *                                     +- Scan b
 * ```
 */
import type { LogicalPlan } from "../logical-plan.js";
import type { Rule } from "./rule.js";

function rewrite(p: LogicalPlan): LogicalPlan {
  if (p.kind !== "limit") return p;
  const input = p.input;
  switch (input.kind) {
    case "limit":
      return { kind: "limit", input: input.input, n: Math.min(p.n, input.n) };
    case "project":
      return { ...input, input: { kind: "limit", input: input.input, n: p.n } };
    case "union": {
      if (input.inputs.every((c) => c.kind === "limit" && c.n <= p.n)) return p;
      const inputs = input.inputs.map((c): LogicalPlan => (c.kind === "limit" && c.n <= p.n ? c : { kind: "limit", input: c, n: p.n }));
      return { ...p, input: { ...input, inputs } };
    }
    default:
      return p;
  }
}

export const pushDownLimit: Rule = { name: "push_down_limit", rewrite };
