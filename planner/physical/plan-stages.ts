/**
 * Physical planning: turns an optimized logical plan into a stage graph. Narrow operators are
 * pipelined into the current stage; an exchange (aggregation, shuffled join, sort, repartition,
 * a global limit) ends the stage below it with a sink and starts a new one reading its output.
 */
import type { AggSpec, BoundExpr } from "../bound.js";
import { type BindContext, bindExpr } from "../bind.js";
import { type Expr, type WindowFrame, conjuncts, exprName, exprToString, references, andAll } from "../expr.js";
import { AnalysisError } from "../errors.js";
import { isNestedType } from "../nested-types.js";
import type { AggCall, LogicalPlan } from "../logical-plan.js";
import type { OutField, PhysNode, Sink, SortKey, Stage, StageGraph, WindowFuncSpec } from "../physical-plan.js";
import { isHolistic } from "../analyzer/stat-aggs.js";
import { namedAttr, outputOf, typeOf } from "../analyzer/types-of.js";
import type { Attr } from "../types.js";
import { aggStateTypes } from "./aggregate-states.js";
import { estimateBytes } from "./estimate.js";
import { pruneSplits } from "./prune-splits.js";

export interface PhysicalOptions extends BindContext {
  /** Partitions of every shuffle (Spark's spark.sql.shuffle.partitions). */
  readonly shufflePartitions: number;
  /** Sides estimated below this many bytes are broadcast (spark.sql.autoBroadcastJoinThreshold). */
  readonly broadcastThreshold: number;
}

/** A pipeline under construction: its root node, its attributes and its partition count. */
interface Frag {
  readonly node: PhysNode;
  readonly attrs: readonly Attr[];
  readonly partitions: number;
}

const fieldsOf = (attrs: readonly Attr[]): OutField[] => attrs.map((a) => ({ name: a.name, type: a.type, nullable: a.nullable }));

export class StagePlanner {
  private readonly stages: Stage[] = [];
  constructor(private readonly opts: PhysicalOptions) {}

  /** Plans `p` with a final sink (result by default). */
  build(p: LogicalPlan, sink: Sink = { kind: "result" }): StageGraph {
    if (sink.kind === "write" && sink.format === "arrow" && sink.partitionBy.length > 0) {
      throw new Error("The arrow write format does not support partitionBy: it writes one file per task.");
    }
    const f = this.plan(p);
    const id = this.stage(f, sink);
    return { stages: this.stages, resultStage: id, output: f.node.output };
  }

  private stage(f: Frag, sink: Sink, cacheId?: number): number {
    const id = this.stages.length;
    const parents = new Set<number>();
    collectParents(f.node, parents);
    const base = { id, root: f.node, partitions: f.partitions, sink, parents: [...parents].sort((a, b) => a - b) };
    this.stages.push(cacheId === undefined ? base : { ...base, cacheId });
    return id;
  }

  private exchange(f: Frag, sink: Sink, mode: "shuffle" | "range", keys?: readonly SortKey[]): Frag {
    const stage = this.stage(f, sink);
    const partitions = sink.kind === "hash" || sink.kind === "roundRobin" || sink.kind === "range" ? sink.partitions : 1;
    const node: PhysNode = keys ? { op: "exchange", stage, mode, keys, output: f.node.output } : { op: "exchange", stage, mode, output: f.node.output };
    return { node, attrs: f.attrs, partitions };
  }

  private hashExchange(f: Frag, keys: readonly number[], partitions: number, fixed = false): Frag {
    const describe = keys.length ? `hash(${keys.map((k) => f.attrs[k]?.name).join(", ")})` : "single";
    return this.exchange(f, { kind: "hash", keys, partitions, describe, ...(fixed ? { fixedPartitions: true as const } : {}) }, "shuffle");
  }

  /** Appends computed columns for `exprs` that are not plain columns; returns their positions. */
  private withColumns(f: Frag, exprs: readonly Expr[]): { frag: Frag; positions: number[] } {
    const attrs = [...f.attrs];
    const extra: BoundExpr[] = [];
    const positions = exprs.map((e) => {
      if (e.kind === "ref") {
        const i = attrs.findIndex((a) => a.id === e.attr.id);
        if (i >= 0) return i;
      }
      extra.push(bindExpr(e, f.attrs, this.opts));
      attrs.push({ id: -attrs.length - 1, name: exprToString(e), type: typeOf(e), nullable: true });
      return attrs.length - 1;
    });
    if (extra.length === 0) return { frag: f, positions };
    const exprsAll: BoundExpr[] = [...f.attrs.map((a, i): BoundExpr => ({ kind: "input", index: i, type: a.type })), ...extra];
    return { frag: { node: { op: "project", input: f.node, exprs: exprsAll, output: fieldsOf(attrs) }, attrs, partitions: f.partitions }, positions };
  }

  private project(f: Frag, attrs: readonly Attr[]): Frag {
    const same = attrs.length === f.attrs.length && attrs.every((a, i) => a.id === f.attrs[i]?.id);
    if (same) return f;
    const exprs = attrs.map((a) => bindExpr({ kind: "ref", attr: a }, f.attrs, this.opts));
    return { node: { op: "project", input: f.node, exprs, output: fieldsOf(attrs) }, attrs, partitions: f.partitions };
  }

  plan(p: LogicalPlan): Frag {
    switch (p.kind) {
      case "scan":
        return this.scan(p);
      case "local":
        return { node: { op: "local", partitions: p.partitions, output: fieldsOf(p.output) }, attrs: p.output, partitions: Math.max(1, p.partitions.length) };
      case "checkpoint":
        return this.checkpoint(p);
      case "filter": {
        const f = this.plan(p.input);
        return { ...f, node: { op: "filter", input: f.node, predicate: bindExpr(p.predicate, f.attrs, this.opts), output: f.node.output } };
      }
      case "project": {
        const f = this.plan(p.input);
        const attrs = p.exprs.map(namedAttr);
        return { node: { op: "project", input: f.node, exprs: p.exprs.map((e) => bindExpr(e, f.attrs, this.opts)), output: fieldsOf(attrs) }, attrs, partitions: f.partitions };
      }
      case "aggregate":
        return this.aggregate(this.plan(p.input), p.keys, p.aggs, outputOf(p));
      case "distinct": {
        const f = this.plan(p.input);
        return this.aggregate(f, f.attrs.map((a): Expr => ({ kind: "ref", attr: a })), [], f.attrs);
      }
      case "join":
        return this.join(p);
      case "asofJoin":
        return this.asofJoin(p);
      case "sort":
        return this.sort(this.plan(p.input), p.orders, null);
      case "limit":
        return this.limit(p);
      case "window":
        return this.window(p);
      case "sample": {
        const f = this.plan(p.input);
        const { lowerBound, upperBound, withReplacement, seed } = p;
        const keys: SortKey[] = f.attrs.flatMap((a, index) => (a.type === "null" || isNestedType(a.type) ? [] : [{ index, ascending: true, nullsFirst: true }]));
        const describe = keys.map((k) => `${f.attrs[k.index]?.name} ASC NULLS FIRST`).join(", ");
        const input: PhysNode = p.sortFirst && keys.length ? { op: "sort", input: f.node, keys, limit: null, describe, output: f.node.output } : f.node;
        return { ...f, node: { op: "sample", input, lowerBound, upperBound, withReplacement, seed, output: f.node.output } };
      }
      case "generate": {
        const f = this.plan(p.input);
        const attrs = outputOf(p);
        const position = p.fn === "posexplode" || p.fn === "posexplode_outer";
        const outer = p.fn === "explode_outer" || p.fn === "posexplode_outer";
        const node: PhysNode = { op: "generate", input: f.node, fn: p.fn, arg: bindExpr(p.arg, f.attrs, this.opts), position, outer, output: fieldsOf(attrs) };
        return { node, attrs, partitions: f.partitions };
      }
      case "expand": {
        const f = this.plan(p.input);
        const projections = p.projections.map((row) => row.map((e) => bindExpr(e, f.attrs)));
        return { node: { op: "expand", input: f.node, projections, output: fieldsOf(p.output) }, attrs: p.output, partitions: f.partitions };
      }
      case "union": {
        const frags = p.inputs.map((i) => this.plan(i));
        const attrs = outputOf(p);
        const counts = frags.map((f) => f.partitions);
        return { node: { op: "union", inputs: frags.map((f) => f.node), counts, output: fieldsOf(attrs) }, attrs, partitions: counts.reduce((a, b) => a + b, 0) };
      }
      case "repartition": {
        const f = this.plan(p.input);
        if (p.keys.length === 0) return this.exchange(f, { kind: "roundRobin", partitions: p.n }, "shuffle");
        refuseNestedKeys(p.keys, "repartition by");
        const { frag, positions } = this.withColumns(f, p.keys);
        return this.project(this.hashExchange(frag, positions, p.n, true), f.attrs);
      }
      case "coalesce": {
        const f = this.plan(p.input);
        if (p.n >= f.partitions) return f;
        const groups: number[][] = Array.from({ length: p.n }, () => []);
        for (let i = 0; i < f.partitions; i++) groups[Math.floor((i * p.n) / f.partitions)]?.push(i);
        return { node: { op: "coalesce", input: f.node, groups, output: f.node.output }, attrs: f.attrs, partitions: p.n };
      }
      case "cache": {
        const f = this.plan(p.input);
        const stage = this.stage(f, { kind: "result" }, p.cacheId);
        return { node: { op: "exchange", stage, mode: "partition", output: f.node.output }, attrs: f.attrs, partitions: f.partitions };
      }
    }
  }

  private scan(p: Extract<LogicalPlan, { kind: "scan" }>): Frag {
    const { source } = p;
    const { splits } = pruneSplits(source, p.all, p.filters);
    const needed = new Set(p.output.map((a) => a.id));
    for (const f of p.filters) references(f, needed);
    const isPart = (a: Attr): boolean => source.partitionSchema.some((f) => f.name === a.name);
    const readAttrs = p.all.filter((a) => needed.has(a.id) && !isPart(a));
    const partAttrs = p.all.filter((a) => needed.has(a.id) && isPart(a));
    const layout = [...readAttrs, ...partAttrs];
    const filter = andAll(p.filters);
    const node: PhysNode = {
      op: "scan",
      format: source.format,
      path: source.path,
      files: source.files.map((f) => ({ path: f.path, partitionValues: f.partitionValues })),
      splits,
      dataSchema: source.dataSchema.map((f) => ({ name: f.name, type: f.type })),
      readColumns: readAttrs.map((a) => ({ name: a.name, type: a.type })),
      partitionColumns: partAttrs.map((a) => ({ name: a.name, type: a.type })),
      filter: filter ? bindExpr(filter, layout, this.opts) : null,
      project: p.output.map((a) => layout.findIndex((l) => l.id === a.id)),
      ...(source.csv ? { csv: source.csv } : {}),
      output: fieldsOf(p.output),
    };
    if (splits.length === 0) return { node: { op: "local", partitions: [], output: fieldsOf(p.output) }, attrs: p.output, partitions: 1 };
    return { node, attrs: p.output, partitions: splits.length };
  }

  private checkpoint(p: Extract<LogicalPlan, { kind: "checkpoint" }>): Frag {
    const output = fieldsOf(p.output);
    // An empty checkpoint wrote no files: one empty partition, like an empty scan.
    if (p.files.length === 0) return { node: { op: "local", partitions: [], output }, attrs: p.output, partitions: 1 };
    const columns = p.output.map((a) => p.all.findIndex((x) => x.id === a.id));
    const node: PhysNode = { op: "checkpoint", files: p.files.map((f) => f.path), rows: p.files.map((f) => f.rows), columns, output };
    return { node, attrs: p.output, partitions: p.files.length };
  }

  private aggregate(f: Frag, keys: readonly Expr[], aggs: readonly AggCall[], out: readonly Attr[]): Frag {
    const keyExprs = keys.map((k) => (k.kind === "alias" ? k.input : k));
    const inputs = aggs.flatMap((a) => (a.input ? (a.input2 ? [a.input, a.input2] : [a.input]) : []));
    const { frag, positions } = this.withColumns(f, [...keyExprs, ...inputs]);
    const keyPos = positions.slice(0, keys.length);
    // Each input column once, however many aggregates read it: median(v3) and stddev(v3) shuffle v3 once.
    const inputPos = positions.slice(keys.length);
    const columns = [...new Set(inputPos)];
    const pre = this.project(frag, [...keyPos, ...columns].map((i) => frag.attrs[i] as Attr));
    // After `pre`, keys are columns 0..k-1 and the distinct aggregate inputs follow.
    let next = 0;
    const column = (): number => keys.length + columns.indexOf(inputPos[next++] as number);
    const specs: AggSpec[] = aggs.map((a) => {
      const input = a.input ? column() : null;
      const spec: AggSpec = { fn: a.fn, distinct: a.distinct, input, inputType: a.input ? typeOf(a.input) : "int64", resultType: a.attr.type };
      const second = a.input2 ? { input2: column(), input2Type: typeOf(a.input2) } : {};
      return { ...spec, ...second, ...(a.params ? { params: a.params } : {}) };
    });
    const keyTypes = keys.map((k) => typeOf(k));
    refuseNestedKeys(keys, "group by (or take distinct rows of)");
    const keyIdx = keys.map((_, i) => i);
    const describe = `keys=[${keys.map((k) => namedAttr(k).name).join(", ")}], aggs=[${aggs.map((a) => a.attr.name).join(", ")}]`;
    const outFields = fieldsOf(out);
    const parts = keys.length === 0 ? 1 : this.opts.shufflePartitions;
    // DISTINCT and holistic aggregates have no partial state: raw rows meet in one complete aggregation.
    if (aggs.some((a) => a.distinct || isHolistic(a.fn))) {
      const shuffled = this.hashExchange(pre, keyIdx, parts);
      return { node: { op: "hashAggregate", input: shuffled.node, mode: "complete", keyTypes, aggs: specs, describe, output: outFields }, attrs: out, partitions: shuffled.partitions };
    }
    const stateAttrs: Attr[] = [...pre.attrs.slice(0, keys.length)];
    for (const s of specs) for (const t of aggStateTypes(s.fn, s.inputType)) stateAttrs.push({ id: -1 - stateAttrs.length, name: `${s.fn}_state`, type: t, nullable: true });
    const partial: Frag = { node: { op: "hashAggregate", input: pre.node, mode: "partial", keyTypes, aggs: specs, describe, output: fieldsOf(stateAttrs) }, attrs: stateAttrs, partitions: pre.partitions };
    const shuffled = this.hashExchange(partial, keyIdx, parts);
    return { node: { op: "hashAggregate", input: shuffled.node, mode: "final", keyTypes, aggs: specs, describe, output: outFields }, attrs: out, partitions: shuffled.partitions };
  }

  private sort(f: Frag, orders: readonly { expr: Expr; ascending: boolean; nullsFirst: boolean }[], limit: number | null): Frag {
    const { frag, positions } = this.withColumns(f, orders.map((o) => o.expr));
    const keys: SortKey[] = orders.map((o, i) => ({ index: positions[i] as number, ascending: o.ascending, nullsFirst: o.nullsFirst }));
    const describe = orders.map((o) => `${exprToString(o.expr)} ${o.ascending ? "ASC" : "DESC"} NULLS ${o.nullsFirst ? "FIRST" : "LAST"}`).join(", ");
    const local = (g: Frag): Frag => ({ ...g, node: { op: "sort", input: g.node, keys, limit, describe, output: g.node.output } });
    let sorted: Frag;
    if (frag.partitions === 1) sorted = local(frag);
    else if (limit !== null) {
      // Top-k: each partition keeps its best `limit` rows, one task merges them.
      sorted = local(this.hashExchange(local(frag), [], 1));
    } else {
      const parts = Math.max(frag.partitions, this.opts.shufflePartitions);
      const ranged = this.exchange(frag, { kind: "range", keys, partitions: parts, describe }, "range", keys);
      sorted = local(ranged);
    }
    return this.project(sorted, f.attrs);
  }

  /**
   * Hash exchange on the PARTITION BY keys (all rows to one partition without them, as Spark
   * does), a local sort by (keys, ORDER BY), then the window operator.
   */
  private window(p: Extract<LogicalPlan, { kind: "window" }>): Frag {
    refuseNestedKeys([...p.partitionBy, ...p.orderBy.map((o) => o.expr)], "partition or order a window by");
    const f = this.plan(p.input);
    const pos = (e: Expr): number => {
      const i = e.kind === "ref" ? f.attrs.findIndex((a) => a.id === e.attr.id) : -1;
      if (i < 0) throw new Error(`internal: window key ${exprToString(e)} is not an input column`);
      return i;
    };
    const partitionKeys = p.partitionBy.map(pos);
    const orderKeys: SortKey[] = p.orderBy.map((o) => ({ index: pos(o.expr), ascending: o.ascending, nullsFirst: o.nullsFirst }));
    // A group limit runs on both sides of the shuffle, as Spark's WindowGroupLimit (Partial and
    // Final): before it, each task sends only its best rows; after it, the sort sees only the best
    // of those (q8 at 1e7: the sort after the shuffle had ~1M rows per task, ~5× the result).
    const limit = (node: PhysNode): PhysNode =>
      p.groupLimit === undefined ? node : { op: "windowGroupLimit", input: node, partitionKeys, orderKeys, limit: p.groupLimit, output: node.output };
    const exchanged = f.partitions === 1 && partitionKeys.length === 0 ? f : this.hashExchange({ ...f, node: limit(f.node) }, partitionKeys, partitionKeys.length ? this.opts.shufflePartitions : 1);
    const shuffled: Frag = { ...exchanged, node: limit(exchanged.node) };
    const sortKeys: SortKey[] = [...partitionKeys.map((index) => ({ index, ascending: true, nullsFirst: true })), ...orderKeys];
    const sortDescribe = sortKeys.map((k) => `${f.attrs[k.index]?.name} ${k.ascending ? "ASC" : "DESC"} NULLS ${k.nullsFirst ? "FIRST" : "LAST"}`).join(", ");
    const sorted: PhysNode = sortKeys.length ? { op: "sort", input: shuffled.node, keys: sortKeys, limit: null, describe: sortDescribe, output: shuffled.node.output } : shuffled.node;
    const funcs = p.exprs.map((e) => windowFuncSpec(e, pos, p.orderBy.length > 0));
    const attrs = outputOf(p);
    const describe = `[${p.exprs.map((e) => namedAttr(e).name).join(", ")}] partitionBy=[${p.partitionBy.map(exprToString).join(", ")}] orderBy=[${p.orderBy.map((o) => `${exprToString(o.expr)} ${o.ascending ? "ASC" : "DESC"}`).join(", ")}]`;
    const node: PhysNode = { op: "window", input: sorted, partitionKeys, orderKeys, funcs, describe, output: fieldsOf(attrs) };
    return { node, attrs, partitions: shuffled.partitions };
  }

  private limit(p: Extract<LogicalPlan, { kind: "limit" }>): Frag {
    if (p.input.kind === "sort") return this.sort(this.plan(p.input.input), p.input.orders, p.n);
    const f = this.plan(p.input);
    const local = (g: Frag): Frag => ({ ...g, node: { op: "limit", input: g.node, n: p.n, output: g.node.output } });
    if (f.partitions === 1) return local(f);
    return local(this.hashExchange(local(f), [], 1));
  }

  /** Both sides exchanged on the by keys (one partition without), then the merge operator. */
  private asofJoin(p: Extract<LogicalPlan, { kind: "asofJoin" }>): Frag {
    const L = this.withColumns(this.plan(p.left), [p.leftKey, ...p.leftBy]);
    const R = this.withColumns(this.plan(p.right), [p.rightKey, ...p.rightBy]);
    const n = p.leftBy.length ? this.opts.shufflePartitions : 1;
    const lf = this.hashExchange(L.frag, L.positions.slice(1), n);
    const rf = this.hashExchange(R.frag, R.positions.slice(1), n);
    const attrs = [...lf.attrs, ...rf.attrs.map((a) => (a.nullable ? a : { ...a, nullable: true }))];
    const describe = `${p.strategy} ${exprToString(p.leftKey)} ~ ${exprToString(p.rightKey)}${p.leftBy.length ? ` by [${p.leftBy.map(exprToString).join(", ")}] = [${p.rightBy.map(exprToString).join(", ")}]` : ""}${p.tolerance !== null ? ` tolerance=${p.tolerance}` : ""}`;
    const node: PhysNode = {
      op: "asofJoin",
      left: lf.node,
      right: rf.node,
      leftKey: L.positions[0] as number,
      rightKey: R.positions[0] as number,
      leftBy: L.positions.slice(1),
      rightBy: R.positions.slice(1),
      strategy: p.strategy,
      tolerance: p.tolerance,
      describe,
      output: fieldsOf(attrs),
    };
    return this.project({ node, attrs, partitions: n }, outputOf(p));
  }

  private join(p: Extract<LogicalPlan, { kind: "join" }>): Frag {
    const left = this.plan(p.left);
    const right = this.plan(p.right);
    const lIds = new Set(left.attrs.map((a) => a.id));
    const rIds = new Set(right.attrs.map((a) => a.id));
    const within = (e: Expr, ids: Set<number>): boolean => {
      const r = references(e);
      return r.size > 0 && [...r].every((id) => ids.has(id));
    };
    const lk: Expr[] = [];
    const rk: Expr[] = [];
    const residual: Expr[] = [];
    for (const c of p.condition ? conjuncts(p.condition) : []) {
      if (c.kind === "binary" && c.op === "=" && within(c.left, lIds) && within(c.right, rIds)) (lk.push(c.left), rk.push(c.right));
      else if (c.kind === "binary" && c.op === "=" && within(c.left, rIds) && within(c.right, lIds)) (lk.push(c.right), rk.push(c.left));
      else residual.push(c);
    }
    refuseNestedKeys([...lk, ...rk], "join on");
    const how = p.how === "cross" && lk.length > 0 ? "inner" : p.how;
    const L = this.withColumns(left, lk);
    const R = this.withColumns(right, rk);
    const lBytes = estimateBytes(p.left);
    const rBytes = estimateBytes(p.right);
    const limit = this.opts.broadcastThreshold;
    const canBuildRight = ["inner", "left", "semi", "anti", "cross"].includes(how);
    const canBuildLeft = how === "inner" || how === "right";
    let buildSide: "left" | "right";
    let broadcast: boolean;
    if (lk.length === 0) {
      if (!canBuildRight && !canBuildLeft) throw new Error(`A ${how} join needs at least one equality between the two sides (a = b) in its condition.`);
      buildSide = canBuildRight ? "right" : "left";
      broadcast = true;
    } else if (canBuildRight && rBytes <= limit && (!canBuildLeft || rBytes <= lBytes)) {
      buildSide = "right";
      broadcast = true;
    } else if (canBuildLeft && lBytes <= limit) {
      buildSide = "left";
      broadcast = true;
    } else {
      buildSide = how === "right" ? "left" : "right";
      broadcast = false;
    }
    let lf = L.frag;
    let rf = R.frag;
    let partitions: number;
    if (broadcast) {
      const small = buildSide === "right" ? rf : lf;
      const stage = this.stage(small, { kind: "result" });
      const read: Frag = { node: { op: "exchange", stage, mode: "broadcast", output: small.node.output }, attrs: small.attrs, partitions: 1 };
      if (buildSide === "right") rf = read;
      else lf = read;
      partitions = buildSide === "right" ? lf.partitions : rf.partitions;
    } else {
      const n = this.opts.shufflePartitions;
      lf = this.hashExchange(lf, L.positions, n);
      rf = this.hashExchange(rf, R.positions, n);
      partitions = n;
    }
    const semi = how === "semi" || how === "anti";
    const joinedAttrs = semi ? lf.attrs : [...lf.attrs, ...rf.attrs];
    const res = andAll(residual);
    const describe = `${how}${broadcast ? ` broadcast ${buildSide}` : ""}${lk.length ? ` keys=[${lk.map(exprToString).join(", ")}] = [${rk.map(exprToString).join(", ")}]` : ""}${res ? ` residual=${exprToString(res)}` : ""}`;
    const node: PhysNode = {
      op: "hashJoin",
      left: lf.node,
      right: rf.node,
      how,
      buildSide,
      leftKeys: L.positions,
      rightKeys: R.positions,
      residual: res ? bindExpr(res, [...lf.attrs, ...rf.attrs], this.opts) : null,
      broadcast,
      describe,
      output: fieldsOf(joinedAttrs),
    };
    return this.project({ node, attrs: joinedAttrs, partitions }, outputOf(p));
  }
}

/** The operator's description of one `alias(over(fn))`, with Spark's default frame filled in. */
function windowFuncSpec(e: Expr, pos: (e: Expr) => number, ordered: boolean): WindowFuncSpec {
  const over = e.kind === "alias" ? e.input : e;
  if (over.kind !== "over") throw new Error(`internal: a window column is not an over expression: ${exprToString(e)}`);
  const frame: WindowFrame = over.frame ?? (ordered ? { type: "range", start: null, end: 0 } : { type: "rows", start: null, end: null });
  const type = typeOf(over);
  const f = over.fn;
  if (f.kind === "agg") {
    const input = f.input ? pos(f.input) : null;
    return { fn: f.fn, input, inputType: f.input ? typeOf(f.input) : "int64", offset: 0, defaultValue: null, ignoreNulls: false, frame, type };
  }
  if (f.kind !== "winFn") throw new Error(`internal: over(${exprToString(f)})`);
  const litNum = (x: Expr | undefined): number => (x?.kind === "lit" ? Number(x.value) : 0);
  const first = f.args[0];
  switch (f.fn) {
    case "ntile":
      return { fn: f.fn, input: null, inputType: "int32", offset: litNum(first), defaultValue: null, ignoreNulls: false, frame, type };
    case "lag":
    case "lead": {
      const d = f.args[2];
      return { fn: f.fn, input: pos(first as Expr), inputType: typeOf(first as Expr), offset: litNum(f.args[1]), defaultValue: d?.kind === "lit" ? d.value : null, ignoreNulls: f.ignoreNulls, frame, type };
    }
    case "first_value":
    case "last_value":
    case "nth_value":
      return { fn: f.fn, input: pos(first as Expr), inputType: typeOf(first as Expr), offset: f.fn === "nth_value" ? litNum(f.args[1]) : 0, defaultValue: null, ignoreNulls: f.ignoreNulls, frame, type };
    default:
      return { fn: f.fn, input: null, inputType: "int32", offset: 0, defaultValue: null, ignoreNulls: false, frame, type };
  }
}

function collectParents(n: PhysNode, into: Set<number>): void {
  switch (n.op) {
    case "exchange":
      into.add(n.stage);
      return;
    case "scan":
    case "local":
    case "checkpoint":
      return;
    case "hashJoin":
    case "asofJoin":
      collectParents(n.left, into);
      collectParents(n.right, into);
      return;
    case "union":
      for (const i of n.inputs) collectParents(i, into);
      return;
    default:
      collectParents(n.input, into);
  }
}

export function planStages(p: LogicalPlan, opts: PhysicalOptions, sink?: Sink): StageGraph {
  return new StagePlanner(opts).build(p, sink);
}

/**
 * Joining and partitioning keys must be flat: Spark takes arrays and structs there, Cinder's key
 * tables and hashes do not yet (grouping and distinct on them are rewritten by
 * group_by_nested_keys, and reach this check only with that rule switched off; sorting compares
 * them directly). Refused before any task runs.
 */
function refuseNestedKeys(keys: readonly Expr[], what: string): void {
  for (const k of keys) {
    const t = typeOf(k);
    if (isNestedType(t)) {
      throw new AnalysisError(
        `Cannot ${what} ${exprName(k.kind === "alias" ? k.input : k)} of type ${t}: keys of array or struct type are not supported yet for joins, window PARTITION BY/ORDER BY and repartition (grouping and distinct take them through the group_by_nested_keys rule, sorting directly). Key on a field (s.a), an element or size(xs) instead.`,
      );
    }
  }
}
