/**
 * Dictionary-encodes a utf8 column when it pays: one pass through a utf8 key table gives every row
 * the id of its string (ids in order of first appearance) and the table's keys are the dictionary.
 * Used where data is kept and read many times (cache() partitions), so group-bys and joins over it
 * hash each distinct string once per batch instead of once per row.
 */
import { type Col, type StrCol, dictStrCol } from "../batch.js";
import { KeyTable } from "./key-table.js";

/** Encode only when there are at most this many distinct strings per row. */
const MAX_DISTINCT_RATIO = 0.5;

/** `c` dictionary-encoded, or `c` itself when it already is, or when its strings barely repeat. */
export function dictionaryEncode(c: StrCol): StrCol {
  if (c.dict) return c;
  const n = c.offsets.length - 1;
  if (n === 0) return c;
  const table = new KeyTable(["utf8"]);
  const codes = new Int32Array(n);
  table.findOrInsert({ length: n, columns: [c] }, [0], null, codes);
  if (table.size > MAX_DISTINCT_RATIO * n) return c;
  const values = table.keyColumns()[0] as Col as StrCol;
  return dictStrCol(codes, { type: "utf8", offsets: values.offsets, data: values.data, valid: null }, c.valid);
}
