/** Test data for recovery suites: rows {k: i mod keys, v: i}, and their sum and count by k worked out in plain JS. */
export function keyedRows(n: number, keys: number): { rows: { k: number; v: number }[]; sumCountByK: { k: number; s: bigint; n: bigint }[] } {
  const rows = Array.from({ length: n }, (_, i) => ({ k: i % keys, v: i }));
  const sumCountByK = Array.from({ length: keys }, (_, k) => {
    let s = 0n;
    let c = 0n;
    for (let v = k; v < n; v += keys) (s += BigInt(v)), c++;
    return { k, s, n: c };
  });
  return { rows, sumCountByK };
}

/** Sum of v and count per key, worked out in plain JS. @example sumCountBy(rows, (r) => r.k).get(3) // { s: 12n, n: 2n } */
export function sumCountBy<R extends { v: number }, K>(rows: readonly R[], key: (r: R) => K): Map<K, { s: bigint; n: bigint }> {
  const m = new Map<K, { s: bigint; n: bigint }>();
  for (const r of rows) {
    const e = m.get(key(r)) ?? { s: 0n, n: 0n };
    e.s += BigInt(r.v);
    e.n += 1n;
    m.set(key(r), e);
  }
  return m;
}
