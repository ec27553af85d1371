/**
 * CAST(array or struct AS STRING), as Spark 3 prints them: `[1, 2, null]`, `{1, a, null}`, nested
 * alike; elements are formatted as CAST(element AS STRING) would (doubles `1.0`, dates
 * `2024-01-31`), strings without quotes. The child column is formatted once, then joined per row.
 */
import { type Col, type ListCol, type StrCol, StringColBuilder, colLength, isListCol, isStructCol, stringAt } from "../batch.js";
import { formatUtf8 } from "./format-utf8.js";

/** Every row of a column as text (null rows: null); nested columns recursively. */
function formatAny(c: Col): StrCol {
  return isListCol(c) || isStructCol(c) ? formatNested(c) : formatUtf8(c);
}

/**
 * @example
 * formatNested(listCol) // [[1, 2], null, []] → ["[1, 2]", null, "[]"]
 */
export function formatNested(c: Col): StrCol {
  const n = colLength(c);
  const out = new StringColBuilder(n);
  if (isListCol(c)) {
    const items = formatAny(c.child);
    for (let i = 0; i < n; i++) {
      if (c.valid !== null && c.valid[i] === 0) out.appendNull();
      else out.append(`[${joinRange(items, c, i)}]`);
    }
    return out.finish();
  }
  if (!isStructCol(c)) return formatUtf8(c);
  const fields = c.fields.map(formatAny);
  for (let i = 0; i < n; i++) {
    if (c.valid !== null && c.valid[i] === 0) out.appendNull();
    else out.append(`{${fields.map((f) => textAt(f, i)).join(", ")}}`);
  }
  return out.finish();
}

function textAt(s: StrCol, i: number): string {
  return s.valid !== null && s.valid[i] === 0 ? "null" : stringAt(s, i);
}

function joinRange(items: StrCol, c: ListCol, i: number): string {
  const parts: string[] = [];
  const b = c.offsets[i + 1] as number;
  for (let t = c.offsets[i] as number; t < b; t++) parts.push(textAt(items, t));
  return parts.join(", ");
}
