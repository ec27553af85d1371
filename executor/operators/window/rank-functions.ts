/**
 * The ranking and offset window functions, from the partition and peer bounds of each row:
 * row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead. Offset functions
 * gather through an index array (−1 → null, n → the default value).
 */
import type { WindowFuncSpec } from "../../../planner/physical-plan.js";
import { type Col, concatCols, takeCol } from "../../batch.js";
import { literal } from "../../kernels/literal.js";
import type { Segments } from "./segments.js";

export function rankFunction(spec: WindowFuncSpec, seg: Segments, input: Col | null): Col {
  const { n, pStart, pEnd, peerStart, peerEnd } = seg;
  switch (spec.fn) {
    case "row_number": {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = i - (pStart[i] as number) + 1;
      return { type: "int32", values: out, valid: null };
    }
    case "rank": {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = (peerStart[i] as number) - (pStart[i] as number) + 1;
      return { type: "int32", values: out, valid: null };
    }
    case "dense_rank": {
      const out = new Int32Array(n);
      let r = 0;
      for (let i = 0; i < n; i++) {
        if (i === pStart[i]) r = 1;
        else if (i === peerStart[i]) r++;
        out[i] = r;
      }
      return { type: "int32", values: out, valid: null };
    }
    case "percent_rank": {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const size = (pEnd[i] as number) - (pStart[i] as number);
        out[i] = size > 1 ? ((peerStart[i] as number) - (pStart[i] as number)) / (size - 1) : 0;
      }
      return { type: "float64", values: out, valid: null };
    }
    case "cume_dist": {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = ((peerEnd[i] as number) - (pStart[i] as number)) / ((pEnd[i] as number) - (pStart[i] as number));
      return { type: "float64", values: out, valid: null };
    }
    case "ntile":
      return ntile(seg, spec.offset);
    case "lag":
    case "lead":
      return offsetValue(spec, seg, input as Col);
    default:
      throw new Error(`internal: ${spec.fn} is not a ranking or offset function`);
  }
}

/** Spark's ntile: buckets of ⌊size/k⌋ rows, the first size mod k of them one row larger. */
function ntile(seg: Segments, k: number): Col {
  const { n, pStart, pEnd } = seg;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const size = (pEnd[i] as number) - (pStart[i] as number);
    const r = i - (pStart[i] as number);
    const base = Math.floor(size / k);
    const extra = size % k;
    const big = extra * (base + 1);
    out[i] = r < big ? Math.floor(r / (base + 1)) + 1 : extra + Math.floor((r - big) / base) + 1;
  }
  return { type: "int32", values: out, valid: null };
}

/** lag/lead: the value `offset` rows before/after within the partition, else the default. */
function offsetValue(spec: WindowFuncSpec, seg: Segments, input: Col): Col {
  const { n, pStart, pEnd } = seg;
  const step = spec.fn === "lag" ? -spec.offset : spec.offset;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = i + step;
    idx[i] = j >= (pStart[i] as number) && j < (pEnd[i] as number) ? j : n;
  }
  // Row n of the gathered column is the default (a null default is a null row).
  return takeCol(concatCols([input, literal(spec.defaultValue, input.type)]), idx);
}
