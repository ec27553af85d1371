import {
  Bool,
  DataType,
  DateDay,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  Precision,
  Struct,
  TimestampMicrosecond,
  Utf8,
} from "apache-arrow";
import type { ColumnType, FlatColumnType } from "./types.js";

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A struct field's name in a type string: backquoted (inner backquotes doubled) unless a plain identifier. */
function quoteField(name: string): string {
  return PLAIN_NAME.test(name) ? name : `\`${name.replaceAll("`", "``")}\``;
}

/**
 * Maps an Arrow type (as parquet-wasm reports it) onto Cinder's ColumnType, or undefined when
 * Cinder cannot read it yet. The widening rules must match normalize-column.ts exactly.
 */
export function columnTypeOf(type: DataType): ColumnType | undefined {
  if (DataType.isList(type) || DataType.isLargeList(type)) {
    const child = type.children[0];
    const e = child === undefined ? undefined : columnTypeOf(child.type);
    return e === undefined ? undefined : `array<${e}>`;
  }
  if (DataType.isStruct(type)) {
    const parts: string[] = [];
    for (const f of type.children) {
      const t = columnTypeOf(f.type);
      if (t === undefined) return undefined;
      parts.push(`${quoteField(f.name)}:${t}`);
    }
    return `struct<${parts.join(",")}>`;
  }
  return flatColumnTypeOf(type);
}

function flatColumnTypeOf(type: DataType): FlatColumnType | undefined {
  if (DataType.isInt(type)) {
    if (type.bitWidth <= 16 || (type.bitWidth === 32 && type.isSigned)) return "int32";
    if ((type.bitWidth === 32 && !type.isSigned) || (type.bitWidth === 64 && type.isSigned)) return "int64";
    return undefined; // Uint64 does not fit in int64.
  }
  if (DataType.isFloat(type)) return "float64";
  if (DataType.isBool(type)) return "boolean";
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return "utf8";
  if (DataType.isDictionary(type)) {
    const v = type.dictionary;
    return DataType.isUtf8(v) || DataType.isLargeUtf8(v) ? "utf8" : undefined;
  }
  if (DataType.isDate(type)) return "date";
  if (DataType.isTimestamp(type)) return "timestamp";
  return undefined;
}

/** Like columnTypeOf, but throws the user-facing error for types Cinder does not read. */
export function requireColumnType(type: DataType, column: string, path: string): ColumnType {
  const t = columnTypeOf(type);
  if (t === undefined) {
    throw new Error(
      `column "${column}" in ${path} has type ${describeArrowType(type)}, which Cinder does not read yet`,
    );
  }
  return t;
}

/**
 * The Arrow type Cinder's batches use for a column parquet-wasm decodes as `type`: flat types by
 * canonicalArrowType, lists as List<item> and structs field by field (all nullable), recursively.
 */
export function canonicalArrowOf(type: DataType): DataType {
  if (DataType.isList(type) || DataType.isLargeList(type)) {
    const child = type.children[0] as Field;
    return new List(new Field("item", canonicalArrowOf(child.type), true));
  }
  if (DataType.isStruct(type)) return new Struct(type.children.map((f) => new Field(f.name, canonicalArrowOf(f.type), true)));
  const t = flatColumnTypeOf(type);
  if (t === undefined) throw new Error(`internal: no canonical type for ${String(type)}`);
  return canonicalArrowType(t);
}

/** The one Arrow type every batch Cinder returns uses for each flat ColumnType. */
export function canonicalArrowType(t: FlatColumnType): DataType {
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

/** Human-readable type names for error messages ("Decimal(10,2)" rather than Arrow's "Decimal[10e+2]"). */
export function describeArrowType(type: DataType): string {
  if (DataType.isDecimal(type)) return `Decimal(${type.precision},${type.scale})`;
  if (DataType.isInt(type)) return `${type.isSigned ? "Int" : "Uint"}${type.bitWidth}`;
  if (DataType.isFloat(type)) {
    return type.precision === Precision.HALF ? "Float16" : type.precision === Precision.SINGLE ? "Float32" : "Float64";
  }
  if (DataType.isDictionary(type)) return `Dictionary<${describeArrowType(type.dictionary)}>`;
  return String(type);
}
