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
