/**
 * The build side of a hash join once every build batch has arrived: the rows in one batch, and
 * for each distinct non-null key (a KeyTable id) the list of its rows, stored CSR-style as
 * `starts` (per id) into `rows` (row numbers grouped by key, in input order). Rows with a null
 * key are in no list: they never match, but outer joins still emit them.
 */
import { type Batch, type Col, concatBatches, nullCol } from "../batch.js";
import type { DataType } from "../../planner/types.js";
import { hashColumns } from "../hash/hash-columns.js";
import { KeyTable } from "../hash/key-table.js";

export class JoinBuildSide {
  readonly batch: Batch;
  /** Rows of key id k: rows[starts[k] .. starts[k + 1]). */
  readonly starts: Int32Array;
  readonly rows: Int32Array;
  /**
   * Every build row has its own non-null key, so key id = row number and the lists are skipped
   * (1e6-row primary-key build, 1e7 probe rows, int32 keys: 3.3 s → 1.5 s on a busy machine).
   */
  readonly unique: boolean;
  /** Null when the join has no keys (every probe row meets every build row). */
  private readonly table: KeyTable | null;

  constructor(
    batches: readonly Batch[],
    types: readonly DataType[],
    private readonly keys: readonly number[],
  ) {
    this.batch = batches.length > 0 ? concatBatches(batches, types.length) : emptyBatch(types);
    const n = this.batch.length;
    if (keys.length === 0) {
      this.table = null;
      this.starts = Int32Array.of(0, n);
      this.rows = new Int32Array(n);
      for (let i = 0; i < n; i++) this.rows[i] = i;
      this.unique = false;
      return;
    }
    const table = new KeyTable(
      keys.map((k) => types[k] as DataType),
      { nullsEqual: false, capacity: Math.min(Math.max(16, n), 65536) },
    );
    const ids = new Int32Array(n);
    table.findOrInsert(this.batch, keys, table.needsHashes ? hashColumns(this.batch, keys) : null, ids);
    const g = table.size;
    this.table = table;
    this.unique = g === n;
    if (this.unique) {
      // ids were given in row order: id i is row i
      this.starts = new Int32Array(0);
      this.rows = new Int32Array(0);
      return;
    }
    const starts = new Int32Array(g + 1);
    for (let i = 0; i < n; i++) {
      const id = ids[i] as number;
      if (id >= 0) starts[id + 1] = (starts[id + 1] as number) + 1;
    }
    for (let k = 0; k < g; k++) starts[k + 1] = (starts[k + 1] as number) + (starts[k] as number);
    const fill = starts.slice(0, g);
    const rows = new Int32Array(starts[g] as number);
    for (let i = 0; i < n; i++) {
      const id = ids[i] as number;
      if (id < 0) continue;
      const at = fill[id] as number;
      rows[at] = i;
      fill[id] = at + 1;
    }
    this.starts = starts;
    this.rows = rows;
  }

  /** The build key id of every row of the probe batch `b` (keys at `probeKeys`); -1 = no match. */
  lookup(b: Batch, probeKeys: readonly number[]): Int32Array {
    const ids = new Int32Array(b.length);
    if (this.table === null) {
      if (this.batch.length === 0) ids.fill(-1);
      return ids;
    }
    this.table.find(b, probeKeys, this.table.needsHashes ? hashColumns(b, probeKeys) : null, ids);
    return ids;
  }
}

export function emptyBatch(types: readonly DataType[]): Batch {
  return { length: 0, columns: types.map((t): Col => nullCol(t, 0)) };
}
