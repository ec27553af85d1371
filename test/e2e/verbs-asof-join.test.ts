/**
 * joinAsof end to end with 1 worker and with 4. The expected match of every left row is found by
 * brute force in the test: scan all right rows of the same by keys and keep the best by the
 * strategy's rule (a different method from the engine's sort and merge).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisError, Session, type DataFrame, type Row, type Value } from "../../src/index.js";
import { expectSameRows, rng } from "../helpers/rows.js";

interface Trade {
  id: number;
  sym: string | null;
  t: number | null;
  qty: number;
}
interface Quote {
  sym: string | null;
  t: number | null;
  bid: number | null;
  qid: number;
}

const rand = rng(31);
const syms = ["A", "B", "C", "D"];
const trades: Trade[] = Array.from({ length: 1500 }, (_, id) => ({
  id,
  sym: rand() < 0.03 ? null : (syms[Math.floor(rand() * 4)] as string),
  t: rand() < 0.03 ? null : Math.floor(rand() * 5000),
  qty: Math.floor(rand() * 100),
}));
// Quotes with duplicate times (the last one wins backward, the first forward), a symbol the
// trades lack and one ("D") rare enough to leave trades without a match.
const quotes: Quote[] = Array.from({ length: 1200 }, (_, qid) => ({
  sym: rand() < 0.03 ? null : rand() < 0.02 ? "D" : rand() < 0.05 ? "E" : (syms[Math.floor(rand() * 3)] as string),
  t: rand() < 0.03 ? null : Math.floor(rand() * 5000),
  bid: rand() < 0.1 ? null : Math.round(rand() * 1e4) / 100,
  qid,
}));

type Strategy = "backward" | "forward" | "nearest";
/** Brute force: the best quote one way (backward: largest t ≤, last of ties; forward: smallest t ≥, first of ties). */
function oneWay(tr: Trade, way: "backward" | "forward", bySym: boolean): Quote | null {
  let best: Quote | null = null;
  for (const q of quotes) {
    if (q.t === null || (bySym && q.sym !== tr.sym)) continue;
    const t = tr.t as number;
    if (way === "backward" ? q.t > t : q.t < t) continue;
    if (best === null) best = q;
    else if (way === "backward" ? q.t > (best.t as number) || (q.t === best.t && q.qid > best.qid) : q.t < (best.t as number) || (q.t === best.t && q.qid < best.qid)) best = q;
  }
  return best;
}
function bestQuote(tr: Trade, strategy: Strategy, tolerance: number, bySym: boolean): Quote | null {
  if (tr.t === null || (bySym && tr.sym === null)) return null;
  const b = strategy === "forward" ? null : oneWay(tr, "backward", bySym);
  const f = strategy === "backward" ? null : oneWay(tr, "forward", bySym);
  const db = b ? tr.t - (b.t as number) : Infinity;
  const df = f ? (f.t as number) - tr.t : Infinity;
  // nearest: backward on a tie.
  const [pick, d] = db <= df ? [b, db] : [f, df];
  return pick && d <= tolerance ? pick : null;
}

function expected(strategy: Strategy, tolerance = Infinity, bySym = true): Record<string, Value>[] {
  return trades.map((tr) => {
    const q = bestQuote(tr, strategy, tolerance, bySym);
    const base: Record<string, Value> = { id: tr.id, sym: tr.sym, t: tr.t, qty: tr.qty };
    if (!bySym) base.sym_right = q ? q.sym : null;
    return { ...base, bid: q ? q.bid : null, qid: q ? q.qid : null };
  });
}

describe.each([1, 4])("joinAsof with %i worker(s)", (workers) => {
  let session: Session;
  let tr: DataFrame;
  let qu: DataFrame;
  beforeAll(() => {
    session = new Session({ workers, shufflePartitions: workers === 1 ? 1 : 3 });
    tr = session.createDataFrame(trades as unknown as Row[], { partitions: 2 });
    qu = session.createDataFrame(quotes as unknown as Row[], { partitions: 2 });
  });
  afterAll(async () => {
    await session.stop();
  });

  it.each(["backward", "forward", "nearest"] as const)("%s by symbol keeps every left row", async (strategy) => {
    const out = tr.joinAsof(qu, { on: "t", by: "sym", strategy });
    expect(out.columns).toEqual(["id", "sym", "t", "qty", "bid", "qid"]);
    expectSameRows(await out.collect(), expected(strategy));
  });

  it("tolerance drops matches that are too far", async () => {
    const rows = await tr.joinAsof(qu, { on: "t", by: "sym", strategy: "nearest", tolerance: 3 }).collect();
    expectSameRows(rows, expected("nearest", 3));
    const back = await tr.joinAsof(qu, { on: "t", by: ["sym"], tolerance: 10 }).collect();
    expectSameRows(back, expected("backward", 10));
  });

  it("without by: one partition, clashing right names suffixed", async () => {
    const out = tr.joinAsof(qu, { on: "t", strategy: "forward" });
    expect(out.columns).toEqual(["id", "sym", "t", "qty", "sym_right", "bid", "qid"]);
    expectSameRows(await out.collect(), expected("forward", Infinity, false));
  });

  it("leftOn / rightOn keep the right key; keys of different numeric types meet", async () => {
    const q2 = qu.withColumn("qt", qu.col("t").cast("float64").plus(0.5)).drop("t");
    // qt = t + 0.5: a quote at t is now after a trade at t, so backward skips exact times.
    const out = tr.joinAsof(q2, { leftOn: "t", rightOn: "qt", by: "sym" });
    expect(out.columns).toEqual(["id", "sym", "t", "qty", "bid", "qid", "qt"]);
    const rows = await out.select("id", "qid", "qt").collect();
    const shifted = trades.map((x) => {
      const q = x.t === null ? null : bestQuote({ ...x, t: x.t - 1 }, "backward", Infinity, true);
      return { id: x.id, qid: q ? q.qid : null, qt: q ? (q.t as number) + 0.5 : null };
    });
    expectSameRows(rows, shifted);
  });

  it("EXPLAIN shows the AsofJoin over two exchanges", async () => {
    const text = await tr.joinAsof(qu, { on: "t", by: "sym", tolerance: 5 }).explain();
    expect(text).toMatch(/AsofJoin backward t ~ t by \[sym\] = \[sym\] tolerance=5/);
    expect(text).toMatch(/\+- AsofJoin backward t ~ t by \[sym\] = \[sym\] tolerance=5\n\s+:- Exchange\[shuffle\] from stage \d\n\s+\+- Exchange\[shuffle\] from stage \d/);
  });

  it("errors", () => {
    expect(() => tr.joinAsof(qu, { on: "nope" })).toThrow(/"nope" does not exist in joinAsof/);
    expect(() => tr.joinAsof(qu, { on: "sym" })).toThrow(/numeric, date or timestamp/);
    expect(() => tr.joinAsof(qu, { on: "t", by: "qty" })).toThrow(/"qty" does not exist/);
    expect(() => tr.joinAsof(qu, {})).toThrow(AnalysisError);
    expect(() => tr.joinAsof(qu, { on: "t", tolerance: -1 })).toThrow(/tolerance/);
    expect(() => tr.joinAsof(qu, { on: "t", strategy: "closest" as Strategy })).toThrow(/strategy/);
  });
});
