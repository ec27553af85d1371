/**
 * Cinder's logical data types and the attributes (named, typed, identified columns) that plans
 * produce. Pure data: no Arrow objects here, so the planner stays free of I/O and threads.
 *
 * Physical layout of each type (see executor/batch.ts):
 *   int32      Int32Array
 *   int64      BigInt64Array
 *   float64    Float64Array
 *   boolean    Uint8Array, one byte per row (0/1)
 *   utf8       Int32Array offsets (n+1) + Uint8Array UTF-8 bytes
 *   date       Int32Array, days since 1970-01-01 (Arrow DateDay)
 *   timestamp  BigInt64Array, microseconds since the epoch, UTC (Arrow Timestamp[us, UTC])
 *   null       the type of a bare `lit(null)` before it is cast; stored as an all-null int32
 *   array<T>   Int32Array offsets (n+1) into one child column of type T (Arrow List)
 *   struct<..> one child column per field, same length as the struct (Arrow Struct)
 *
 * Nested types are strings too, in Spark's DDL form with Cinder's element names
 * (`array<int32>`, `struct<a:int32,b:array<utf8>>`; a field name that is not a plain identifier
 * is backquoted, a backquote inside doubled), so equal types are equal strings. nested-types.ts
 * builds and takes them apart.
 */
export type PrimitiveType = "int32" | "int64" | "float64" | "boolean" | "utf8" | "date" | "timestamp" | "null";
export type ArrayType = `array<${string}>`;
export type StructType = `struct<${string}>`;
export type DataType = PrimitiveType | ArrayType | StructType;

export const DATA_TYPES: readonly PrimitiveType[] = [
  "int32",
  "int64",
  "float64",
  "boolean",
  "utf8",
  "date",
  "timestamp",
  "null",
];

/** A column a plan node outputs. `id` is unique per attribute, like Spark's exprId. */
export interface Attr {
  readonly id: number;
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
  /** Table alias or the side of a join, used to resolve `df.col` after a join. */
  readonly qualifier?: string;
}

/** A field of a schema as users see it. */
export interface Field {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

let nextAttrId = 1;

/** A fresh attribute id. Ids only need to be unique within one process's plans. */
export function newAttrId(): number {
  return nextAttrId++;
}

export function newAttr(name: string, type: DataType, nullable: boolean, qualifier?: string): Attr {
  return qualifier === undefined
    ? { id: newAttrId(), name, type, nullable }
    : { id: newAttrId(), name, type, nullable, qualifier };
}

export function isNumeric(t: DataType): boolean {
  return t === "int32" || t === "int64" || t === "float64";
}

export function isIntegral(t: DataType): boolean {
  return t === "int32" || t === "int64";
}

/** The type two numeric operands are widened to (Spark's numeric precedence). */
export function widerNumeric(a: DataType, b: DataType): DataType | undefined {
  if (a === "null") return b === "null" ? "int32" : b;
  if (b === "null") return a;
  if (!isNumeric(a) || !isNumeric(b)) return undefined;
  if (a === "float64" || b === "float64") return "float64";
  if (a === "int64" || b === "int64") return "int64";
  return "int32";
}

/** The common type for comparisons, unions, coalesce and CASE branches; undefined when none exists. */
export function commonType(a: DataType, b: DataType): DataType | undefined {
  if (a === b) return a;
  if (a === "null") return b;
  if (b === "null") return a;
  if (a.startsWith("array<") && b.startsWith("array<")) {
    // An array of the elements' common type (Spark's findWiderTypeForTwo on ArrayType).
    const e = commonType(a.slice(6, -1) as DataType, b.slice(6, -1) as DataType);
    return e === undefined ? undefined : (`array<${e}>` as DataType);
  }
  if (a.startsWith("array<") || b.startsWith("array<") || a.startsWith("struct<") || b.startsWith("struct<")) return undefined;
  const num = widerNumeric(a, b);
  if (num) return num;
  if ((a === "date" && b === "timestamp") || (a === "timestamp" && b === "date")) return "timestamp";
  // Spark compares a string with a date/timestamp/number by casting the string.
  if (a === "utf8" && (b === "date" || b === "timestamp" || isNumeric(b))) return b;
  if (b === "utf8" && (a === "date" || a === "timestamp" || isNumeric(a))) return a;
  return undefined;
}

export function toField(a: Attr): Field {
  return { name: a.name, type: a.type, nullable: a.nullable };
}
