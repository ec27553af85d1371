import { execFile } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { workerFlags } from "../../executor/pool.js";

describe("workerFlags: the process's flags a worker thread accepts", () => {
  it("drops V8 and process-wide options (with a separate value) and keeps the rest in order", () => {
    expect(workerFlags(["--expose-gc", "--no-warnings", "--stack-size", "900", "--max-old-space-size=4096", "--enable-source-maps"]))
      .toEqual(["--no-warnings", "--enable-source-maps"]);
    expect(workerFlags(["--no-warnings", "--conditions=dev"])).toEqual(["--no-warnings", "--conditions=dev"]);
    expect(workerFlags([])).toEqual([]);
  });

  it("a job runs in a process started with --expose-gc and --max-old-space-size", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cinder-flags-"));
    const script = join(dir, "job.mts");
    const index = new URL("../../src/index.ts", import.meta.url).href;
    writeFileSync(
      script,
      `import { Session, col } from ${JSON.stringify(index)};\n` +
        `const s = new Session({ workers: 2 });\n` +
        `const rows = Array.from({ length: 1000 }, (_, i) => ({ id: i }));\n` +
        `const n = await s.createDataFrame(rows, { partitions: 4 }).where(col("id").mod(7).eq(0)).count();\n` +
        `await s.stop();\nconsole.log(JSON.stringify({ n, gc: typeof globalThis.gc }));\n`,
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--expose-gc", "--max-old-space-size=2048", "--import", "tsx", script],
      { cwd: new URL("../..", import.meta.url).pathname, timeout: 60_000 },
    );
    // 0, 7, …, 994: 143 multiples of 7 below 1000.
    expect(JSON.parse(stdout.trim().split("\n").pop() as string)).toEqual({ n: 143, gc: "function" });
  }, 90_000);
});
