/**
 * Binding the function library: the session time zone reaches the bound call as plain data (what
 * a task carries to a worker), functions that do not read it carry none, and current_date /
 * current_timestamp become one literal per query. Also the SQL surface's aliases and EXTRACT.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Session, currentDate, currentTimestamp, hour, upper, year } from "../../src/index.js";
import type { BoundExpr } from "../../planner/bound.js";
import { sqlExpr } from "../../src/functions.js";

function boundCalls(x: unknown, out: BoundExpr[] = []): BoundExpr[] {
  if (Array.isArray(x)) for (const v of x) boundCalls(v, out);
  else if (x !== null && typeof x === "object") {
    const o = x as Record<string, unknown>;
    if (o.kind === "call" || (o.kind === "lit" && "type" in o)) out.push(o as unknown as BoundExpr);
    for (const v of Object.values(o)) boundCalls(v, out);
  }
  return out;
}

describe("binding library calls", () => {
  const session = new Session({ workers: 1, timeZone: "Asia/Tokyo" });
  afterAll(async () => {
    await session.stop();
  });
  const df = session.createDataFrame([{ ts: new Date(0), s: "x" }]);

  it("hands the session time zone to the functions that read it, as plain data", () => {
    const { graph } = session.plan(df.select(hour("ts"), year("ts"), upper("s")).plan);
    const copy = structuredClone(graph); // what crosses to a worker
    const calls = boundCalls(copy).filter((c) => c.kind === "call");
    const zoneOf = (fn: string) => calls.filter((c) => c.kind === "call" && c.fn === fn).map((c) => (c as { timeZone?: string }).timeZone);
    expect(zoneOf("hour")).toEqual(["Asia/Tokyo"]);
    expect(zoneOf("to_date")).toEqual(["Asia/Tokyo"]); // year(ts) reads the local date
    expect(zoneOf("year")).toEqual([undefined]);
    expect(zoneOf("upper")).toEqual([undefined]);
  });

  it("turns current_date and current_timestamp into one literal per query", () => {
    const before = BigInt(Date.now()) * 1000n;
    const { graph } = session.plan(df.select(currentTimestamp().alias("a"), currentTimestamp().alias("b"), currentDate().alias("c")).plan);
    const after = BigInt(Date.now()) * 1000n;
    const lits = boundCalls(graph).filter((c) => c.kind === "lit" && (c.type === "timestamp" || c.type === "date"));
    const ts = lits.filter((l) => l.type === "timestamp").map((l) => (l as { value: bigint }).value);
    expect(ts).toHaveLength(2);
    expect(ts[0]).toBe(ts[1]);
    expect(ts[0]! >= before && ts[0]! <= after).toBe(true);
    expect(boundCalls(graph).some((c) => c.kind === "call")).toBe(false);
  });
});

describe("SQL names", () => {
  it.each([
    ["substr(s, 2)", "substring"],
    ["ceiling(x)", "ceil"],
    ["power(x, 2)", "pow"],
    ["sign(x)", "signum"],
    ["day(d)", "dayofmonth"],
    ["regexp_like(s, 'a')", "rlike"],
    ["position('a', s)", "locate"],
    ["now()", "current_timestamp"],
    ["current_date", "current_date"],
    ["log(x)", "ln"],
    ["log(2, x)", "log"],
    ["EXTRACT(DOW FROM d)", "dayofweek"],
    ["extract(hour from ts)", "hour"],
  ])("%s is %s", (text, fn) => {
    const e = sqlExpr(text);
    expect(e.kind === "call" ? e.fn : e.kind).toBe(fn);
  });
});
