/**
 * prune_columns: walks the plan from the root with the set of attributes each node's parent needs,
 * drops projections and aggregates nobody reads, and narrows scans and checkpoints to the columns
 * needed — so CSV and Parquet readers decode only those, and checkpoint reads convert only those.
 * A cached plan stays whole (every reuse reads the same blocks); a projection of the needed
 * columns goes right above it instead.
 *
 * ```text
 * Before:                                        After:
 * Aggregate [dept] [count(1)]                    Aggregate [dept] [count(1)]
 * +- Filter (age > 25)                           +- Filter (age > 25)
 *    +- Scan csv people.csv [name, age, dept]       +- Scan csv people.csv [age, dept]
 * ```
 */
import { type Expr, references } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import { namedAttr, outputOf } from "../analyzer/types-of.js";
import type { Rule } from "./rule.js";

type Ids = ReadonlySet<number>;

function refsOf(exprs: readonly (Expr | null)[], into: Set<number>): Set<number> {
  for (const e of exprs) if (e) references(e, into);
  return into;
}

function allIds(p: LogicalPlan): Set<number> {
  return new Set(outputOf(p).map((a) => a.id));
}

/** Keeps the items whose id is needed, but never all of them away (a zero-column batch still has rows, but readers and Arrow are simpler with one column). */
function keepSome<T>(items: readonly T[], keep: (t: T) => boolean): readonly T[] {
  const kept = items.filter(keep);
  if (kept.length === items.length) return items;
  return kept.length > 0 ? kept : items.slice(0, 1);
}

function prune(p: LogicalPlan, need: Ids): LogicalPlan {
  switch (p.kind) {
    case "scan":
    case "checkpoint": {
      const output = keepSome(p.output, (a) => need.has(a.id));
      return output === p.output ? p : { ...p, output };
    }
    case "local":
      return p;
    case "filter": {
      const input = prune(p.input, refsOf([p.predicate], new Set(need)));
      return input === p.input ? p : { ...p, input };
    }
    case "project": {
      const exprs = keepSome(p.exprs, (e) => need.has(namedAttr(e).id));
      // A projection right above a cache is itself the narrowing: no second one beneath it.
      const input = p.input.kind === "cache" ? prune(p.input, allIds(p.input)) : prune(p.input, refsOf(exprs, new Set()));
      return exprs === p.exprs && input === p.input ? p : { ...p, exprs, input };
    }
    case "aggregate": {
      const aggs = p.aggs.filter((a) => need.has(a.attr.id));
      const kept = aggs.length === p.aggs.length ? p.aggs : aggs;
      const input = prune(p.input, refsOf([...p.keys, ...kept.flatMap((a) => [a.input, a.input2 ?? null])], new Set()));
      return kept === p.aggs && input === p.input ? p : { ...p, aggs: kept, input };
    }
    case "asofJoin": {
      const want = refsOf([p.leftKey, p.rightKey, ...p.leftBy, ...p.rightBy], new Set(need));
      const left = prune(p.left, new Set([...allIds(p.left)].filter((id) => want.has(id))));
      const right = prune(p.right, new Set([...allIds(p.right)].filter((id) => want.has(id))));
      return left === p.left && right === p.right ? p : { ...p, left, right };
    }
    case "join": {
      const want = refsOf([p.condition], new Set(need));
      const left = prune(p.left, new Set([...allIds(p.left)].filter((id) => want.has(id))));
      const right = prune(p.right, new Set([...allIds(p.right)].filter((id) => want.has(id))));
      return left === p.left && right === p.right ? p : { ...p, left, right };
    }
    case "window": {
      // Window columns nobody reads are dropped, and the whole node when none is read.
      const exprs = p.exprs.filter((e) => need.has(namedAttr(e).id));
      if (exprs.length === 0) return prune(p.input, need);
      const want = refsOf([...exprs, ...p.partitionBy, ...p.orderBy.map((o) => o.expr)], new Set(need));
      const kept = exprs.length === p.exprs.length ? p.exprs : exprs;
      const input = prune(p.input, want);
      return kept === p.exprs && input === p.input ? p : { ...p, exprs: kept, input };
    }
    case "expand": {
      // Output columns nobody reads leave every projection.
      const keep = keepSome(p.output.map((_, i) => i), (i) => need.has((p.output[i] as { id: number }).id));
      const output = keep.length === p.output.length ? p.output : keep.map((i) => p.output[i] as (typeof p.output)[number]);
      const projections = output === p.output ? p.projections : p.projections.map((row) => keep.map((i) => row[i] as Expr));
      const input = prune(p.input, refsOf(projections.flat(), new Set()));
      return output === p.output && input === p.input ? p : { ...p, output, projections, input };
    }
    case "generate": {
      // The input's columns the parent reads, and the array the generator reads.
      const input = prune(p.input, refsOf([p.arg], new Set(need)));
      return input === p.input ? p : { ...p, input };
    }
    case "sort": {
      const input = prune(p.input, refsOf(p.orders.map((o) => o.expr), new Set(need)));
      return input === p.input ? p : { ...p, input };
    }
    case "repartition": {
      const input = prune(p.input, refsOf(p.keys, new Set(need)));
      return input === p.input ? p : { ...p, input };
    }
    case "limit":
    case "sample":
    case "coalesce": {
      const input = prune(p.input, need);
      return input === p.input ? p : { ...p, input };
    }
    case "distinct": {
      // Every column takes part in distinct.
      const input = prune(p.input, allIds(p.input));
      return input === p.input ? p : { ...p, input };
    }
    case "cache": {
      // A cached plan is kept whole so every reuse can read it; the columns this use needs are
      // selected right above it (Spark's InMemoryTableScan reads only the required columns), so
      // a filter or sort over the cache copies those columns only, not all of them.
      const input = prune(p.input, allIds(p.input));
      const whole = input === p.input ? p : { ...p, input };
      const out = outputOf(whole);
      if (out.every((a) => need.has(a.id))) return whole;
      const exprs = keepSome(out, (a) => need.has(a.id)).map((a): Expr => ({ kind: "ref", attr: a }));
      return { kind: "project", input: whole, exprs };
    }
    case "union": {
      const top = outputOf(p);
      const positions = top.map((a, i) => (need.has(a.id) ? i : -1)).filter((i) => i >= 0);
      const keep = positions.length > 0 ? positions : [0];
      const inputs = p.inputs.map((child) => {
        const attrs = outputOf(child);
        const ids = new Set(keep.map((i) => attrs[i]?.id as number));
        const pruned = prune(child, ids);
        // Each branch must still output exactly the kept positions, in order.
        const out = outputOf(pruned);
        const wanted = keep.map((i) => attrs[i]);
        if (out.length === wanted.length && out.every((a, i) => a.id === wanted[i]?.id)) return pruned;
        return { kind: "project" as const, input: pruned, exprs: wanted.map((a): Expr => ({ kind: "ref", attr: a as NonNullable<typeof a> })) };
      });
      return inputs.every((c, i) => c === p.inputs[i]) ? p : { ...p, inputs };
    }
  }
}

function apply(plan: LogicalPlan): LogicalPlan {
  return prune(plan, allIds(plan));
}

export const pruneColumns: Rule = { name: "prune_columns", apply };
