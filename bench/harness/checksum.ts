/**
 * A task's answer in a few numbers: the result's row count and the sum of each numeric result
 * column. Nulls, NaN and infinities are left out of the sums, so engines that disagree only on how
 * they spell "undefined" (a one-row group's stddev: null, NaN or 0) agree on the checksum.
 */

export interface Checksum {
  readonly rows: number;
  readonly sums: Readonly<Record<string, number>>;
}

/** Values a result column may hand back: numbers, bigints (int64), nulls. */
export type NumericValues = ArrayLike<number | bigint | null | undefined>;

/** The sum of the finite values. @example sumFinite([1, null, NaN, 2n]) // 3 */
export function sumFinite(values: NumericValues): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const x = typeof v === "bigint" ? Number(v) : v;
    if (typeof x === "number" && Number.isFinite(x)) s += x;
  }
  return s;
}

/** A checksum from the result's row count and its value columns. @example checksumOf(2, { v1: [1, 2] }) */
export function checksumOf(rows: number, columns: Readonly<Record<string, NumericValues>>): Checksum {
  const sums: Record<string, number> = {};
  for (const [name, values] of Object.entries(columns)) sums[name] = sumFinite(values);
  return { rows, sums };
}

const close = (a: number, b: number, tol: number): boolean =>
  a === b || Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b), 1e-9);

/**
 * Null when `got` matches the reference (same rows, every sum within a relative `tol`),
 * otherwise what differs.
 * @example compareChecksums({ rows: 2, sums: { v1: 3 } }, { rows: 2, sums: { v1: 3 } }) // null
 */
export function compareChecksums(got: Checksum, ref: Checksum, tol = 1e-6): string | null {
  const diffs: string[] = [];
  if (got.rows !== ref.rows) diffs.push(`rows ${got.rows} ≠ ${ref.rows}`);
  for (const [name, want] of Object.entries(ref.sums)) {
    const have = got.sums[name];
    if (have === undefined) diffs.push(`no column ${name}`);
    else if (!close(have, want, tol)) diffs.push(`sum(${name}) ${have} ≠ ${want}`);
  }
  return diffs.length ? diffs.join(", ") : null;
}
