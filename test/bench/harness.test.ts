/**
 * A smoke test of the benchmark harness (never a benchmark: timings are not asserted). At 2e4 rows
 * with Cinder and the naive baseline only — the peer engines are not installed in CI — every task
 * Cinder answers must agree with the baseline's checksum, and the JSON must be written.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkAnswers } from "../../bench/harness/answers.js";
import { benchOptions } from "../../bench/harness/options.js";
import { runBenchmark } from "../../bench/harness/run-benchmark.js";

const dir = mkdtempSync(join(tmpdir(), "cinder-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every task: Cinder answers all of them, and each answer must agree with the baseline's. */
const MUST_PASS = ["read-csv", "read-parquet", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "seed", "j1", "j2", "j3", "j4", "j5"];

describe("benchmark harness", () => {
  it("runs Cinder and the naive baseline at 2e4 rows with agreeing answers and writes JSON", async () => {
    const opts = benchOptions({
      size: 2e4,
      runs: 1,
      engines: ["cinder", "naive"],
      timeoutSeconds: 60,
      dataDir: join(dir, "data"),
      resultsDir: join(dir, "results"),
    });
    const results = await runBenchmark(opts, () => {});
    const [cinder, naive] = results.engines;
    expect(cinder?.engine).toBe("cinder");
    expect(naive?.tasks.every((o) => o.status === "ok" && o.answer === "reference")).toBe(true);
    for (const o of cinder?.tasks ?? []) {
      if (o.status === "ok") expect({ task: o.task, answer: o.answer }).toEqual({ task: o.task, answer: "ok" });
    }
    const ok = (cinder?.tasks ?? []).filter((o) => o.status === "ok").map((o) => o.task);
    expect(ok).toEqual(expect.arrayContaining(MUST_PASS));
    expect(cinder?.peakMb).toBeGreaterThan(0);

    const files = readdirSync(join(dir, "results"));
    expect(files).toHaveLength(1);
    const json: unknown = JSON.parse(readFileSync(join(dir, "results", files[0] as string), "utf8"));
    expect(json).toMatchObject({ size: 2e4, sizeLabel: "2e4", runs: 1, engines: [{ engine: "cinder" }, { engine: "naive" }] });
  }, 60_000);

  it("marks a fast wrong answer WRONG and takes DuckDB as the reference when it ran", () => {
    const ok = (rows: number, v1: number) => ({ task: "q1" as const, status: "ok" as const, times: [0.1], checksum: { rows, sums: { v1 } } });
    const { checked, references } = checkAnswers(new Map([
      ["cinder", [ok(100, 5000.0000001)]],
      ["polars", [ok(100, 5001)]],
      ["duckdb", [ok(100, 5000)]],
      ["naive", [ok(99, 5000)]],
    ]), ["q1"]);
    expect(references).toEqual({ q1: "duckdb" });
    expect(checked.get("cinder")?.[0]?.answer).toBe("ok");
    expect(checked.get("polars")?.[0]?.answer).toBe("WRONG");
    expect(checked.get("naive")?.[0]?.answerDiff).toContain("rows 99");
  });
});
