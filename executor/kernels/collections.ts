/**
 * Kernels of the array and struct functions. Building and indexing work on offsets and gathers
 * (`takeCol` of the child by computed element indices), so element values of any type, nested
 * ones included, move without a per-type loop; comparing elements (array_contains, sort_array,
 * array_distinct) reads them as raw values (nested-values.ts) — the generic path, per element.
 */
import {
  type Col,
  type ListCol,
  type StructCol,
  StringColBuilder,
  colLength,
  concatCols,
  isListCol,
  isStructCol,
  nullCol,
  stringAt,
  takeCol,
} from "../batch.js";
import { elementType, fieldIndex } from "../../planner/nested-types.js";
import type { ArrayType, StructType } from "../../planner/types.js";
import { compareRaw, rawKey, rawValueAt, rawValues } from "../nested-values.js";
import { type CallInfo, scalarString, strOf } from "./library-args.js";
import { type Operand, broadcast } from "./operand.js";
import { compileRegex } from "./regexp.js";
import { andValid } from "./validity.js";

/** An operand as an n-row column (a scalar repeated). */
const full = (o: Operand, n: number): Col => (o.isScalar && n !== 1 ? broadcast(o.col, n) : o.col);

function listOf(o: Operand | undefined, fn: string): ListCol {
  const c = o?.col;
  if (c === undefined || !isListCol(c)) throw new Error(`internal: ${fn} expects an array argument, got ${c?.type ?? "none"}`);
  return c;
}

/** array(a, b, …): row i is [a[i], b[i], …]; never null. */
export function makeArray(args: readonly Operand[], n: number, info: CallInfo): Col {
  const type = info.type as ArrayType;
  const k = args.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) offsets[i] = i * k;
  if (k === 0) return { type, offsets, child: nullCol(elementType(type), 0), valid: null };
  const et = elementType(type);
  const cols = args.map((a) => (a.col.type === "null" && et !== "null" ? nullCol(et, n) : full(a, n)));
  const stacked = concatCols(cols);
  const idx = new Int32Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) idx[i * k + j] = j * n + i;
  return { type, offsets, child: takeCol(stacked, idx), valid: null };
}

/** concat(xs, ys, …) of arrays: the elements of each in turn; null when any argument is (Spark). */
export function concatArrays(args: readonly Operand[], n: number, type: ArrayType): Col {
  if (args.some((a) => a.col.type === "null" || (a.isScalar && a.col.valid !== null && a.col.valid[0] === 0))) return nullCol(type, n);
  const lists = args.map((a) => listOf({ col: full(a, n), isScalar: false }, "concat"));
  const valid = lists.reduce<Uint8Array | null>((v, l) => andValid(v, l.valid, n), null);
  const offsets = new Int32Array(n + 1);
  const bases: number[] = [];
  let base = 0;
  for (const l of lists) {
    bases.push(base);
    base += colLength(l.child);
  }
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    if (valid === null || valid[i] === 1) {
      lists.forEach((l, k) => {
        const end = l.offsets[i + 1] as number;
        for (let t = l.offsets[i] as number; t < end; t++) idx.push((bases[k] as number) + t);
      });
    }
    offsets[i + 1] = idx.length;
  }
  const stacked = concatCols(lists.map((l) => l.child));
  return { type, offsets, child: takeCol(stacked, Int32Array.from(idx)), valid };
}

/** nested_key(v): an injective text of each array or struct value (group_by_nested_keys groups on it); null stays null. */
export function nestedKey(args: readonly Operand[], n: number, _info: CallInfo): Col {
  const a = args[0]!;
  const out = new StringColBuilder(n);
  for (let i = 0; i < n; i++) {
    const v = a.col.type === "null" ? null : rawValueAt(a.col, a.isScalar ? 0 : i);
    if (v === null) out.appendNull();
    else out.append(rawKey(v));
  }
  return out.finish();
}

/** named_struct('a', x, 'b', y): never null. */
export function namedStruct(args: readonly Operand[], n: number, info: CallInfo): Col {
  const fields: Col[] = [];
  for (let j = 1; j < args.length; j += 2) fields.push(full(args[j]!, n));
  return { type: info.type as StructType, fields, length: n, valid: null };
}

/** size(xs): the number of elements; -1 for a null array (Spark's spark.sql.legacy.sizeOfNull=true default). */
export function size(args: readonly Operand[], n: number, _info: CallInfo): Col {
  const a = args[0]!;
  const out = new Int32Array(n);
  if (a.col.type === "null") return { type: "int32", values: out.fill(-1), valid: null };
  const c = listOf(a, "size");
  const v = c.valid;
  for (let i = 0; i < n; i++) {
    const j = a.isScalar ? 0 : i;
    out[i] = v !== null && v[j] === 0 ? -1 : (c.offsets[j + 1] as number) - (c.offsets[j] as number);
  }
  return { type: "int32", values: out, valid: null };
}

/** element_at(xs, i) (1-based, negative from the end) and xs[i] (get_item, 0-based): null out of range. */
export function elementAt(args: readonly Operand[], n: number, info: CallInfo): Col {
  const a = args[0]!;
  const c = listOf(a, info.fn);
  const ix = args[1]!;
  const iv = (ix.col as { values: Int32Array }).values;
  const oneBased = info.fn === "element_at";
  const valid = andValid(a.isScalar ? null : c.valid, ix.isScalar ? null : ix.col.valid, n);
  const gather = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = a.isScalar ? 0 : i;
    if ((valid !== null && valid[i] === 0) || (a.isScalar && c.valid !== null && c.valid[0] === 0)) {
      gather[i] = -1;
      continue;
    }
    const start = c.offsets[j] as number;
    const len = (c.offsets[j + 1] as number) - start;
    const k = iv[ix.isScalar ? 0 : i] as number;
    let p: number;
    if (oneBased) {
      if (k === 0) throw new Error("element_at: SQL array indices start at 1; index 0 is not valid");
      p = k > 0 ? k - 1 : len + k;
    } else p = k;
    gather[i] = p >= 0 && p < len ? start + p : -1;
  }
  return takeCol(c.child, gather);
}

/** s.name: the field, null where the struct is. */
export function getField(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = args[0]!;
  if (!isStructCol(s.col)) throw new Error(`internal: get_field of ${s.col.type}`);
  const name = scalarString(args[1]!, "get_field");
  const f = fieldIndex(s.col.type, name);
  const st = (s.isScalar ? broadcast(s.col, n) : s.col) as StructCol;
  const field = st.fields[f];
  if (field === undefined) throw new Error(`internal: no field ${name} in ${s.col.type} (${info.type})`);
  if (st.valid === null) return field;
  return { ...field, valid: andValid(field.valid, st.valid, n) } as Col;
}

/**
 * array_contains(xs, v), as Spark: null when xs or v is null, true when an element equals v,
 * else null when xs holds a null, else false.
 */
export function arrayContains(args: readonly Operand[], n: number, _info: CallInfo): Col {
  const a = args[0]!;
  const x = args[1]!;
  const values = new Uint8Array(n);
  const valid = new Uint8Array(n);
  if (a.col.type === "null" || x.col.type === "null") return nullCol("boolean", n);
  const c = listOf(a, "array_contains");
  for (let i = 0; i < n; i++) {
    const j = a.isScalar ? 0 : i;
    const needle = rawValueAt(x.col, x.isScalar ? 0 : i);
    if ((c.valid !== null && c.valid[j] === 0) || needle === null) continue;
    let found = false;
    let sawNull = false;
    const b = c.offsets[j + 1] as number;
    for (let t = c.offsets[j] as number; t < b && !found; t++) {
      const e = rawValueAt(c.child, t);
      if (e === null) sawNull = true;
      else if (compareRaw(e, needle) === 0) found = true;
    }
    values[i] = found ? 1 : 0;
    valid[i] = found || !sawNull ? 1 : 0;
  }
  return { type: "boolean", values, valid };
}

/** Each row's element indices reordered or filtered by `pick`, gathered from the child. */
function regather(c: ListCol, n: number, pick: (start: number, end: number, out: number[]) => void): ListCol {
  const offsets = new Int32Array(n + 1);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    if (c.valid === null || c.valid[i] === 1) pick(c.offsets[i] as number, c.offsets[i + 1] as number, idx);
    offsets[i + 1] = idx.length;
  }
  return { type: c.type, offsets, child: takeCol(c.child, Int32Array.from(idx)), valid: c.valid };
}

/** sort_array(xs, asc = true): nulls first ascending, last descending (Spark). */
export function sortArray(args: readonly Operand[], n: number, _info: CallInfo): Col {
  const a = args[0]!;
  const c = listOf(a, "sort_array");
  const asc = args[1] === undefined ? true : (args[1].col as { values: Uint8Array }).values[0] === 1;
  const raw = rawValues(c.child);
  const rows = a.isScalar ? 1 : n;
  const out = regather(c, rows, (s, e, acc) => {
    const ids: number[] = [];
    for (let t = s; t < e; t++) ids.push(t);
    ids.sort((p, q) => (asc ? 1 : -1) * compareRaw(raw[p]!, raw[q]!) || p - q);
    for (const t of ids) acc.push(t);
  });
  return a.isScalar ? broadcast(out, n) : out;
}

/** array_distinct(xs): first occurrences, in order (one null kept; NaN equals NaN). */
export function arrayDistinct(args: readonly Operand[], n: number, _info: CallInfo): Col {
  const a = args[0]!;
  const c = listOf(a, "array_distinct");
  const raw = rawValues(c.child);
  const out = regather(c, a.isScalar ? 1 : n, (s, e, acc) => {
    const seen = new Set<string>();
    for (let t = s; t < e; t++) {
      const k = rawKey(raw[t]!);
      if (!seen.has(k)) {
        seen.add(k);
        acc.push(t);
      }
    }
  });
  return a.isScalar ? broadcast(out, n) : out;
}

/**
 * split(str, regex, limit = -1) with Java's String.split rules as Spark applies them: limit > 0
 * gives at most `limit` parts (the last holds the rest); otherwise every match splits and trailing
 * empty strings stay (Spark passes -1 for 0); a zero-width match at the start adds no empty part.
 */
export function split(args: readonly Operand[], n: number, _info: CallInfo): Col {
  const s = args[0]!;
  const str = strOf(s, "split");
  const re = compileRegex(scalarString(args[1]!, "split"), true);
  const limArg = args[2];
  const limit = limArg === undefined ? -1 : ((limArg.col as { values: Int32Array }).values[0] as number);
  const rows = s.isScalar ? 1 : n;
  const parts = new StringColBuilder(rows * 2);
  const offsets = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) {
    if (str.valid === null || str.valid[i] === 1) for (const p of javaSplit(stringAt(str, i), re, limit)) parts.append(p);
    offsets[i + 1] = parts.length;
  }
  const out: ListCol = { type: "array<utf8>", offsets, child: parts.finish(), valid: str.valid };
  return s.isScalar ? broadcast(out, n) : out;
}

/** Java's Pattern.split(input, limit) over a global JavaScript RegExp. */
export function javaSplit(input: string, re: RegExp, limit: number): string[] {
  if (input.length === 0) return [""];
  const out: string[] = [];
  let index = 0;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].length === 0) re.lastIndex = end + (re.unicode && (input.codePointAt(end) ?? 0) > 0xffff ? 2 : 1);
    if (end === 0 && start === 0) continue; // no empty leading part for a zero-width match at 0
    if (limit > 0 && out.length >= limit - 1) break;
    if (m[0].length === 0 && start >= input.length) break;
    out.push(input.slice(index, start));
    index = end;
  }
  if (index === 0 && out.length === 0) return [input];
  out.push(input.slice(index));
  return out;
}
