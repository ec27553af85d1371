/**
 * Aggregates and value functions over each row's frame [lo, hi]. Frames that start at the
 * partition's first row grow with the row, so they accumulate forward; frames that end at the
 * partition's last row accumulate backward; bounded sliding frames add up their rows directly
 * (O(rows × frame width), as Spark's sliding frame recomputes). min/max/first/last pick a row
 * index and gather, so they work for every type.
 */
import type { WindowFuncSpec } from "../../../planner/physical-plan.js";
import { type Col, takeCol } from "../../batch.js";
import { compareRowsFn } from "../compare-rows.js";
import { rawKey, rawValues } from "../../nested-values.js";
import type { ArrayType } from "../../../planner/types.js";
import type { FrameBounds, Segments } from "./segments.js";

/** Folds rows into one frame's value; `emit` writes it for row i. */
interface Fold {
  reset(): void;
  add(j: number): void;
  emit(i: number): void;
  result(): Col;
}

function numbersOf(c: Col): Float64Array | null {
  if (c.type === "float64") return c.values;
  if (c.type === "int32") return Float64Array.from(c.values);
  return null;
}

function countFold(input: Col | null, n: number): Fold {
  const valid = input?.valid ?? null;
  const out = new BigInt64Array(n);
  let c = 0;
  return {
    reset: () => void (c = 0),
    add: (j) => void (valid === null || valid[j] === 1 ? c++ : 0),
    emit: (i) => void (out[i] = BigInt(c)),
    result: () => ({ type: "int64", values: out, valid: null }),
  };
}

/** sum and avg. int32 and float64 add in a double (int32 sums are exact below 2^53); int64 in a BigInt. */
function sumFold(spec: WindowFuncSpec, input: Col, n: number): Fold {
  const valid = input.valid;
  const has = new Uint8Array(n);
  let count = 0;
  const avg = spec.fn === "avg";
  if (input.type === "int64") {
    const v = input.values;
    const out = avg ? new Float64Array(n) : new BigInt64Array(n);
    let s = 0n;
    return {
      reset: () => void ((s = 0n), (count = 0)),
      add: (j) => void (valid === null || valid[j] === 1 ? ((s += v[j] as bigint), count++) : 0),
      emit: (i) => {
        if (count === 0) return;
        has[i] = 1;
        if (out instanceof Float64Array) out[i] = Number(s) / count;
        else out[i] = BigInt.asIntN(64, s);
      },
      result: () => (out instanceof Float64Array ? { type: "float64", values: out, valid: has } : { type: "int64", values: out, valid: has }),
    };
  }
  const v = numbersOf(input);
  if (v === null) throw new Error(`internal: ${spec.fn} over ${input.type}`);
  const intResult = !avg && input.type === "int32";
  const out = new Float64Array(n);
  let s = 0;
  return {
    reset: () => void ((s = 0), (count = 0)),
    add: (j) => void (valid === null || valid[j] === 1 ? ((s += v[j] as number), count++) : 0),
    emit: (i) => {
      if (count === 0) return;
      has[i] = 1;
      out[i] = avg ? s / count : s;
    },
    result: () => {
      if (!intResult) return { type: "float64", values: out, valid: has };
      const ints = new BigInt64Array(n);
      for (let i = 0; i < n; i++) ints[i] = BigInt(out[i] as number);
      return { type: "int64", values: ints, valid: has };
    },
  };
}

/** min/max: the index of the best non-null row so far, then one gather. */
function extremeFold(spec: WindowFuncSpec, input: Col, n: number): Fold {
  const valid = input.valid;
  const cmp = compareRowsFn({ length: n, columns: [input] }, { length: n, columns: [input] }, [{ index: 0, ascending: true, nullsFirst: true }]);
  const sign = spec.fn === "max" ? 1 : -1;
  const idx = new Int32Array(n);
  let best = -1;
  return {
    reset: () => void (best = -1),
    add: (j) => {
      if (valid !== null && valid[j] === 0) return;
      if (best < 0 || sign * cmp(j, best) > 0) best = j;
    },
    emit: (i) => void (idx[i] = best),
    result: () => takeCol(input, idx),
  };
}

/**
 * collect_list / collect_set: each row's frame as the indices of its non-null rows (in frame
 * order; collect_set keeps the first of equal values), then one gather of the input. The output
 * holds every frame's values, so it is O(rows × frame width), as in Spark.
 */
function collectFold(spec: WindowFuncSpec, input: Col, n: number): Fold {
  const valid = input.valid;
  const distinct = spec.fn === "collectSet";
  const keys = distinct ? rawValues(input).map(rawKey) : null;
  const offsets = new Int32Array(n + 1);
  const frames: number[][] = new Array<number[]>(n);
  let cur: number[] = [];
  return {
    reset: () => void (cur = []),
    add: (j) => void (valid === null || valid[j] === 1 ? cur.push(j) : 0),
    emit: (i) => {
      // Rows arrive in order for growing frames and backward for shrinking ones.
      let rows = cur.length > 1 && (cur[0] as number) > (cur[1] as number) ? [...cur].reverse() : [...cur];
      if (keys !== null) {
        const seen = new Set<string>();
        rows = rows.filter((j) => !seen.has(keys[j] as string) && (seen.add(keys[j] as string), true));
      }
      frames[i] = rows;
    },
    result: () => {
      const idx: number[] = [];
      for (let i = 0; i < n; i++) {
        for (const j of frames[i] ?? []) idx.push(j);
        offsets[i + 1] = idx.length;
      }
      return { type: spec.type as ArrayType, offsets, child: takeCol(input, Int32Array.from(idx)), valid: null };
    },
  };
}

function foldFor(spec: WindowFuncSpec, input: Col | null, n: number): Fold {
  switch (spec.fn) {
    case "collectList":
    case "collectSet":
      return collectFold(spec, input as Col, n);
    case "count":
      return countFold(input, n);
    case "sum":
    case "avg":
      return sumFold(spec, input as Col, n);
    case "min":
    case "max":
      return extremeFold(spec, input as Col, n);
    default:
      throw new Error(`internal: ${spec.fn} is not a frame aggregate`);
  }
}

/** count, sum, avg, min, max over each row's frame. */
export function frameAggregate(spec: WindowFuncSpec, seg: Segments, fb: FrameBounds, input: Col | null): Col {
  const { n, pEnd } = seg;
  const { lo, hi } = fb;
  const fold = foldFor(spec, input, n);
  const { start, end } = spec.frame;
  for (let p = 0; p < n; p = pEnd[p] as number) {
    const pe = pEnd[p] as number;
    if (start === null) {
      // Growing frames: add rows as hi advances.
      fold.reset();
      let next = p;
      for (let i = p; i < pe; i++) {
        const h = hi[i] as number;
        while (next <= h) fold.add(next++);
        fold.emit(i);
      }
    } else if (end === null) {
      // Shrinking frames: walk backward, adding rows as lo moves back.
      fold.reset();
      let next = pe - 1;
      for (let i = pe - 1; i >= p; i--) {
        const l = lo[i] as number;
        while (next >= l) fold.add(next--);
        fold.emit(i);
      }
    } else {
      for (let i = p; i < pe; i++) {
        fold.reset();
        const h = hi[i] as number;
        for (let j = lo[i] as number; j <= h; j++) fold.add(j);
        fold.emit(i);
      }
    }
  }
  return fold.result();
}

/** first/last (aggregates) and first_value/last_value/nth_value: one row of the frame, gathered. */
export function frameValue(spec: WindowFuncSpec, seg: Segments, fb: FrameBounds, input: Col): Col {
  const { n } = seg;
  const { lo, hi } = fb;
  const valid = input.valid;
  const skipNulls = spec.ignoreNulls && valid !== null;
  // Nearest non-null row at or after / at or before each row, for IGNORE NULLS.
  let nextValid: Int32Array | null = null;
  let prevValid: Int32Array | null = null;
  if (skipNulls) {
    nextValid = new Int32Array(n);
    prevValid = new Int32Array(n);
    let k = n;
    for (let i = n - 1; i >= 0; i--) nextValid[i] = k = valid[i] === 1 ? i : k;
    k = -1;
    for (let i = 0; i < n; i++) prevValid[i] = k = valid[i] === 1 ? i : k;
  }
  const idx = new Int32Array(n);
  const first = spec.fn === "first" || spec.fn === "first_value";
  const nth = spec.fn === "nth_value" ? spec.offset : 0;
  for (let i = 0; i < n; i++) {
    const l = lo[i] as number;
    const h = hi[i] as number;
    let j = -1;
    if (l <= h) {
      if (nth > 0) j = l + nth - 1 <= h ? l + nth - 1 : -1;
      else if (first) j = nextValid ? ((nextValid[l] as number) <= h ? (nextValid[l] as number) : -1) : l;
      else j = prevValid ? ((prevValid[h] as number) >= l ? (prevValid[h] as number) : -1) : h;
    }
    idx[i] = j;
  }
  return takeCol(input, idx);
}
