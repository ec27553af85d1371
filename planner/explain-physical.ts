/** The physical plan as text: one block per stage, one line per operator (EXPLAIN's physical part). */
import type { BoundExpr } from "./bound.js";
import type { PhysNode, Sink, Stage, StageGraph } from "./physical-plan.js";

export function boundToString(e: BoundExpr, names: readonly string[]): string {
  const s = (x: BoundExpr): string => boundToString(x, names);
  switch (e.kind) {
    case "input":
      return names[e.index] ?? `#${e.index}`;
    case "lit":
      return e.value === null ? "NULL" : typeof e.value === "string" ? `'${e.value}'` : String(e.value);
    case "binary":
      return `(${s(e.left)} ${e.op === "and" ? "AND" : e.op === "or" ? "OR" : e.op} ${s(e.right)})`;
    case "not":
      return `(NOT ${s(e.input)})`;
    case "neg":
      return `(- ${s(e.input)})`;
    case "isNull":
      return `(${s(e.input)} IS ${e.negated ? "NOT " : ""}NULL)`;
    case "cast":
      return `CAST(${s(e.input)} AS ${e.type.toUpperCase()})`;
    case "case":
      return `CASE ${e.branches.map((b) => `WHEN ${s(b.when)} THEN ${s(b.then)}`).join(" ")}${e.otherwise ? ` ELSE ${s(e.otherwise)}` : ""} END`;
    case "in":
      return `(${s(e.input)} ${e.negated ? "NOT " : ""}IN (${e.list.map(s).join(", ")}))`;
    case "call":
      return `${e.fn}(${e.args.map(s).join(", ")})`;
    case "udf":
      return `${e.name}(${e.args.map(s).join(", ")})`;
  }
}

const names = (n: PhysNode): string[] => n.output.map((f) => f.name);

function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

export function physLine(n: PhysNode): string {
  switch (n.op) {
    case "scan": {
      const read = [...n.readColumns, ...n.partitionColumns].map((c) => c.name);
      const filter = n.filter ? ` filter=${boundToString(n.filter, read)}` : "";
      return `Scan ${n.format} ${baseName(n.path)} read=[${read.join(", ")}]${filter} (${n.splits.length} split${n.splits.length === 1 ? "" : "s"})`;
    }
    case "local":
      return `LocalData [${names(n).join(", ")}] (${n.partitions.length} partitions)`;
    case "checkpoint":
      return `Checkpoint read=[${names(n).join(", ")}] (${n.files.length} file${n.files.length === 1 ? "" : "s"})`;
    case "exchange": {
      const c = n.coalesced;
      return `Exchange[${n.mode}] from stage ${n.stage}${c ? ` coalesced ${c.from} → ${c.partitions.length} partition${c.partitions.length === 1 ? "" : "s"}` : ""}`;
    }
    case "filter":
      return `Filter ${boundToString(n.predicate, names(n.input))}`;
    case "project":
      return `Project [${n.exprs.map((e, i) => {
        const text = boundToString(e, names(n.input));
        const name = n.output[i]?.name ?? "";
        return text === name ? text : `${text} AS ${name}`;
      }).join(", ")}]`;
    case "hashAggregate":
      return `HashAggregate[${n.mode}]: ${n.describe}`;
    case "hashJoin":
      return `HashJoin ${n.describe}`;
    case "asofJoin":
      return `AsofJoin ${n.describe}`;
    case "sort":
      return `Sort [${n.describe}]${n.limit !== null ? ` limit=${n.limit}` : ""}`;
    case "limit":
      return `Limit ${n.n}`;
    case "sample":
      return `Sample [${n.lowerBound}, ${n.upperBound}) withReplacement=${n.withReplacement} seed=${n.seed}`;
    case "generate":
      return `Generate ${n.fn}(${boundToString(n.arg, names(n.input))}) [${names(n).slice(n.input.output.length).join(", ")}]`;
    case "expand":
      return `Expand ${n.projections.length} projections [${names(n).join(", ")}]`;
    case "window":
      return `Window ${n.describe}`;
    case "windowGroupLimit":
      return `WindowGroupLimit partitionBy=[${n.partitionKeys.map((k) => `#${k}`).join(", ")}] limit=${n.limit}`;
    case "union":
      return `Union (${n.counts.join(" + ")} partitions)`;
    case "coalesce":
      return `Coalesce ${n.groups.length}`;
  }
}

function kids(n: PhysNode): PhysNode[] {
  switch (n.op) {
    case "scan":
    case "local":
    case "checkpoint":
    case "exchange":
      return [];
    case "hashJoin":
    case "asofJoin":
      return [n.left, n.right];
    case "union":
      return [...n.inputs];
    default:
      return [n.input];
  }
}

export function sinkLine(s: Sink): string {
  switch (s.kind) {
    case "hash":
      return `${s.describe} × ${s.partitions}`;
    case "roundRobin":
      return `round robin × ${s.partitions}`;
    case "range":
      return `range(${s.describe}) × ${s.partitions}`;
    case "result":
      return "result";
    case "write":
      return `write ${s.format}${s.partitionBy.length ? ` partitioned` : ""}`;
  }
}

/** One stage: its header line (with `note` appended, e.g. run figures), then its operator tree. */
export function stageToString(s: Stage, note?: string): string {
  const head = `Stage ${s.id}: ${s.partitions} task${s.partitions === 1 ? "" : "s"} → ${sinkLine(s.sink)}${s.cacheId !== undefined ? ` (cache #${s.cacheId})` : ""}`;
  const lines = [note ? `${head}  [${note}]` : head];
  const walk = (n: PhysNode, prefix: string, childPrefix: string): void => {
    lines.push(prefix + physLine(n));
    const ks = kids(n);
    ks.forEach((k, i) => {
      const last = i === ks.length - 1;
      walk(k, childPrefix + (last ? "+- " : ":- "), childPrefix + (last ? "   " : ":  "));
    });
  };
  walk(s.root, "  ", "  ");
  return lines.join("\n");
}

/** Stages from the last (the result) down to the first, as Spark prints them. */
export function stagesToString(g: StageGraph, notes?: ReadonlyMap<number, string>): string {
  return [...g.stages].reverse().map((s) => stageToString(s, notes?.get(s.id))).join("\n");
}
