/**
 * sample and randomSplit end to end with 1 worker and with 4: the same seed gives the same rows
 * (also across worker counts), splits are disjoint and cover the input, and the sizes fall within
 * five standard deviations of what the fraction or weights promise (a false failure has odds of
 * about one in 1.7 million per check).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisError, Session, type DataFrame, type Row } from "../../src/index.js";

const N = 20000;
const data = Array.from({ length: N }, (_, id) => ({ id, g: id % 7 }));
const ids = async (d: DataFrame): Promise<number[]> => (await d.select("id").collect()).map((r) => r.id as number).sort((a, b) => a - b);
/** Within 5 standard deviations of a binomial(n, p) mean. */
const expectBinomial = (k: number, n: number, p: number): void => {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(k - n * p)).toBeLessThan(5 * sd);
};

/** What the first worker count saw, to compare the second against. */
const seen = new Map<string, number[]>();
const sameAcrossRuns = (key: string, got: number[]): void => {
  const before = seen.get(key);
  if (before) expect(got).toEqual(before);
  else seen.set(key, got);
};

describe.each([1, 4])("sample and randomSplit with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers, shufflePartitions: workers === 1 ? 1 : 3 });
    df = session.createDataFrame(data as unknown as Row[], { partitions: 4 });
  });
  afterAll(async () => {
    await session.stop();
  });

  it("sample without replacement: deterministic for a seed, about fraction × n rows, no repeats", async () => {
    const a = await ids(df.sample({ fraction: 0.3, seed: 42 }));
    const b = await ids(df.sample(0.3, 42));
    const c = await ids(df.sample(false, 0.3, 42));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    expectBinomial(a.length, N, 0.3);
    sameAcrossRuns("sample 0.3/42", a);
    const other = await ids(df.sample(0.3, 43));
    expect(other).not.toEqual(a);
    expect(await df.sample(0, 1).count()).toBe(0);
    expect(await df.sample(1, 1).count()).toBe(N);
    // Every partition is sampled (seed + partition index): rows come from all four quarters.
    for (let q = 0; q < 4; q++) expect(a.some((id) => id >= q * 5000 && id < (q + 1) * 5000)).toBe(true);
  });

  it("sample with replacement repeats rows, Poisson(fraction) times each", async () => {
    const a = await ids(df.sample({ withReplacement: true, fraction: 2, seed: 5 }));
    expect(await ids(df.sample(true, 2, 5))).toEqual(a);
    // The total is Poisson(2N): mean and variance 2N.
    expect(Math.abs(a.length - 2 * N)).toBeLessThan(5 * Math.sqrt(2 * N));
    expect(new Set(a).size).toBeLessThan(a.length);
    // Rows never drawn: e^-2 of them on average.
    const missing = N - new Set(a).size;
    expectBinomial(missing, N, Math.exp(-2));
    sameAcrossRuns("replacement 2/5", a);
  });

  it("randomSplit: disjoint splits that cover the input, sizes by weight, deterministic", async () => {
    const splits = df.randomSplit([1, 2, 3], 11);
    expect(splits).toHaveLength(3);
    const parts = await Promise.all(splits.map(ids));
    const all = parts.flat().sort((x, y) => x - y);
    expect(all).toEqual(data.map((r) => r.id));
    [1 / 6, 2 / 6, 3 / 6].forEach((p, i) => expectBinomial((parts[i] as number[]).length, N, p));
    const again = await Promise.all(df.randomSplit([1, 2, 3], 11).map(ids));
    expect(again).toEqual(parts);
    sameAcrossRuns("split", parts.flat());
    // After a filter too: the draws follow the filtered partitions.
    const [x, y] = df.where("g != 3").randomSplit([0.5, 0.5], 3);
    const xs = await ids(x as DataFrame);
    const ys = await ids(y as DataFrame);
    expect([...xs, ...ys].sort((p, q) => p - q)).toEqual(data.filter((r) => r.g !== 3).map((r) => r.id));
    expect(xs.filter((v) => ys.includes(v))).toEqual([]);
    // After a hash shuffle: each split is recomputed from the shuffle, sorted within partitions first.
    const shuffled = df.repartition(3, "g");
    const sp = await Promise.all(shuffled.randomSplit([2, 1], 8).map(ids));
    expect(sp.flat().sort((p, q) => p - q)).toEqual(data.map((r) => r.id));
    expectBinomial((sp[0] as number[]).length, N, 2 / 3);
  });

  it("EXPLAIN: randomSplit sorts each partition before its Sample", async () => {
    const [first] = df.randomSplit([1, 1], 4);
    const text = await (first as DataFrame).explain();
    expect(text).toMatch(/Sample \[0, 0.5\) withReplacement=false seed=4 sortedWithinPartitions/);
    expect(text).toMatch(/ {2}Sample \[0, 0.5\) withReplacement=false seed=4\n\s+\+- Sort \[id ASC NULLS FIRST, g ASC NULLS FIRST\]/);
  });

  it("EXPLAIN shows the Sample node", async () => {
    const text = await df.sample(0.25, 9).explain();
    expect(text).toMatch(/== Analyzed Logical Plan ==\nSample \[0, 0.25\) withReplacement=false seed=9/);
    expect(text).toMatch(/Stage 0: 4 tasks → result\n\s+Sample \[0, 0.25\) withReplacement=false seed=9/);
  });

  it("errors: bad fractions, weights and seeds", () => {
    expect(() => df.sample(1.5)).toThrow(/between 0 and 1/);
    expect(() => df.sample({ withReplacement: true, fraction: -1 })).toThrow(/≥ 0/);
    expect(() => df.sample(0.5, 1.5)).toThrow(/seed must be a whole number/);
    expect(() => df.randomSplit([])).toThrow(AnalysisError);
    expect(() => df.randomSplit([1, -1])).toThrow(/≥ 0/);
    expect(() => df.randomSplit([0, 0])).toThrow(/sum to more than 0/);
    expect(() => df.randomSplit([1, Number.NaN])).toThrow(/finite/);
  });
});
