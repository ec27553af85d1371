/**
 * `npm run bench -- --size 1e6`: Cinder side by side with DuckDB, Polars, Arquero, Danfo and a
 * naive JavaScript baseline, on the db-benchmark's groupby and join data; prints one table and
 * writes it as JSON under bench/results/. Peers come from `npm run bench:setup`.
 */
import { parseArgs } from "./harness/options.js";
import { formatTable } from "./harness/report-table.js";
import { runBenchmark } from "./harness/run-benchmark.js";

try {
  const opts = parseArgs(process.argv.slice(2));
  console.error(`benchmark: ${opts.size.toLocaleString("en-US")} rows, engines ${opts.engines.join(", ")}, ${opts.tasks.length} tasks, ${opts.runs} runs, timeout ${opts.timeoutSeconds} s`);
  const results = await runBenchmark(opts, (line) => console.error(line));
  console.log(formatTable(results));
  console.error(`results written to ${results.file}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
