/** Spark/Hive's directory name for a null (or empty-string) partition value. */
export const HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

export type PartitionType = "int32" | "int64" | "float64" | "utf8";

// Spark's ExternalCatalogUtils.charToEscape, plus every control character.
const ESCAPED = new Set(`"#%'*/:=?\\\x7f{[]^`);

function needsEscape(ch: string): boolean {
  return ESCAPED.has(ch) || ch.charCodeAt(0) < 0x20;
}

/**
 * Escapes a partition value (or column name) for use as one directory-name component, Spark's way:
 * `%XX` for `/`, `=`, `%`, control characters and the rest of Spark's set. `.` and `..` become
 * `%2E`/`%2E%2E`, so no value can name the current or parent directory. null and "" map to
 * `__HIVE_DEFAULT_PARTITION__`, as Spark writes them.
 *
 * @example
 * escapePartitionValue("a/b")      // "a%2Fb"
 * escapePartitionValue("../../x")  // "..%2F..%2Fx"  (one harmless path component)
 */
export function escapePartitionValue(v: string | null): string {
  if (v === null || v === "") return HIVE_DEFAULT_PARTITION;
  if (v === "." || v === "..") return "%2E".repeat(v.length);
  let out = "";
  for (const ch of v) out += needsEscape(ch) ? `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}` : ch;
  return out;
}

/**
 * Reverses escapePartitionValue. A `%` not followed by two hex digits stays literal, as in Spark.
 * Runs of `%XX` are decoded as UTF-8 when valid (how URI-style writers such as pyarrow encode
 * non-ASCII), else one character per byte (Spark's reading); both agree on everything Spark writes.
 * `__HIVE_DEFAULT_PARTITION__` is returned unchanged: see partitionValueOrNull.
 *
 * @example
 * unescapePartitionValue("a%2Fb") // "a/b"
 */
export function unescapePartitionValue(s: string): string {
  if (!s.includes("%")) return s;
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split("%"), (hex) => parseInt(hex, 16));
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return String.fromCharCode(...bytes);
    }
  });
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The value a partition directory stands for: null for the Hive null marker. */
export function partitionValueOrNull(s: string): string | null {
  return s === HIVE_DEFAULT_PARTITION ? null : s;
}

/**
 * The `key=value` directory name for one partition column.
 *
 * @example
 * partitionDirName("city", "São Paulo/SP") // "city=São Paulo%2FSP"
 */
export function partitionDirName(key: string, value: string | null): string {
  if (key === "") throw new Error("A partition column name cannot be empty");
  return `${escapePartitionValue(key)}=${escapePartitionValue(value)}`;
}

/** Splits a `key=value` directory name (both sides unescaped), or undefined if it is not one. */
export function parsePartitionDir(name: string): [string, string] | undefined {
  const eq = name.indexOf("=");
  if (eq <= 0) return undefined;
  return [unescapePartitionValue(name.slice(0, eq)), unescapePartitionValue(name.slice(eq + 1))];
}

const INT = /^-?(0|[1-9][0-9]*)$/;
const FLOAT = /^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/;
const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The narrowest type that holds every (non-null) partition value, like Spark's inference, except
 * that values with leading zeros ("007", zip codes) stay strings instead of losing their zeros.
 * Null markers are ignored; all-null infers utf8.
 *
 * @example
 * inferPartitionType(["2020", "2021", HIVE_DEFAULT_PARTITION]) // "int32"
 */
export function inferPartitionType(values: string[]): PartitionType {
  const present = values.filter((v) => v !== HIVE_DEFAULT_PARTITION);
  if (present.length === 0) return "utf8";
  if (present.every((v) => INT.test(v))) {
    const ints = present.map((v) => BigInt(v));
    if (ints.every((n) => n >= INT32_MIN && n <= INT32_MAX)) return "int32";
    if (ints.every((n) => n >= INT64_MIN && n <= INT64_MAX)) return "int64";
    return "utf8"; // Wider than int64: a float would silently round the keys.
  }
  const isFloat = (v: string): boolean => FLOAT.test(v) && !/^-?0[0-9]/.test(v) && Number.isFinite(Number(v));
  if (present.every(isFloat)) return "float64";
  return "utf8";
}
