/**
 * joinAsof: an AsofJoin node under a Project that shapes the output as Polars does — the left
 * columns, then the right ones without the `on` key and `by` columns (when both sides share the
 * name), a right column whose name the left already has renamed with a suffix ("_right").
 *
 * ```text
 * trades.joinAsof(quotes, { on: "t", by: "sym" })
 *
 * Project [sym, t, qty, bid]
 * +- AsofJoin backward t ~ t by [sym] = [sym]
 *    :- …trades
 *    +- …quotes
 * ```
 */
import { AnalysisError } from "../errors.js";
import type { Expr } from "../expr.js";
import type { AsofStrategy, LogicalPlan } from "../logical-plan.js";
import { type Attr, type DataType, commonType, isNumeric, newAttrId } from "../types.js";
import { dedupeRight } from "./builders.js";
import { cast, resolveName } from "./resolve.js";
import { outputOf } from "./types-of.js";

export interface AsofOptions {
  /** The key column of both sides (numeric, date or timestamp). */
  readonly on?: string;
  readonly leftOn?: string;
  readonly rightOn?: string;
  /** Columns that must be equal (both sides). */
  readonly by?: string | readonly string[];
  readonly leftBy?: string | readonly string[];
  readonly rightBy?: string | readonly string[];
  /** Default "backward": the last right row at or before the left key. */
  readonly strategy?: AsofStrategy;
  /** The largest key distance of a match, in key units (days for dates, microseconds for timestamps). */
  readonly tolerance?: number;
  /** Appended to right column names the left side also has. Default "_right". */
  readonly suffix?: string;
}

const refOf = (a: Attr): Expr => ({ kind: "ref", attr: a });
const listOf = (x: string | readonly string[] | undefined): readonly string[] => (x === undefined ? [] : typeof x === "string" ? [x] : x);
const orderable = (t: DataType): boolean => isNumeric(t) || t === "date" || t === "timestamp";

/** Both refs cast to their common type; `what` names them in errors. */
function pair(l: Attr, r: Attr, what: string, keyOnly: boolean): [Expr, Expr] {
  const t = commonType(l.type, r.type);
  if (t === undefined || (keyOnly && !orderable(t))) {
    const need = keyOnly ? "numeric, date or timestamp columns of compatible types" : "columns of compatible types";
    throw new AnalysisError(`joinAsof: ${what} "${l.name}" (${l.type}) and "${r.name}" (${r.type}) must be ${need}.`);
  }
  return [cast(refOf(l), t), cast(refOf(r), t)];
}

export function buildAsofJoin(left: LogicalPlan, rightIn: LogicalPlan, opts: AsofOptions): LogicalPlan {
  const operation = "joinAsof";
  const strategy = opts.strategy ?? "backward";
  if (strategy !== "backward" && strategy !== "forward" && strategy !== "nearest") {
    throw new AnalysisError(`${operation}: strategy must be "backward", "forward" or "nearest", got "${String(strategy)}".`);
  }
  const tolerance = opts.tolerance ?? null;
  if (tolerance !== null && !(Number.isFinite(tolerance) && tolerance >= 0)) throw new AnalysisError(`${operation}: tolerance must be a number ≥ 0, got ${tolerance}.`);
  const leftOn = opts.leftOn ?? opts.on;
  const rightOn = opts.rightOn ?? opts.on;
  if (leftOn === undefined || rightOn === undefined) throw new AnalysisError(`${operation} needs a key: on, or leftOn and rightOn.`);
  const leftByNames = opts.leftBy !== undefined ? listOf(opts.leftBy) : listOf(opts.by);
  const rightByNames = opts.rightBy !== undefined ? listOf(opts.rightBy) : listOf(opts.by);
  if (leftByNames.length !== rightByNames.length) throw new AnalysisError(`${operation}: leftBy has ${leftByNames.length} columns but rightBy ${rightByNames.length}.`);

  const right = dedupeRight(left, rightIn);
  const la = outputOf(left);
  const ra = outputOf(right);
  const ctx = { operation };
  const lKey = resolveName(leftOn, undefined, la, ctx);
  const rKey = resolveName(rightOn, undefined, ra, ctx);
  const [leftKey, rightKey] = pair(lKey, rKey, "the keys", true);
  const lBy = leftByNames.map((n) => resolveName(n, undefined, la, ctx));
  const rBy = rightByNames.map((n) => resolveName(n, undefined, ra, ctx));
  const byPairs = lBy.map((l, i) => pair(l, rBy[i] as Attr, "by columns", false));
  const join: LogicalPlan = {
    kind: "asofJoin",
    left,
    right,
    leftKey,
    rightKey,
    leftBy: byPairs.map(([l]) => l),
    rightBy: byPairs.map(([, r]) => r),
    strategy,
    tolerance,
  };
  // Polars' output: right `on` / `by` columns dropped when shared by name, clashing names suffixed.
  const dropped = new Set<number>();
  if (opts.on !== undefined) dropped.add(rKey.id);
  rBy.forEach((r, i) => {
    if ((lBy[i] as Attr).name.toLowerCase() === r.name.toLowerCase()) dropped.add(r.id);
  });
  const out = outputOf(join);
  const leftNames = new Set(la.map((a) => a.name.toLowerCase()));
  const suffix = opts.suffix ?? "_right";
  const exprs: Expr[] = out.slice(la.length).flatMap((a): Expr[] => {
    if (dropped.has(a.id)) return [];
    return leftNames.has(a.name.toLowerCase()) ? [{ kind: "alias", input: refOf(a), name: a.name + suffix, id: newAttrId() }] : [refOf(a)];
  });
  return { kind: "project", input: join, exprs: [...out.slice(0, la.length).map(refOf), ...exprs] };
}
