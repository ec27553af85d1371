/** The canonical Arrow type of each ColumnType, and batch assembly shared by both read paths. */
import {
  Bool,
  DateDay,
  Field,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  TimestampMicrosecond,
  Utf8,
  makeData,
  type Data,
  type DataType,
} from "apache-arrow";
import type { ColumnSpec, ColumnType } from "./types.js";

export function arrowTypeOf(t: ColumnType): DataType {
  switch (t) {
    case "int32":
      return new Int32();
    case "int64":
      return new Int64();
    case "float64":
      return new Float64();
    case "boolean":
      return new Bool();
    case "utf8":
      return new Utf8();
    case "date":
      return new DateDay();
    case "timestamp":
      return new TimestampMicrosecond("UTC");
  }
}

export function arrowSchema(specs: readonly ColumnSpec[]): Schema {
  return new Schema(specs.map((c) => new Field(c.name, arrowTypeOf(c.type), c.nullable)));
}

/** A RecordBatch of `length` rows over column data already in schema order. */
export function makeBatch(schema: Schema, children: Data[], length: number): RecordBatch {
  const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}

/**
 * Resolves a projection to schema indices. `null` means every column; a name may repeat.
 *
 * @example
 * projectColumns([{ name: "a", type: "utf8", nullable: true }], ["a"]) // [0]
 */
export function projectColumns(schema: readonly ColumnSpec[], columns: readonly string[] | null): number[] {
  if (columns === null) return schema.map((_, i) => i);
  return columns.map((name) => {
    const i = schema.findIndex((c) => c.name === name);
    if (i < 0) throw new Error(`Unknown CSV column "${name}"; the schema has ${schema.map((c) => c.name).join(", ")}`);
    return i;
  });
}

/** The output schema and, per output column, its index among the decoded columns. */
export function projectionOutput(
  schema: readonly ColumnSpec[],
  proj: readonly number[],
  decode: readonly number[],
): { schema: Schema; order: number[] } {
  return {
    schema: arrowSchema(proj.map((f) => schema[f]!)),
    order: proj.map((f) => decode.indexOf(f)),
  };
}
