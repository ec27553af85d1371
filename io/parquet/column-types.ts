import {
  Bool,
  DataType,
  DateDay,
  Float64,
  Int32,
  Int64,
  Precision,
  TimestampMicrosecond,
  Utf8,
} from "apache-arrow";
import type { ColumnType } from "./types.js";

/**
 * Maps an Arrow type (as parquet-wasm reports it) onto Cinder's ColumnType, or undefined when
 * Cinder cannot read it yet. The widening rules must match normalize-column.ts exactly.
 */
export function columnTypeOf(type: DataType): ColumnType | undefined {
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

/** The one Arrow type every batch Cinder returns uses for each ColumnType. */
export function canonicalArrowType(t: ColumnType): DataType {
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
