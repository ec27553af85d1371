/**
 * Turning result blocks into what users get: an apache-arrow Table, plain row objects, and the
 * text table `show()` prints.
 *
 * How values reach JavaScript in rows (`collect`, `take`, `first`):
 *   int32, float64 → number; int64 → bigint (exact: never rounded to a double);
 *   boolean → boolean; utf8 → string; date → Date at UTC midnight; timestamp → Date (UTC; the
 *   microseconds below a millisecond are in the Arrow table, not in the Date); null → null.
 */
import { RecordBatch, RecordBatchReader, Table } from "apache-arrow";
import { arrowSchema } from "../executor/arrow-convert.js";
import type { BlockRef } from "../executor/blocks.js";
import type { OutField } from "../planner/physical-plan.js";
import { elementType, isArrayType, isNestedType, isStructType, structFields } from "../planner/nested-types.js";

/** A value in a row: arrays for array columns, plain objects (by field name) for structs. */
export type Value = number | bigint | string | boolean | Date | null | readonly Value[] | { readonly [field: string]: Value };
export type Row = Record<string, Value>;

export function blocksToTable(blocks: readonly (BlockRef | null)[], fields: readonly OutField[]): Table {
  const schema = arrowSchema(fields);
  // arrow-js's RecordBatch constructor merges its schema's fields by name (Schema.assign): with
  // duplicate names (a join of two tables that both have id1) the second id1's nullability
  // overwrote the first's and the Table refused the batch. Build with unique names, then give the
  // batch the plan's schema: names, nullability and duplicate names as planned.
  const unique = arrowSchema(fields.map((f, i) => ({ ...f, name: `c${i}` })));
  const batches: RecordBatch[] = [];
  for (const ref of blocks) {
    if (!ref) continue;
    const reader = RecordBatchReader.from(new Uint8Array(ref.sab, 0, ref.byteLength));
    for (const rb of reader) {
      if (rb.numRows === 0) continue;
      const b = new RecordBatch(unique, rb.data);
      (b as { schema: typeof schema }).schema = schema;
      batches.push(b);
    }
  }
  return new Table(schema, batches);
}

function convert(v: unknown, type: OutField["type"]): Value {
  if (v === null || v === undefined) return null;
  if (isArrayType(type)) {
    const et = elementType(type);
    return Array.from(v as Iterable<unknown>, (x) => convert(x, et));
  }
  if (isStructType(type)) {
    // An Arrow StructRow: its values by position (field names may repeat).
    const values = (v as { toArray(): unknown[] }).toArray();
    const out: Record<string, Value> = {};
    structFields(type).forEach((f, j) => {
      out[f.name] = convert(values[j], f.type);
    });
    return out;
  }
  switch (type) {
    case "date":
    case "timestamp":
      return new Date(v as number);
    case "int64":
      return typeof v === "bigint" ? v : BigInt(v as number);
    default:
      return v as Value;
  }
}

/** Rows as plain objects (a later duplicate column name wins, as a dict would in PySpark). */
export function tableToRows(t: Table, fields: readonly OutField[]): Row[] {
  const rows: Row[] = [];
  const cols = fields.map((_, j) => t.getChildAt(j));
  for (let i = 0; i < t.numRows; i++) {
    const row: Row = {};
    fields.forEach((f, j) => {
      row[f.name] = convert(cols[j]?.get(i), f.type);
    });
    rows.push(row);
  }
  return rows;
}

function cellText(v: Value, type: OutField["type"]): string {
  if (v === null) return "NULL";
  if (isNestedType(type)) return nestedText(v, type);
  if (v instanceof Date) {
    const iso = v.toISOString();
    return type === "date" ? iso.slice(0, 10) : iso.replace("T", " ").replace("Z", "");
  }
  // Doubles print with a fraction, as Spark shows them (80.0, not 80).
  if (type === "float64" && typeof v === "number" && Number.isInteger(v)) return `${v}.0`;
  return String(v);
}

/** Spark's show() text of an array (`[1, 2, null]`) or struct (`{1, a}`); nested values alike. */
function nestedText(v: Value, type: OutField["type"]): string {
  if (v === null) return "null";
  if (isArrayType(type)) return `[${(v as readonly Value[]).map((x) => nestedText(x, elementType(type))).join(", ")}]`;
  if (isStructType(type)) {
    const o = v as { readonly [k: string]: Value };
    return `{${structFields(type).map((f) => nestedText(o[f.name] ?? null, f.type)).join(", ")}}`;
  }
  return cellText(v, type);
}

/** PySpark's `show()` layout: a boxed table, right-aligned cells, long strings truncated to 20. */
export function formatShow(rows: readonly Row[], fields: readonly OutField[], more: boolean, truncate = 20): string {
  const cut = (s: string): string => (truncate > 0 && s.length > truncate ? `${s.slice(0, Math.max(0, truncate - 3))}...` : s);
  const header = fields.map((f) => cut(f.name));
  const cells = rows.map((r) => fields.map((f) => cut(cellText(r[f.name] ?? null, f.type))));
  const widths = header.map((h, j) => Math.max(3, h.length, ...cells.map((c) => (c[j] as string).length)));
  const line = `+${widths.map((w) => "-".repeat(w)).join("+")}+`;
  const fmt = (cs: readonly string[]): string => `|${cs.map((c, j) => c.padStart(widths[j] as number)).join("|")}|`;
  const out = [line, fmt(header), line, ...cells.map(fmt), line];
  if (more) out.push(`only showing top ${rows.length} row${rows.length === 1 ? "" : "s"}`);
  return out.join("\n");
}
