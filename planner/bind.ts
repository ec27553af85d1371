/** Binds a resolved expression to column positions of an input layout. */
import type { BoundExpr } from "./bound.js";
import type { Expr } from "./expr.js";
import { typeOf } from "./analyzer/types-of.js";
import { signatureOf } from "./functions/index.js";
import type { Attr } from "./types.js";

/**
 * What binding fixes for one query: the session time zone the time-zone-aware functions read, and
 * the instant current_date()/current_timestamp() stand for (one per query, as in Spark).
 */
export interface BindContext {
  /** An IANA zone ("America/New_York") or a fixed offset ("+05:30"); default "UTC". */
  readonly timeZone?: string;
  /** Microseconds since the epoch, UTC. */
  readonly currentTimestamp?: bigint;
  /** Days since the epoch in the session time zone. */
  readonly currentDate?: number;
}

export function bindExpr(e: Expr, input: readonly Attr[], ctx: BindContext = {}): BoundExpr {
  const b = (x: Expr): BoundExpr => bindExpr(x, input, ctx);
  switch (e.kind) {
    case "ref": {
      const index = input.findIndex((a) => a.id === e.attr.id);
      if (index < 0) throw new Error(`internal: column ${e.attr.name}#${e.attr.id} not in [${input.map((a) => `${a.name}#${a.id}`).join(", ")}]`);
      return { kind: "input", index, type: e.attr.type };
    }
    case "lit":
      return { kind: "lit", value: e.value, type: e.type };
    case "alias":
      return b(e.input);
    case "binary":
      return { kind: "binary", op: e.op, left: b(e.left), right: b(e.right), type: typeOf(e) };
    case "not":
      return { kind: "not", input: b(e.input), type: "boolean" };
    case "neg":
      return { kind: "neg", input: b(e.input), type: typeOf(e) };
    case "isNull":
      return { kind: "isNull", input: b(e.input), negated: e.negated, type: "boolean" };
    case "cast":
      return { kind: "cast", input: b(e.input), type: e.to };
    case "case":
      return {
        kind: "case",
        branches: e.branches.map((x) => ({ when: b(x.when), then: b(x.then) })),
        otherwise: e.otherwise ? b(e.otherwise) : null,
        type: typeOf(e),
      };
    case "in":
      return { kind: "in", input: b(e.input), list: e.list.map(b), negated: e.negated, type: "boolean" };
    case "call":
      return bindCall(e, b, ctx);
    case "udf":
      return { kind: "udf", name: e.name, source: e.source, returnType: e.returnType, vectorized: e.vectorized, args: e.args.map(b), type: e.returnType };
    case "col":
    case "agg":
    case "sortOrder":
    case "winFn":
    case "over":
    case "subquery":
    case "outerRef":
      throw new Error(`internal: cannot bind ${e.kind} expression`);
  }
}

function bindCall(e: Extract<Expr, { kind: "call" }>, b: (x: Expr) => BoundExpr, ctx: BindContext): BoundExpr {
  if (e.fn === "current_timestamp" || e.fn === "current_date") {
    const value = e.fn === "current_timestamp" ? ctx.currentTimestamp : ctx.currentDate;
    if (value === undefined) throw new Error(`internal: ${e.fn}() bound without the query's start time`);
    return { kind: "lit", value, type: typeOf(e) };
  }
  const call = { kind: "call", fn: e.fn, args: e.args.map(b), type: typeOf(e) } as const;
  return signatureOf(e.fn)?.timeZone ? { ...call, timeZone: ctx.timeZone ?? "UTC" } : call;
}
