import { describe, expect, it } from "vitest";
import type { Batch } from "../../../executor/batch.js";
import { HashJoin, type JoinHow, type JoinSpec } from "../../../executor/operators/hash-join.js";
import type { DataType } from "../../../planner/types.js";
import { type V, batches, canon, checkBatches, pick, rng, rowsOf, valueAt } from "./helpers.js";

const LT: DataType[] = ["int32", "utf8", "float64"]; // k, s, v
const RT: DataType[] = ["int32", "utf8", "float64", "int64"]; // k, t, x, id

function randomSide(seed: number, n: number, right: boolean): V[][] {
  const r = rng(seed);
  const rows: V[][] = [];
  for (let i = 0; i < n; i++) {
    const k = r() < 0.1 ? null : Math.floor(r() * 8);
    const s = r() < 0.1 ? null : pick(r, ["a", "b", "é"]);
    const v = r() < 0.1 ? null : Math.round(r() * 100);
    rows.push(right ? [k, s, v, BigInt(i)] : [k, s, v]);
  }
  return rows;
}

/** Residual used in tests: left.v < right.x (unknown when either is null → no match). */
const residualRows = (l: readonly V[], r: readonly V[]): boolean => l[2] !== null && r[2] !== null && (l[2] as number) < (r[2] as number);
const residualBatch = (c: Batch): Uint8Array => {
  const mask = new Uint8Array(c.length);
  const lv = c.columns[2];
  const rx = c.columns[LT.length + 2];
  if (!lv || !rx) throw new Error("bad candidate layout");
  for (let i = 0; i < c.length; i++) {
    const a = valueAt(lv, i);
    const b = valueAt(rx, i);
    mask[i] = a !== null && b !== null && (a as number) < (b as number) ? 1 : 0;
  }
  return mask;
};

/** Nested-loop reference join over plain rows. */
function reference(how: JoinHow, L: readonly V[][], R: readonly V[][], lk: number[], rk: number[], residual: boolean): V[][] {
  const match = (l: readonly V[], r: readonly V[]): boolean =>
    lk.every((k, j) => l[k] !== null && l[k] === r[rk[j] as number]) && (!residual || residualRows(l, r));
  const out: V[][] = [];
  const rMatched = new Set<number>();
  for (const l of L) {
    let any = false;
    R.forEach((r, j) => {
      if (!match(l, r)) return;
      any = true;
      rMatched.add(j);
      if (how !== "semi" && how !== "anti") out.push([...l, ...r]);
    });
    if ((how === "semi" && any) || (how === "anti" && !any)) out.push([...l]);
    if (!any && (how === "left" || how === "full")) out.push([...l, ...RT.map(() => null)]);
  }
  if (how === "right" || how === "full") R.forEach((r, j) => rMatched.has(j) || out.push([...LT.map(() => null), ...r]));
  return out;
}

function run(spec: JoinSpec, L: readonly Batch[], R: readonly Batch[]): Batch[] {
  const j = new HashJoin(spec);
  const [build, probe] = spec.buildSide === "left" ? [L, R] : [R, L];
  for (const b of build) j.build(b);
  const out: Batch[] = [];
  for (const b of probe) out.push(...j.probe(b));
  out.push(...j.finish());
  return out;
}

const HOWS: JoinHow[] = ["inner", "left", "right", "full", "semi", "anti", "cross"];
const KEYS = { single: [[0], [0]], composite: [[0, 1], [0, 1]] } as const;

describe("HashJoin: every how × build side × residual × keys", () => {
  const L = randomSide(1, 300, false);
  const R = randomSide(2, 200, true);
  for (const how of HOWS) {
    for (const buildSide of ["left", "right"] as const) {
      for (const residual of [false, true]) {
        for (const keys of how === "cross" ? (["none"] as const) : (["single", "composite"] as const)) {
          it(`${how}, build ${buildSide}, ${keys} keys${residual ? ", residual" : ""}`, () => {
            const [lk, rk]: [number[], number[]] = keys === "none" ? [[], []] : [[...KEYS[keys][0]], [...KEYS[keys][1]]];
            const spec: JoinSpec = {
              how, buildSide, leftKeys: lk, rightKeys: rk, leftTypes: LT, rightTypes: RT,
              ...(residual ? { residual: residualBatch } : {}),
            };
            const out = run(spec, batches(LT, L, 50), batches(RT, R, 64));
            checkBatches(out);
            const width = how === "semi" || how === "anti" ? LT.length : LT.length + RT.length;
            for (const b of out) expect(b.columns.map((c) => c.type)).toEqual([...LT, ...RT].slice(0, width));
            expect(canon(rowsOf(out))).toEqual(canon(reference(how, L, R, lk, rk, residual)));
          });
        }
      }
    }
  }
});

describe("HashJoin: edge cases", () => {
  const L = randomSide(3, 40, false);
  const R = randomSide(4, 30, true);
  for (const how of HOWS) {
    for (const buildSide of ["left", "right"] as const) {
      it(`${how}, build ${buildSide}: empty left, empty right, both empty`, () => {
        const keys = how === "cross" ? [] : [0];
        const spec: JoinSpec = { how, buildSide, leftKeys: keys, rightKeys: keys, leftTypes: LT, rightTypes: RT };
        for (const [l, r] of [[[], R], [L, []], [[], []]] as const) {
          const out = run(spec, batches(LT, l, 16), batches(RT, r, 16));
          checkBatches(out);
          expect(canon(rowsOf(out))).toEqual(canon(reference(how, l, r, keys, keys, false)));
        }
      });
    }
  }

  it("unique build keys (a primary key) for every how and build side, with residual", () => {
    const l = randomSide(5, 120, false);
    const r = Array.from({ length: 6 }, (_, i) => [i * 2, "a", i * 20, BigInt(i)]); // distinct, non-null keys
    for (const how of HOWS.filter((h) => h !== "cross")) {
      for (const buildSide of ["left", "right"] as const) {
        for (const residual of [false, true]) {
          const spec: JoinSpec = { how, buildSide, leftKeys: [0], rightKeys: [0], leftTypes: LT, rightTypes: RT, ...(residual ? { residual: residualBatch } : {}) };
          const out = run(spec, batches(LT, l, 50), batches(RT, r, 4));
          checkBatches(out);
          expect(canon(rowsOf(out))).toEqual(canon(reference(how, l, r, [0], [0], residual)));
        }
      }
    }
  });

  it("float keys match with -0 = 0 and NaN = NaN; null keys never match", () => {
    const types: DataType[] = ["float64"];
    const l = batches(types, [[0], [-0], [Number.NaN], [null], [1.5]], 10);
    const r = batches(types, [[-0], [Number.NaN], [null], [2]], 10);
    const out = run({ how: "full", buildSide: "right", leftKeys: [0], rightKeys: [0], leftTypes: types, rightTypes: types }, l, r);
    expect(canon(rowsOf(out))).toEqual(canon([[0, -0], [-0, -0], [Number.NaN, Number.NaN], [null, null], [1.5, null], [null, null], [null, 2]]));
  });

  it("splits a large expansion into batches of at most 65536 rows", () => {
    const rows = Array.from({ length: 400 }, (_, i) => [1, "a", i]);
    const rrows = Array.from({ length: 400 }, (_, i) => [1, "b", i, BigInt(i)]);
    const out = run({ how: "inner", buildSide: "right", leftKeys: [0], rightKeys: [0], leftTypes: LT, rightTypes: RT }, batches(LT, rows, 400), batches(RT, rrows, 400));
    checkBatches(out);
    expect(out.reduce((s, b) => s + b.length, 0)).toBe(160_000);
    expect(out.length).toBeGreaterThan(2);
  });

  it("utf8 keys longer than 16 bytes sharing a prefix", () => {
    const t: DataType[] = ["utf8"];
    const keys = ["same-prefix-0123456789-a", "same-prefix-0123456789-b", "same-prefix-0123456789", "short", ""];
    const l = batches(t, keys.map((k) => [k]), 2);
    const r = batches(t, [...keys, "same-prefix-0123456789-c"].map((k) => [k]), 3);
    const out = run({ how: "left", buildSide: "right", leftKeys: [0], rightKeys: [0], leftTypes: t, rightTypes: t }, l, r);
    expect(canon(rowsOf(out))).toEqual(canon(keys.map((k) => [k, k])));
  });

  it("rejects bad specs and late build batches", () => {
    const base: JoinSpec = { how: "inner", buildSide: "right", leftKeys: [0], rightKeys: [0], leftTypes: LT, rightTypes: RT };
    expect(() => new HashJoin({ ...base, rightKeys: [1] })).toThrow(/int32 and utf8/);
    expect(() => new HashJoin({ ...base, rightKeys: [0, 1] })).toThrow(/1 left keys but 2 right keys/);
    expect(() => new HashJoin({ ...base, how: "cross" })).toThrow(/cross join takes no keys/);
    expect(() => new HashJoin({ ...base, leftKeys: [9] })).toThrow(/out of range/);
    const j = new HashJoin(base);
    j.probe(batches(LT, [[1, "a", 1]], 1)[0] as Batch);
    expect(() => j.build(batches(RT, [[1, "a", 1, 1n]], 1)[0] as Batch)).toThrow(/after probing/);
    expect(String(j)).toBe("HashJoin[inner, build=right]: keys=[#0 = #0]");
  });
});
