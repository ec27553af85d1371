/**
 * Blocks round-trip through Arrow IPC. arrow-js merges consecutive body buffers whose byte ranges
 * overlap, so a batch holding one buffer twice (a repeated column) used to encode short.
 */
import { describe, expect, it } from "vitest";
import { decodeBlock, encodeBlock } from "../../executor/blocks.js";
import type { Batch } from "../../executor/batch.js";
import type { DataType } from "../../planner/types.js";
import { batch, rowsOf } from "./operators/helpers.js";

const fields = (types: readonly DataType[]) => types.map((type, i) => ({ name: `f${i}`, type, nullable: true }));

function roundTrip(b: Batch, types: readonly DataType[]): unknown[][] {
  const ref = encodeBlock("t", [b], fields(types));
  if (ref === null) throw new Error("no block");
  return rowsOf(decodeBlock(ref, types));
}

describe("blocks", () => {
  const types: DataType[] = ["float64", "int32", "utf8", "int64"];
  const rows = Array.from({ length: 20 }, (_, i) => [i * 1.5, i, `s${i}`, BigInt(i) * 10n]);
  const base = batch(types, rows);

  it.each(types.map((t, j) => [t, j] as const))("keeps a %s column repeated in one batch", (t, j) => {
    const c = base.columns[j];
    if (!c) throw new Error("missing column");
    const twice: Batch = { length: base.length, columns: [c, c, c] };
    expect(roundTrip(twice, [t, t, t])).toEqual(rows.map((r) => [r[j], r[j], r[j]]));
  });

  it("keeps repeated columns that are views into one decoded block", () => {
    const ref = encodeBlock("a", [base], fields(types));
    if (ref === null) throw new Error("no block");
    const [decoded] = decodeBlock(ref, types);
    if (!decoded) throw new Error("no batch");
    const cols = [0, 0, 3, 3, 2, 2, 1].map((j) => decoded.columns[j] as Batch["columns"][number]);
    const out = roundTrip({ length: decoded.length, columns: cols }, [0, 0, 3, 3, 2, 2, 1].map((j) => types[j] as DataType));
    expect(out).toEqual(rows.map((r) => [0, 0, 3, 3, 2, 2, 1].map((j) => r[j])));
  });
});
