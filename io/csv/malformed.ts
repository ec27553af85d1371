/** The one wording of malformed-record errors, shared by the fast and reference paths. */
import type { CsvMode } from "./types.js";

const MAX_SHOWN = 100;

export function showValue(text: string): string {
  return JSON.stringify(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text);
}

/**
 * @example
 * malformedError("data/people.csv", 17, "age", `cannot parse "abc" as int32`, "FAILFAST").message
 * // Malformed CSV record in data/people.csv line 17, column "age": cannot parse "abc" as int32 (mode FAILFAST)
 */
export function malformedError(path: string, line: number, column: string | null, reason: string, mode: CsvMode): Error {
  const where = column === null ? "" : `, column "${column}"`;
  return new Error(`Malformed CSV record in ${path} line ${line}${where}: ${reason} (mode ${mode})`);
}

export function cannotParse(text: string, type: string): string {
  return `cannot parse ${showValue(text)} as ${type}`;
}

export function fieldCountReason(found: number, expected: number): string {
  return `record has ${found} field${found === 1 ? "" : "s"}, expected ${expected}`;
}

export const NULL_IN_NON_NULLABLE = "null value in a non-nullable column";
export const UNTERMINATED_QUOTE = "unterminated quoted field";
