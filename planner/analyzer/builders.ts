/**
 * Builders for each logical node from the user's (unresolved) expressions. The DataFrame API calls
 * these, so analysis happens as the pipeline is built and errors point at the call that caused them.
 */
import { AnalysisError } from "../errors.js";
import { type Expr, exprName, exprToString, exists, existsOutsideWindow, transformUp } from "../expr.js";
import type { AggCall, JoinType, LogicalPlan, SortOrder } from "../logical-plan.js";
import { type Attr, commonType, newAttrId } from "../types.js";
import { extractWindows, hasWindow } from "./build-window.js";
import { extractGenerator, hasGenerator } from "./build-generate.js";
import { cast, resolveExpr, resolveName } from "./resolve.js";
import { namedAttr, nullableOf, outputOf, typeOf } from "./types-of.js";

/** Names an output expression: a bare column keeps its attribute; anything else gets a new one. */
function named(resolved: Expr, original: Expr): Expr {
  if (resolved.kind === "ref") return resolved;
  if (resolved.kind === "alias") return resolved.id === undefined ? { ...resolved, id: newAttrId() } : resolved;
  return { kind: "alias", input: resolved, name: exprName(original), id: newAttrId() };
}

/** Expands `*` (and `t.*`) into the input's columns. */
function expandStars(exprs: readonly Expr[], input: readonly Attr[]): Expr[] {
  const out: Expr[] = [];
  for (const e of exprs) {
    if (e.kind === "col" && e.name === "*") {
      const q = e.qualifier?.toLowerCase();
      for (const a of input) if (q === undefined || a.qualifier?.toLowerCase() === q) out.push({ kind: "ref", attr: a });
    } else out.push(e);
  }
  return out;
}

export function buildProject(input: LogicalPlan, exprs: readonly Expr[], operation = "select"): LogicalPlan {
  const attrs = outputOf(input);
  const expanded = expandStars(exprs, attrs);
  if (expanded.some((e) => existsOutsideWindow(e, (x) => x.kind === "agg"))) return buildAggregate(input, [], expanded, operation);
  const out = expanded.map((e) => named(resolveExpr(e, attrs, { operation, allowGenerators: true }), e));
  if (out.some(hasGenerator)) {
    if (out.some(hasWindow)) throw new AnalysisError(`A generator and a window function cannot share one ${operation}; explode first, then add the window in a later select.`);
    const g = extractGenerator(input, out, operation);
    return { kind: "project", input: g.plan, exprs: g.exprs };
  }
  if (!out.some(hasWindow)) return { kind: "project", input, exprs: out };
  const w = extractWindows(input, out);
  return { kind: "project", input: w.plan, exprs: w.exprs };
}

export function buildFilter(input: LogicalPlan, predicate: Expr): LogicalPlan {
  const resolved = resolveExpr(predicate, outputOf(input), { operation: "where" });
  const t = typeOf(resolved);
  if (t !== "boolean" && t !== "null") {
    throw new AnalysisError(`where/filter needs a boolean condition, but ${exprToString(resolved)} is ${t}.`);
  }
  return { kind: "filter", input, predicate: cast(resolved, "boolean") };
}

export function buildWithColumn(input: LogicalPlan, name: string, e: Expr): LogicalPlan {
  const attrs = outputOf(input);
  let resolved = resolveExpr(e, attrs, { operation: `withColumn("${name}")`, allowGenerators: true });
  if (hasGenerator(resolved)) {
    // withColumn("x", explode(xs)): Generate, then the generated column under `name` (Spark).
    const g = extractGenerator(input, [{ kind: "alias", input: resolved, name, id: newAttrId() }], `withColumn("${name}")`);
    const gen = g.exprs.map((x) => (x.kind === "ref" ? x.attr : undefined)).filter((a): a is Attr => a !== undefined);
    const last = gen[gen.length - 1] as Attr;
    const value: Expr = { kind: "alias", input: { kind: "ref", attr: last }, name, id: newAttrId() };
    let replaced = false;
    const exprs: Expr[] = attrs.map((a) => {
      if (a.name.toLowerCase() !== name.toLowerCase()) return { kind: "ref", attr: a };
      replaced = true;
      return value;
    });
    if (!replaced) exprs.push(...gen.slice(0, -1).map((a): Expr => ({ kind: "ref", attr: a })), value);
    return { kind: "project", input: g.plan, exprs };
  }
  if (hasWindow(resolved)) {
    const w = extractWindows(input, [resolved]);
    input = w.plan;
    resolved = w.exprs[0] as Expr;
  }
  const value: Expr = { kind: "alias", input: resolved, name, id: newAttrId() };
  let replaced = false;
  const exprs: Expr[] = attrs.map((a) => {
    if (a.name.toLowerCase() !== name.toLowerCase()) return { kind: "ref", attr: a };
    replaced = true;
    return value;
  });
  if (!replaced) exprs.push(value);
  return { kind: "project", input, exprs };
}

export function buildRename(input: LogicalPlan, from: string, to: string): LogicalPlan {
  const attrs = outputOf(input);
  // Spark: renaming a column that does not exist is a no-op.
  if (!attrs.some((a) => a.name === from)) return input;
  const exprs: Expr[] = attrs.map((a) =>
    a.name === from ? { kind: "alias", input: { kind: "ref", attr: a }, name: to, id: newAttrId() } : { kind: "ref", attr: a },
  );
  return { kind: "project", input, exprs };
}

export function buildDrop(input: LogicalPlan, names: readonly (string | Attr)[]): LogicalPlan {
  const attrs = outputOf(input);
  const ids = new Set<number>();
  for (const n of names) {
    if (typeof n === "string") {
      for (const a of attrs) if (a.name.toLowerCase() === n.toLowerCase()) ids.add(a.id);
    } else ids.add(n.id);
  }
  if (ids.size === 0) return input;
  return { kind: "project", input, exprs: attrs.filter((a) => !ids.has(a.id)).map((a) => ({ kind: "ref", attr: a })) };
}

/**
 * groupBy(keys).agg(exprs). Aggregate calls are pulled out into the Aggregate node; anything
 * computed from them (`sum(a) / count(b)`) becomes a Project above it.
 */
export function buildAggregate(input: LogicalPlan, keys: readonly Expr[], aggExprs: readonly Expr[], operation = "agg"): LogicalPlan {
  const attrs = outputOf(input);
  const keyExprs = expandStars(keys, attrs).map((k) => named(resolveExpr(k, attrs, { operation: "groupBy" }), k));
  const keyAttrs = keyExprs.map(namedAttr);
  const calls: AggCall[] = [];
  const outputs: Expr[] = [];
  for (const original of aggExprs) {
    if (hasWindow(original)) {
      throw new AnalysisError(`Window functions cannot be mixed with aggregation in ${operation}: aggregate first, then add ${exprToString(original)} in a select or withColumn.`);
    }
    const resolved = resolveExpr(original, attrs, { operation, allowAggregates: true });
    // Replace each aggregate call by a reference to its result; reuse identical calls.
    const body = transformUp(resolved, (x) => {
      if (x.kind !== "agg") return x;
      const text = exprToString(x);
      const found = calls.find((c) => exprToString({ ...c, kind: "agg" }) === text);
      if (found) return { kind: "ref", attr: found.attr };
      const attr: Attr = { id: newAttrId(), name: text, type: typeOf(x), nullable: nullableOf(x) };
      const { kind: _, ...call } = x;
      calls.push({ ...call, attr });
      return { kind: "ref", attr };
    });
    // Columns outside aggregates must be grouping keys.
    const aggIds = new Set(calls.map((c) => c.attr.id));
    const groupedBody = transformUp(body, (x) => {
      if (x.kind !== "ref" || aggIds.has(x.attr.id)) return x;
      const k = keyExprs.findIndex((ke) => ke.kind === "ref" ? ke.attr.id === x.attr.id : false);
      if (k >= 0) return { kind: "ref", attr: keyAttrs[k] as Attr };
      throw new AnalysisError(
        `Column "${x.attr.name}" in ${exprToString(resolved)} is neither grouped nor aggregated; add it to groupBy(...) or wrap it in an aggregate such as first("${x.attr.name}").`,
      );
    });
    outputs.push(
      groupedBody.kind === "alias" || groupedBody.kind === "ref" && resolved.kind !== "alias"
        ? groupedBody
        : { kind: "alias", input: groupedBody, name: exprName(original), id: newAttrId() },
    );
  }
  const agg: LogicalPlan = { kind: "aggregate", input, keys: keyExprs, aggs: calls };
  // A plain list of aggregate calls needs no projection on top.
  const trivial = outputs.every((o, i) => o.kind === "ref" && o.attr.id === calls[i]?.attr.id) && outputs.length === calls.length;
  if (trivial) return agg;
  const top: Expr[] = [...keyAttrs.map((a): Expr => ({ kind: "ref", attr: a })), ...outputs.map((o) => (o.kind === "alias" && o.id === undefined ? { ...o, id: newAttrId() } : o))];
  return { kind: "project", input: agg, exprs: top };
}

export function buildSort(input: LogicalPlan, orders: readonly Expr[]): LogicalPlan {
  const attrs = outputOf(input);
  const out: SortOrder[] = orders.map((o) => {
    const base = o.kind === "sortOrder" ? o : { kind: "sortOrder" as const, input: o, ascending: true, nullsFirst: true };
    const expr = resolveExpr(base.input, attrs, { operation: "orderBy" });
    return { expr, ascending: base.ascending, nullsFirst: base.nullsFirst };
  });
  return { kind: "sort", input, orders: out };
}

/** Gives the right side fresh attribute ids when it shares any with the left (a self-join). */
export function dedupeRight(left: LogicalPlan, right: LogicalPlan): LogicalPlan {
  const leftIds = new Set(outputOf(left).map((a) => a.id));
  const r = outputOf(right);
  if (!r.some((a) => leftIds.has(a.id))) return right;
  const fresh = (a: Attr): Expr => ({ kind: "alias", input: { kind: "ref", attr: a }, name: a.name, id: newAttrId(), ...(a.qualifier === undefined ? {} : { qualifier: a.qualifier }) });
  return { kind: "project", input: right, exprs: r.map(fresh) };
}

export type JoinOn = null | readonly string[] | Expr;

export function buildJoin(left: LogicalPlan, rightIn: LogicalPlan, on: JoinOn, how: JoinType): LogicalPlan {
  const right = dedupeRight(left, rightIn);
  const la = outputOf(left);
  const ra = outputOf(right);
  const operation = `join(${how})`;
  if (on === null) {
    if (how !== "cross" && how !== "inner") throw new AnalysisError(`A ${how} join needs a join condition (on).`);
    return { kind: "join", left, right, how: "cross", condition: null };
  }
  if (Array.isArray(on)) {
    const names = on as readonly string[];
    const pairs = names.map((n) => [resolveName(n, undefined, la, { operation }), resolveName(n, undefined, ra, { operation })] as const);
    let condition: Expr | null = null;
    for (const [l, r] of pairs) {
      const eq = resolveExpr({ kind: "binary", op: "=", left: { kind: "ref", attr: l }, right: { kind: "ref", attr: r } }, [...la, ...ra], { operation });
      condition = condition ? { kind: "binary", op: "and", left: condition, right: eq } : eq;
    }
    const join: LogicalPlan = { kind: "join", left, right, how, condition };
    if (how === "semi" || how === "anti") return join;
    // USING: each key once (coalesced for full joins), then the other columns of each side.
    const joined = outputOf(join);
    const byId = new Map(joined.map((a) => [a.id, a]));
    const leftIds = new Set(pairs.map(([l]) => l.id));
    const rightIds = new Set(pairs.map(([, r]) => r.id));
    const keyExprs: Expr[] = pairs.map(([l, r]) => {
      const lj = byId.get(l.id) as Attr;
      const rj = byId.get(r.id) as Attr;
      if (how === "right") return { kind: "ref", attr: rj };
      if (how === "full") {
        return {
          kind: "alias",
          input: { kind: "call", fn: "coalesce", args: [{ kind: "ref", attr: lj }, cast({ kind: "ref", attr: rj }, lj.type)] },
          name: l.name,
          id: newAttrId(),
        };
      }
      return { kind: "ref", attr: lj };
    });
    const rest: Expr[] = joined.filter((a) => !leftIds.has(a.id) && !rightIds.has(a.id)).map((a) => ({ kind: "ref", attr: a }));
    return { kind: "project", input: join, exprs: [...keyExprs, ...rest] };
  }
  const condition = resolveExpr(on as Expr, [...la, ...ra], { operation });
  if (typeOf(condition) !== "boolean") throw new AnalysisError(`Join condition ${exprToString(condition)} is not boolean.`);
  return { kind: "join", left, right, how, condition };
}

export function buildUnion(a: LogicalPlan, b: LogicalPlan, byName: boolean, allowMissing = false): LogicalPlan {
  const aa = outputOf(a);
  let bb = outputOf(b);
  let right = b;
  if (byName) {
    const exprs: Expr[] = aa.map((x) => {
      const hit = bb.find((y) => y.name.toLowerCase() === x.name.toLowerCase());
      if (hit) return { kind: "ref", attr: hit };
      if (allowMissing) return { kind: "alias", input: { kind: "lit", value: null, type: x.type }, name: x.name, id: newAttrId() };
      throw new AnalysisError(`unionByName: column "${x.name}" is missing from the second DataFrame (columns: ${bb.map((y) => y.name).join(", ")}).`);
    });
    if (bb.length > aa.length && !allowMissing) {
      const extra = bb.filter((y) => !aa.some((x) => x.name.toLowerCase() === y.name.toLowerCase()));
      throw new AnalysisError(`unionByName: column "${extra[0]?.name}" of the second DataFrame is missing from the first (columns: ${aa.map((x) => x.name).join(", ")}).`);
    }
    right = { kind: "project", input: b, exprs };
    bb = outputOf(right);
  }
  if (aa.length !== bb.length) {
    throw new AnalysisError(`union needs the same number of columns: the first DataFrame has ${aa.length} (${aa.map((x) => x.name).join(", ")}), the second ${bb.length} (${bb.map((x) => x.name).join(", ")}).`);
  }
  const types = aa.map((x, i) => {
    const y = bb[i] as Attr;
    const t = commonType(x.type, y.type);
    if (t === undefined) throw new AnalysisError(`union: column ${i + 1} is ${x.type} ("${x.name}") in the first DataFrame and ${y.type} ("${y.name}") in the second, which have no common type.`);
    return t;
  });
  const widen = (p: LogicalPlan, attrs: readonly Attr[]): LogicalPlan =>
    attrs.every((x, i) => x.type === types[i])
      ? p
      : { kind: "project", input: p, exprs: attrs.map((x, i): Expr => (x.type === types[i] ? { kind: "ref", attr: x } : { kind: "alias", input: cast({ kind: "ref", attr: x }, types[i] as Attr["type"]), name: x.name, id: newAttrId() })) };
  const left = widen(a, aa);
  const rightW = widen(right, bb);
  const inputs = [...(left.kind === "union" ? left.inputs : [left]), rightW];
  return { kind: "union", inputs };
}

/** dropDuplicates(cols): Spark's rewrite — group by those columns, first() of the rest. */
export function buildDropDuplicates(input: LogicalPlan, cols: readonly string[] | undefined): LogicalPlan {
  if (!cols || cols.length === 0) return { kind: "distinct", input };
  const attrs = outputOf(input);
  const keys = cols.map((c) => resolveName(c, undefined, attrs, { operation: "dropDuplicates" }));
  const keyIds = new Set(keys.map((k) => k.id));
  const aggs: AggCall[] = attrs
    .filter((a) => !keyIds.has(a.id))
    .map((a) => ({ fn: "first", input: { kind: "ref", attr: a }, distinct: false, attr: { ...a, id: newAttrId(), nullable: true } }));
  const agg: LogicalPlan = { kind: "aggregate", input, keys: keys.map((k) => ({ kind: "ref", attr: k })), aggs };
  // Restore the original column order.
  const out = outputOf(agg);
  const exprs: Expr[] = attrs.map((a) => {
    const kept = keyIds.has(a.id) ? a : (aggs.find((g) => g.input?.kind === "ref" && g.input.attr.id === a.id)?.attr as Attr);
    return { kind: "ref", attr: out.find((o) => o.id === kept.id) as Attr };
  });
  return { kind: "project", input: agg, exprs };
}

export function buildRepartition(input: LogicalPlan, n: number, keys: readonly Expr[]): LogicalPlan {
  if (!Number.isInteger(n) || n < 1) throw new AnalysisError(`repartition needs a positive whole number of partitions, got ${n}.`);
  const attrs = outputOf(input);
  const resolved = keys.map((k) => resolveExpr(k, attrs, { operation: "repartition" }));
  return { kind: "repartition", input, n, keys: resolved };
}
