/**
 * Composite group-by keys with strings: each utf8 key column is first mapped to int32 codes by a
 * small table of its own distinct strings (id1 of db-benchmark has 100: the table stays in cache),
 * so the composite table compares and stores ints instead of reaching into string stores per row.
 * At the end the codes are turned back into the strings. A null string is a key like any other
 * (it gets its own code), so grouping semantics do not change.
 *
 * Measured, 1e7 rows on 2 workers, in-memory db-benchmark data: q2 (id1, id2) and q10 (six keys,
 * three of them strings) — see the commit message for the before/after figures.
 */
import type { DataType } from "../../../planner/types.js";
import { type Batch, type Col, type StrCol, dictStrCol } from "../../batch.js";
import { KeyTable } from "../../hash/key-table.js";

export class StringKeyCodes {
  /** Per key column: a table of its distinct strings, or null for a column kept as is. */
  private readonly tables: (KeyTable | null)[];

  constructor(readonly keyTypes: readonly DataType[]) {
    this.tables = keyTypes.map((t) => (t === "utf8" ? new KeyTable(["utf8"]) : null));
  }

  /** Worth it only for composite keys: a single utf8 key has its own inline-prefix table. */
  static applies(keyTypes: readonly DataType[]): boolean {
    return keyTypes.length > 1 && keyTypes.includes("utf8");
  }

  /** The key types the composite table sees: utf8 replaced by int32. */
  get encodedTypes(): DataType[] {
    return this.keyTypes.map((t) => (t === "utf8" ? "int32" : t));
  }

  /** `b` with its utf8 key columns (0..k-1) replaced by their codes; other columns untouched. */
  encode(b: Batch): Batch {
    const cols = b.columns.slice();
    for (let k = 0; k < this.tables.length; k++) {
      const t = this.tables[k];
      if (!t) continue;
      const codes = new Int32Array(b.length);
      t.findOrInsert({ length: b.length, columns: [b.columns[k] as Col] }, [0], null, codes);
      cols[k] = { type: "int32", values: codes, valid: null };
    }
    return { length: b.length, columns: cols };
  }

  /**
   * The key columns of the composite table with codes turned back into strings: dictionary-encoded
   * over the column's distinct strings, so nothing is copied here and a shuffle of partial results
   * keeps the encoding (q10 of db-benchmark at 1e7: the gathers of this step and the shuffle's
   * materialisation of the strings were ~2 s of each worker's profile each).
   */
  decode(keyCols: readonly Col[]): Col[] {
    return keyCols.map((c, k) => {
      const t = this.tables[k];
      if (!t) return c;
      const strings = t.keyColumns()[0] as StrCol;
      const codes = (c as Col & { values: Int32Array }).values;
      const sv = strings.valid;
      let valid: Uint8Array | null = null;
      if (sv !== null) {
        valid = new Uint8Array(codes.length);
        for (let i = 0; i < codes.length; i++) valid[i] = sv[codes[i] as number] as number;
      }
      return dictStrCol(codes, { type: "utf8", offsets: strings.offsets, data: strings.data, valid: null }, valid);
    });
  }
}
