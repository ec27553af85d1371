/**
 * Row objects → an Arrow table for createDataFrame. Types are inferred per column: whole numbers
 * that all fit in 32 bits → int32, other numbers → float64, bigint → int64, string → utf8,
 * boolean → boolean, Date → timestamp; a column of only nulls is utf8. Mixed kinds are an error
 * naming the column and the row.
 */
import { Table } from "apache-arrow";
import { batchToArrow } from "../executor/arrow-convert.js";
import { type Col, StringColBuilder, nullCol } from "../executor/batch.js";
import type { DataType } from "../planner/types.js";
import { arrayOf, isNestedType, structOf } from "../planner/nested-types.js";
import { colFromRaw, rawFromJs } from "../executor/nested-values.js";
import type { Row, Value } from "./result.js";

function kindOf(v: Value): string {
  if (v instanceof Date) return "date";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function inferType(rows: readonly Row[], name: string): DataType {
  return inferValues(rows.map((r) => r[name] ?? null), name);
}

/**
 * The type of one column's values: arrays → array of their elements' type, plain objects →
 * struct of their keys (in first-seen order), else as the primitive rules above.
 */
function inferValues(values: readonly Value[], name: string): DataType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => Array.isArray(v))) {
    return arrayOf(inferValues((present as readonly (readonly Value[])[]).flat(), `${name}[]`));
  }
  if (present.length > 0 && present.every((v) => kindOf(v) === "object")) {
    const keys: string[] = [];
    for (const o of present) for (const k of Object.keys(o as object)) if (!keys.includes(k)) keys.push(k);
    return structOf(keys.map((k) => ({ name: k, type: inferValues(present.map((o) => (o as Record<string, Value>)[k] ?? null), `${name}.${k}`) })));
  }
  let kind: string | null = null;
  let allInt32 = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? null;
    if (v === null) continue;
    const k = kindOf(v);
    if (kind !== null && k !== kind) {
      throw new Error(`createDataFrame: column "${name}" mixes ${kind} and ${k} values (row ${i}: ${String(v)}).`);
    }
    kind = k;
    if (k === "number" && !(Number.isInteger(v) && (v as number) >= -2147483648 && (v as number) <= 2147483647)) allInt32 = false;
  }
  switch (kind) {
    case "number":
      return allInt32 ? "int32" : "float64";
    case "bigint":
      return "int64";
    case "boolean":
      return "boolean";
    case "date":
      return "timestamp";
    case "string":
    case null:
      return "utf8";
    default:
      throw new Error(`createDataFrame: column "${name}" holds ${kind} values, which Cinder cannot store.`);
  }
}

function buildCol(rows: readonly Row[], name: string, type: DataType): Col {
  const n = rows.length;
  if (isNestedType(type)) {
    return colFromRaw(
      type,
      rows.map((r, i) => {
        const raw = rawFromJs(r[name] ?? null, type);
        if (raw === undefined) throw new Error(`createDataFrame: column "${name}" row ${i} does not fit its type ${type}.`);
        return raw;
      }),
    );
  }
  if (type === "utf8") {
    const b = new StringColBuilder(n);
    for (const r of rows) {
      const v = r[name] ?? null;
      if (v === null) b.appendNull();
      else b.append(String(v));
    }
    return b.finish();
  }
  const valid = new Uint8Array(n);
  let anyNull = false;
  const col = nullCol(type, n);
  for (let i = 0; i < n; i++) {
    const v = rows[i]?.[name] ?? null;
    if (v === null) {
      anyNull = true;
      continue;
    }
    valid[i] = 1;
    if (col.type === "int64") col.values[i] = v as bigint;
    else if (col.type === "timestamp") col.values[i] = BigInt((v as Date).getTime()) * 1000n;
    else if (col.type === "boolean") col.values[i] = v ? 1 : 0;
    else if (col.type !== "utf8" && "values" in col) col.values[i] = v as number;
  }
  return { ...col, valid: anyNull ? valid : null } as Col;
}

export function rowsToTable(rows: readonly Row[]): Table {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
    }
  }
  if (names.length === 0) throw new Error("createDataFrame needs at least one row with at least one column (or an Arrow table).");
  const types = names.map((n) => inferType(rows, n));
  const columns = names.map((n, j) => buildCol(rows, n, types[j] as DataType));
  const rb = batchToArrow({ length: rows.length, columns }, names.map((name, j) => ({ name, type: types[j] as DataType, nullable: true })));
  return new Table([rb]);
}
