/** Logical plans as text, one line per node, in the tree style Spark's EXPLAIN uses. */
import { type Expr, exprToString, references } from "./expr.js";
import { type LogicalPlan, planChildren } from "./logical-plan.js";
import { namedAttr, outputOf } from "./analyzer/types-of.js";

function list(exprs: readonly Expr[]): string {
  return `[${exprs.map(exprToString).join(", ")}]`;
}

function named(e: Expr): string {
  if (e.kind === "ref") return e.attr.name;
  if (e.kind === "alias") {
    const inner = exprToString(e.input);
    return inner === e.name ? inner : `${inner} AS ${e.name}`;
  }
  return exprToString(e);
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** The one-line description of a node. */
export function nodeLine(p: LogicalPlan): string {
  switch (p.kind) {
    case "scan": {
      // The columns the reader decodes: the output plus what pushed filters need.
      const read = new Set(p.output.map((a) => a.id));
      for (const f of p.filters) for (const id of references(f)) read.add(id);
      const cols = p.all.filter((a) => read.has(a.id)).map((a) => a.name).join(", ");
      const filters = p.filters.length ? ` filters=${list(p.filters)}` : "";
      return `Scan ${p.source.format} ${baseName(p.source.path)} [${cols}]${filters}`;
    }
    case "local":
      return `LocalRelation [${p.output.map((a) => a.name).join(", ")}] (${p.rows} rows)`;
    case "checkpoint":
      return `Checkpoint ${p.dir} [${p.output.map((a) => a.name).join(", ")}] (${p.files.length} file${p.files.length === 1 ? "" : "s"})`;
    case "filter":
      return `Filter ${exprToString(p.predicate)}`;
    case "project":
      return `Project [${p.exprs.map(named).join(", ")}]`;
    case "aggregate":
      return `Aggregate [${p.keys.map(named).join(", ")}] [${p.aggs.map((a) => a.attr.name).join(", ")}]`;
    case "asofJoin":
      return `AsofJoin ${p.strategy} ${exprToString(p.leftKey)} ~ ${exprToString(p.rightKey)}${p.leftBy.length ? ` by ${list(p.leftBy)} = ${list(p.rightBy)}` : ""}${p.tolerance !== null ? ` tolerance=${p.tolerance}` : ""}`;
    case "join":
      return `Join ${p.how}${p.condition ? ` ${exprToString(p.condition)}` : ""}`;
    case "sort":
      return `Sort [${p.orders.map((o) => `${exprToString(o.expr)} ${o.ascending ? "ASC" : "DESC"} NULLS ${o.nullsFirst ? "FIRST" : "LAST"}`).join(", ")}]`;
    case "window": {
      const order = p.orderBy.map((o) => `${exprToString(o.expr)} ${o.ascending ? "ASC" : "DESC"} NULLS ${o.nullsFirst ? "FIRST" : "LAST"}`);
      return `Window [${p.exprs.map(named).join(", ")}] partitionBy=${list(p.partitionBy)} orderBy=[${order.join(", ")}]${p.groupLimit !== undefined ? ` groupLimit=${p.groupLimit}` : ""}`;
    }
    case "limit":
      return `Limit ${p.n}`;
    case "sample":
      return `Sample [${p.lowerBound}, ${p.upperBound}) withReplacement=${p.withReplacement} seed=${p.seed}${p.sortFirst ? " sortedWithinPartitions" : ""}`;
    case "expand":
      return `Expand ${p.projections.length} projections [${p.output.map((a) => a.name).join(", ")}]`;
    case "generate":
      return `Generate ${p.fn}(${exprToString(p.arg)}) [${p.output.map((a) => a.name).join(", ")}]`;
    case "distinct":
      return "Distinct";
    case "union":
      return "Union";
    case "repartition":
      return p.keys.length ? `Repartition ${p.n} by ${list(p.keys)}` : `Repartition ${p.n} (round robin)`;
    case "coalesce":
      return `Coalesce ${p.n}`;
    case "cache":
      return `Cache #${p.cacheId} [${outputOf(p).map((a) => a.name).join(", ")}]`;
  }
}

/** The whole tree, Spark style (`+-` for the last child, `:-` for the others). */
export function planToString(p: LogicalPlan): string {
  const lines: string[] = [];
  const walk = (n: LogicalPlan, prefix: string, childPrefix: string): void => {
    lines.push(prefix + nodeLine(n));
    const kids = planChildren(n);
    kids.forEach((k, i) => {
      const last = i === kids.length - 1;
      walk(k, childPrefix + (last ? "+- " : ":- "), childPrefix + (last ? "   " : ":  "));
    });
  };
  walk(p, "", "");
  return lines.join("\n");
}

/** The output column names of a plan (handy in tests). */
export function outputNames(p: LogicalPlan): string[] {
  return outputOf(p).map((a) => a.name);
}

export { namedAttr };
