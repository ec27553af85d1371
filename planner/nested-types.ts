/**
 * Array and struct types as strings (see types.ts): building them, taking them apart, and
 * parsing the spellings users write (`array<int>`, `struct<a:string,b:array<bigint>>`).
 *
 * A type string is only ever built by `arrayOf` / `structOf` or checked by `parseType`, so a field
 * name always arrives escaped: a name that is not a plain identifier is backquoted with inner
 * backquotes doubled, and `structFields` undoes exactly that.
 */
import { AnalysisError } from "./errors.js";
import type { ArrayType, DataType, PrimitiveType, StructType } from "./types.js";

export interface StructField {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

const PRIMITIVES: ReadonlySet<string> = new Set(["int32", "int64", "float64", "boolean", "utf8", "date", "timestamp", "null"]);

/** Spark's (and Cinder's) names of primitive types in DDL strings, lower case. */
const TYPE_NAMES: Readonly<Record<string, PrimitiveType>> = {
  int32: "int32", int: "int32", integer: "int32", smallint: "int32", tinyint: "int32", short: "int32", byte: "int32",
  int64: "int64", long: "int64", bigint: "int64",
  float64: "float64", double: "float64", float: "float64", real: "float64",
  boolean: "boolean", bool: "boolean",
  utf8: "utf8", string: "utf8", str: "utf8", varchar: "utf8", text: "utf8",
  date: "date", timestamp: "timestamp",
};

export function isArrayType(t: DataType): t is ArrayType {
  return t.startsWith("array<");
}

export function isStructType(t: DataType): t is StructType {
  return t.startsWith("struct<");
}

export function isNestedType(t: DataType): t is ArrayType | StructType {
  return isArrayType(t) || isStructType(t);
}

export function isPrimitiveType(t: DataType): t is PrimitiveType {
  return PRIMITIVES.has(t);
}

export function arrayOf(element: DataType): ArrayType {
  return `array<${element}>`;
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A field name as it appears in a struct type string. */
export function quoteFieldName(name: string): string {
  return PLAIN_NAME.test(name) ? name : `\`${name.replaceAll("`", "``")}\``;
}

/**
 * A struct type of these fields. Field nullability is not part of the type string: every field
 * may hold nulls (Arrow fields written by Cinder are nullable).
 */
export function structOf(fields: readonly { readonly name: string; readonly type: DataType }[]): StructType {
  return `struct<${fields.map((f) => `${quoteFieldName(f.name)}:${f.type}`).join(",")}>`;
}

/** The element type of an array type. */
export function elementType(t: DataType): DataType {
  if (!isArrayType(t)) throw new Error(`internal: ${t} is not an array type`);
  return t.slice(6, -1) as DataType;
}

const fieldCache = new Map<string, readonly StructField[]>();

/** The fields of a struct type, in order. */
export function structFields(t: DataType): readonly StructField[] {
  if (!isStructType(t)) throw new Error(`internal: ${t} is not a struct type`);
  let out = fieldCache.get(t);
  if (out === undefined) {
    const p = new TypeParser(t);
    const parsed = p.parse();
    if (parsed !== t) throw new Error(`internal: malformed struct type ${t}`);
    out = p.lastFields;
    fieldCache.set(t, out);
  }
  return out;
}

/** The index of field `name` in a struct type (exact match first, then case-insensitive, as Spark). */
export function fieldIndex(t: DataType, name: string): number {
  const fields = structFields(t);
  const exact = fields.findIndex((f) => f.name === name);
  if (exact >= 0) return exact;
  const lower = name.toLowerCase();
  return fields.findIndex((f) => f.name.toLowerCase() === lower);
}

/**
 * Parses a type as a user writes it — Cinder's or Spark's names, any case, spaces allowed:
 * `array<int>`, `struct<a: string, b: array<bigint>>` — into Cinder's canonical type string.
 * @example parseType("ARRAY<STRUCT<x: INT>>") // "array<struct<x:int32>>"
 */
export function parseType(text: string): DataType {
  return new TypeParser(text).parse();
}

/** Spark's spelling of a type, for messages that quote Spark (`array<int>`, `struct<a:string>`). */
export function sparkTypeName(t: DataType): string {
  if (isArrayType(t)) return `array<${sparkTypeName(elementType(t))}>`;
  if (isStructType(t)) return `struct<${structFields(t).map((f) => `${quoteFieldName(f.name)}:${sparkTypeName(f.type)}`).join(",")}>`;
  const names: Readonly<Record<PrimitiveType, string>> = {
    int32: "int", int64: "bigint", float64: "double", boolean: "boolean", utf8: "string", date: "date", timestamp: "timestamp", null: "void",
  };
  return names[t];
}

class TypeParser {
  private pos = 0;
  lastFields: readonly StructField[] = [];

  constructor(private readonly text: string) {}

  parse(): DataType {
    const t = this.type();
    this.skipSpace();
    if (this.pos !== this.text.length) throw this.error("unexpected text");
    return t;
  }

  private error(what: string): AnalysisError {
    return new AnalysisError(
      `Cannot parse type "${this.text}": ${what} at position ${this.pos + 1}; types are int32, int64, float64, boolean, utf8, date, timestamp (or Spark's int, bigint, double, string, …), array<T> and struct<name:T,…>.`,
    );
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== ch) throw this.error(`expected "${ch}"`);
    this.pos++;
  }

  private word(): string {
    this.skipSpace();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!m) throw this.error("expected a name");
    this.pos += m[0].length;
    return m[0];
  }

  private fieldName(): string {
    this.skipSpace();
    if (this.text[this.pos] !== "`") return this.word();
    let out = "";
    this.pos++;
    for (;;) {
      if (this.pos >= this.text.length) throw this.error("unterminated backquote");
      const ch = this.text[this.pos] as string;
      this.pos++;
      if (ch === "`") {
        if (this.text[this.pos] === "`") {
          out += "`";
          this.pos++;
        } else return out;
      } else out += ch;
    }
  }

  private type(): DataType {
    const w = this.word().toLowerCase();
    if (w === "array") {
      this.expect("<");
      const e = this.type();
      this.expect(">");
      return arrayOf(e);
    }
    if (w === "struct") {
      this.expect("<");
      const fields: StructField[] = [];
      this.skipSpace();
      if (this.text[this.pos] !== ">") {
        for (;;) {
          const name = this.fieldName();
          this.expect(":");
          fields.push({ name, type: this.type(), nullable: true });
          this.skipSpace();
          if (this.text[this.pos] !== ",") break;
          this.pos++;
        }
      }
      this.expect(">");
      this.lastFields = fields;
      return structOf(fields);
    }
    const p = TYPE_NAMES[w];
    if (p === undefined) {
      this.pos -= w.length;
      throw this.error(`unknown type "${w}"`);
    }
    return p;
  }
}
