import {
  Binary,
  Bool,
  DataType,
  DateDay,
  DateUnit,
  Decimal,
  Field,
  FixedSizeBinary,
  Float16,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  IntervalDayTime,
  IntervalUnit,
  List,
  Map_,
  Null,
  Struct,
  TimeMicrosecond,
  TimeMillisecond,
  TimeNanosecond,
  Timestamp,
  TimeUnit,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
} from "apache-arrow";
import { isGroup, OPTIONAL, REPEATED, type SchemaNode } from "./schema-tree.js";
import { fieldBool, fieldNumber, fieldStruct, type ThriftStruct } from "./thrift-compact.js";

/*
 * The Arrow type parquet-wasm's reader (parquet-rs) gives a column, worked out from the footer
 * alone, so describing a file needs no wasm and agrees with what readParquetRowGroups decodes.
 * Mirrors parquet-rs's arrow/schema/primitive.rs (from_parquet, apply_hint); the nested types
 * only feed error messages, since Cinder reads top-level primitive columns.
 */

// parquet.thrift `Type`.
const BOOLEAN = 0;
const INT32 = 1;
const INT64 = 2;
const INT96 = 3;
const FLOAT = 4;
const DOUBLE = 5;
const BYTE_ARRAY = 6;
const FIXED_LEN_BYTE_ARRAY = 7;

// parquet.thrift `ConvertedType`.
const C_UTF8 = 0;
const C_MAP = 1;
const C_MAP_KEY_VALUE = 2;
const C_LIST = 3;
const C_ENUM = 4;
const C_DECIMAL = 5;
const C_DATE = 6;
const C_TIME_MILLIS = 7;
const C_TIME_MICROS = 8;
const C_TIMESTAMP_MILLIS = 9;
const C_TIMESTAMP_MICROS = 10;
const C_UINT_8 = 11;
const C_UINT_16 = 12;
const C_UINT_32 = 13;
const C_UINT_64 = 14;
const C_INT_8 = 15;
const C_INT_16 = 16;
const C_INT_32 = 17;
const C_INT_64 = 18;
const C_JSON = 19;
const C_BSON = 20;
const C_INTERVAL = 21;

// parquet.thrift `LogicalType` union members.
const L_STRING = 1;
const L_MAP = 2;
const L_LIST = 3;
const L_ENUM = 4;
const L_DECIMAL = 5;
const L_DATE = 6;
const L_TIME = 7;
const L_TIMESTAMP = 8;
const L_INTEGER = 10;
const L_UNKNOWN = 11;
const L_JSON = 12;
const L_BSON = 13;
const L_FLOAT16 = 15;
const L_GEOMETRY = 17;
const L_GEOGRAPHY = 18;
/** Members parquet-rs knows; any other reads as its catch-all `_Unknown`. */
const KNOWN_LOGICAL = new Set([1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18]);

const DECIMAL128_MAX_PRECISION = 38;

/**
 * The Arrow type of one top-level column, given the matching field of the embedded Arrow schema
 * (if any) as the hint. Throws a plain Error for annotations parquet-rs rejects, in which case
 * parquet-wasm cannot open the file at all.
 */
export function columnArrowType(node: SchemaNode, hint: DataType | undefined): DataType {
  if (isGroup(node) || node.repetition === REPEATED) return hint ?? nestedArrowType(node);
  const type = primitiveArrowType(node);
  return hint === undefined ? type : applyHint(type, hint);
}

/** parquet-rs leaves out groups without a single primitive column below them. */
export function hasColumns(node: SchemaNode): boolean {
  return !isGroup(node) || node.children.some(hasColumns);
}

/**
 * Where the Parquet type cannot say what the writer had (second timestamps, Date64, large or
 * dictionary strings), the embedded Arrow type wins; otherwise the Parquet type stands.
 */
function applyHint(parquet: DataType, hint: DataType): DataType {
  if (DataType.isDictionary(hint)) {
    // Dictionary encoding survives only if the values keep exactly the hinted type.
    const hinted = applyHint(parquet, hint.dictionary);
    return sameType(hinted, hint.dictionary) ? hint : hinted;
  }
  if (isInt(parquet, 32) || isInt(parquet, 64)) {
    if (DataType.isTimestamp(hint)) return hint;
    if (DataType.isTime(hint) && hint.bitWidth === parquet.bitWidth) return hint;
  }
  if (isInt(parquet, 64) && (DataType.isDuration(hint) || isDate(hint, DateUnit.MILLISECOND))) return hint;
  if (isDate(parquet, DateUnit.DAY) && isDate(hint, DateUnit.MILLISECOND)) return hint;
  if (DataType.isTimestamp(parquet) && DataType.isTimestamp(hint)) {
    if (parquet.unit === hint.unit && hint.timezone) return hint;
    // INT96 reads as nanoseconds without a zone; the hint may pick a coarser unit.
    if (parquet.unit === TimeUnit.NANOSECOND && !parquet.timezone && hint.unit !== TimeUnit.NANOSECOND) return hint;
  }
  if (DataType.isUtf8(parquet) && (DataType.isLargeUtf8(hint) || DataType.isUtf8View(hint))) return hint;
  if (DataType.isBinary(parquet)) {
    if (DataType.isLargeBinary(hint) || DataType.isBinaryView(hint)) return hint;
    if (DataType.isUtf8(hint) || DataType.isLargeUtf8(hint) || DataType.isUtf8View(hint)) return hint;
  }
  if (DataType.isInterval(parquet) && DataType.isInterval(hint)) return hint;
  if (DataType.isFixedSizeBinary(parquet) && parquet.byteWidth === 16 && DataType.isInterval(hint)) {
    return hint.unit === IntervalUnit.MONTH_DAY_NANO ? hint : parquet;
  }
  if (DataType.isDecimal(parquet) && DataType.isDecimal(hint) && parquet.bitWidth === 128) return hint;
  return parquet;
}

/** Structural equality; arrow-js's util.compareTypes tells Int32 from a decoded Int(32) apart. */
function sameType(a: DataType, b: DataType): boolean {
  if (a === b) return true;
  if (a.typeId !== b.typeId || String(a) !== String(b)) return false;
  return !DataType.isDecimal(a) || !DataType.isDecimal(b) || a.bitWidth === b.bitWidth;
}

function isInt(t: DataType, bitWidth: 32 | 64): t is Int32 | Int64 {
  return DataType.isInt(t) && t.isSigned && t.bitWidth === bitWidth;
}

function isDate(t: DataType, unit: DateUnit): boolean {
  return DataType.isDate(t) && t.unit === unit;
}

function primitiveArrowType(node: SchemaNode): DataType {
  switch (node.physicalType) {
    case BOOLEAN:
      return new Bool();
    case INT32:
      return fromInt32(node);
    case INT64:
      return fromInt64(node);
    case INT96:
      return new Timestamp(TimeUnit.NANOSECOND, null);
    case FLOAT:
      return new Float32();
    case DOUBLE:
      return new Float64();
    case BYTE_ARRAY:
      return fromByteArray(node);
    case FIXED_LEN_BYTE_ARRAY:
      return fromFixedLenByteArray(node);
    default:
      throw new Error(`unknown physical type ${String(node.physicalType)}`);
  }
}

interface Logical {
  id: number;
  body: ThriftStruct;
}

/** The one member set in the LogicalType union. */
function logicalOf(node: SchemaNode): Logical | undefined {
  for (const [id, body] of node.logicalType ?? []) {
    if (body instanceof Map) return { id, body };
  }
  return undefined;
}

function fromInt32(node: SchemaNode): DataType {
  const logical = logicalOf(node);
  if (logical === undefined) {
    switch (node.convertedType) {
      case undefined:
      case C_INT_32:
        return new Int32();
      case C_INT_8:
        return new Int8();
      case C_INT_16:
        return new Int16();
      case C_UINT_8:
        return new Uint8();
      case C_UINT_16:
        return new Uint16();
      case C_UINT_32:
        return new Uint32();
      case C_DATE:
        return new DateDay();
      case C_TIME_MILLIS:
        return new TimeMillisecond();
      case C_DECIMAL:
        return decimal(node.scale, node.precision, 128);
    }
    throw unsupported("INT32", node);
  }
  switch (logical.id) {
    case L_INTEGER: {
      const bits = fieldNumber(logical.body, 1);
      const signed = fieldBool(logical.body, 2);
      if (bits === 8) return signed ? new Int8() : new Uint8();
      if (bits === 16) return signed ? new Int16() : new Uint16();
      if (bits === 32) return signed ? new Int32() : new Uint32();
      break;
    }
    case L_DECIMAL:
      return decimal(fieldNumber(logical.body, 1), fieldNumber(logical.body, 2), 128);
    case L_DATE:
      return new DateDay();
    case L_TIME:
      if (timeUnitOf(logical.body) === TimeUnit.MILLISECOND) return new TimeMillisecond();
      break;
    case L_UNKNOWN:
      return new Null();
  }
  throw unsupported("INT32", node);
}

function fromInt64(node: SchemaNode): DataType {
  const logical = logicalOf(node);
  if (logical === undefined) {
    switch (node.convertedType) {
      case undefined:
      case C_INT_64:
        return new Int64();
      case C_UINT_64:
        return new Uint64();
      case C_TIME_MICROS:
        return new TimeMicrosecond();
      case C_TIMESTAMP_MILLIS:
        return new Timestamp(TimeUnit.MILLISECOND, "UTC");
      case C_TIMESTAMP_MICROS:
        return new Timestamp(TimeUnit.MICROSECOND, "UTC");
      case C_DECIMAL:
        return decimal(node.scale, node.precision, 128);
    }
    throw unsupported("INT64", node);
  }
  switch (logical.id) {
    case L_INTEGER:
      if (fieldNumber(logical.body, 1) === 64) return fieldBool(logical.body, 2) ? new Int64() : new Uint64();
      break;
    case L_TIME: {
      const unit = timeUnitOf(logical.body);
      if (unit === TimeUnit.MICROSECOND) return new TimeMicrosecond();
      if (unit === TimeUnit.NANOSECOND) return new TimeNanosecond();
      break;
    }
    case L_TIMESTAMP: {
      const unit = timeUnitOf(logical.body);
      if (unit !== undefined) return new Timestamp(unit, fieldBool(logical.body, 1) === true ? "UTC" : null);
      break;
    }
    case L_DECIMAL:
      return decimal(fieldNumber(logical.body, 1), fieldNumber(logical.body, 2), 128);
  }
  throw unsupported("INT64", node);
}

function fromByteArray(node: SchemaNode): DataType {
  const logical = logicalOf(node);
  if (logical === undefined) {
    switch (node.convertedType) {
      case undefined:
      case C_BSON:
      case C_ENUM:
        return new Binary();
      case C_UTF8:
      case C_JSON:
        return new Utf8();
      case C_DECIMAL:
        return byteArrayDecimal(node.scale, node.precision);
    }
    throw unsupported("BYTE_ARRAY", node);
  }
  switch (logical.id) {
    case L_STRING:
    case L_JSON:
      return new Utf8();
    case L_BSON:
    case L_ENUM:
    case L_GEOMETRY:
    case L_GEOGRAPHY:
      return new Binary();
    case L_DECIMAL:
      return byteArrayDecimal(fieldNumber(logical.body, 1), fieldNumber(logical.body, 2));
  }
  if (!KNOWN_LOGICAL.has(logical.id)) return new Binary();
  throw unsupported("BYTE_ARRAY", node);
}

function fromFixedLenByteArray(node: SchemaNode): DataType {
  const logical = logicalOf(node);
  const width = node.typeLength ?? -1;
  if (logical?.id === L_DECIMAL) {
    return decimal(fieldNumber(logical.body, 1), fieldNumber(logical.body, 2), width <= 16 ? 128 : 256);
  }
  if (logical === undefined && node.convertedType === C_DECIMAL) return decimal(node.scale, node.precision, width <= 16 ? 128 : 256);
  if (logical === undefined && node.convertedType === C_INTERVAL) return new IntervalDayTime();
  if (logical?.id === L_FLOAT16) {
    if (width === 2) return new Float16();
    throw new Error("FLOAT16 must be a FIXED_LEN_BYTE_ARRAY of length 2");
  }
  return new FixedSizeBinary(width);
}

function byteArrayDecimal(scale: number | undefined, precision: number | undefined): DataType {
  return decimal(scale, precision, (precision ?? 0) <= DECIMAL128_MAX_PRECISION ? 128 : 256);
}

function decimal(scale: number | undefined, precision: number | undefined, bitWidth: number): DataType {
  if (scale === undefined || precision === undefined || scale < 0 || precision < 0) {
    throw new Error(`DECIMAL needs a non-negative scale and precision (got ${String(scale)}, ${String(precision)})`);
  }
  return new Decimal(scale, precision, bitWidth);
}

/** TimeType / TimestampType field 2: the TimeUnit union (1 MILLIS, 2 MICROS, 3 NANOS). */
function timeUnitOf(body: ThriftStruct): TimeUnit | undefined {
  const unit = fieldStruct(body, 2);
  if (unit?.has(1)) return TimeUnit.MILLISECOND;
  if (unit?.has(2)) return TimeUnit.MICROSECOND;
  if (unit?.has(3)) return TimeUnit.NANOSECOND;
  return undefined;
}

function unsupported(physical: string, node: SchemaNode): Error {
  const logical = logicalOf(node);
  const annotation = logical !== undefined ? `logical type #${logical.id}` : `converted type #${String(node.convertedType)}`;
  return new Error(`${physical} annotated with ${annotation} is not a valid Parquet type`);
}

/** Approximates parquet-rs's nested types (List, Map, Struct), for the "does not read" message. */
function nestedArrowType(node: SchemaNode): DataType {
  const inner = isGroup(node) ? groupArrowType(node) : primitiveArrowType(node);
  return node.repetition === REPEATED ? new List(new Field(node.name, inner, false)) : inner;
}

function groupArrowType(node: SchemaNode): DataType {
  const logical = logicalOf(node)?.id;
  const repeated = node.children.length === 1 ? node.children[0] : undefined;
  if ((logical === L_LIST || node.convertedType === C_LIST) && repeated !== undefined) {
    // Three-level lists wrap the element in a repeated group of one; legacy two-level lists do not.
    const element = isGroup(repeated) && repeated.children.length === 1 ? (repeated.children[0] as SchemaNode) : repeated;
    const type = element === repeated ? nestedArrowType({ ...element, repetition: OPTIONAL }) : nestedArrowType(element);
    return new List(new Field(element.name, type, element.repetition === OPTIONAL));
  }
  const isMap = logical === L_MAP || node.convertedType === C_MAP || node.convertedType === C_MAP_KEY_VALUE;
  if (isMap && repeated !== undefined && isGroup(repeated)) {
    const entries = new Struct<{ key: DataType; value: DataType }>(repeated.children.map(childField));
    return new Map_(new Field(repeated.name, entries, false));
  }
  return new Struct(node.children.filter(hasColumns).map(childField));
}

function childField(node: SchemaNode): Field {
  return new Field(node.name, nestedArrowType(node), node.repetition === OPTIONAL);
}
