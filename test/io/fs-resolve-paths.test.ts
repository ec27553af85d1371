import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HIVE_DEFAULT_PARTITION, resolvePaths as resolveAsync, resolvePathsSync, type ResolvedFile, type ResolveOptions } from "../../io/fs/index.js";

let root: string;

async function touch(rel: string, content = "x"): Promise<string> {
  const p = join(root, rel);
  await mkdir(dirname(p), { recursive: true });
  await writeFile(p, content);
  return p;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "cinder-fs-"));
  await touch("plain/a.csv", "12345");
  await touch("plain/b.parquet");
  await touch("plain/sub/c.parquet");
  await touch("plain/_SUCCESS", "");
  await touch("plain/.a.csv.crc");
  await touch("plain/_temporary/0/part.parquet");
  await touch("plain/.hidden/part.parquet");
  await touch("sales/year=2023/month=12/part-0.parquet");
  await touch("sales/year=2024/month=1/part-0.parquet");
  await touch("sales/year=2024/month=1/part-1.parquet");
  await touch(`sales/year=2024/month=${HIVE_DEFAULT_PARTITION}/part-0.parquet`);
  await touch("sales/_SUCCESS", "");
  await touch("odd/city=S%C3%A3o%2FPaulo/part.parquet");
  await touch("odd/city=a%3Db/part.parquet");
  await touch("bad/year=2024/x.parquet");
  await touch("bad/y.parquet");
});
afterAll(() => rm(root, { recursive: true, force: true }));

const rel = (files: { path: string }[]): string[] => files.map((f) => f.path.slice(root.length + 1));

type Resolve = (pattern: string, opts: ResolveOptions) => Promise<ResolvedFile[]>;
// Every case runs against both entry points; the sync one is wrapped so a throw becomes a rejection.
const variants: Array<[string, Resolve]> = [
  ["resolvePaths", resolveAsync],
  ["resolvePathsSync", async (pattern, opts) => resolvePathsSync(pattern, opts)],
];

describe.each(variants)("%s", (_name, resolvePaths) => {
  it("resolves a single file with its size", async () => {
    const files = await resolvePaths(join(root, "plain/a.csv"), { extensions: [".parquet"] });
    expect(files).toEqual([{ path: join(root, "plain/a.csv"), size: 5, partitionValues: {} }]);
  });

  it("lists a directory recursively, sorted, skipping _ and . names", async () => {
    expect(rel(await resolvePaths(join(root, "plain"), {}))).toEqual(["plain/a.csv", "plain/b.parquet", "plain/sub/c.parquet"]);
    expect(rel(await resolvePaths(join(root, "plain") + "/", { extensions: ["parquet"] }))).toEqual([
      "plain/b.parquet",
      "plain/sub/c.parquet",
    ]);
  });

  it("fills Hive partition values from key=value directories", async () => {
    const files = await resolvePaths(join(root, "sales"), { extensions: [".parquet"] });
    expect(files.map((f) => [f.path.slice(root.length + 1), f.partitionValues])).toEqual([
      ["sales/year=2023/month=12/part-0.parquet", { year: "2023", month: "12" }],
      ["sales/year=2024/month=1/part-0.parquet", { year: "2024", month: "1" }],
      ["sales/year=2024/month=1/part-1.parquet", { year: "2024", month: "1" }],
      [`sales/year=2024/month=${HIVE_DEFAULT_PARTITION}/part-0.parquet`, { year: "2024", month: HIVE_DEFAULT_PARTITION }],
    ]);
  });

  it("unescapes partition values", async () => {
    const files = await resolvePaths(join(root, "odd"), {});
    expect(files.map((f) => f.partitionValues.city)).toEqual(["São/Paulo", "a=b"]);
  });

  it("matches globs: *, ?, **, {a,b} and [..], with partitions relative to the glob's fixed prefix", async () => {
    expect(rel(await resolvePaths(join(root, "plain/*.parquet"), {}))).toEqual(["plain/b.parquet"]);
    expect(rel(await resolvePaths(join(root, "plain/?.csv"), {}))).toEqual(["plain/a.csv"]);
    expect(rel(await resolvePaths(join(root, "plain/**/*.parquet"), {}))).toEqual(["plain/b.parquet", "plain/sub/c.parquet"]);
    expect(rel(await resolvePaths(join(root, "{plain/a.csv,plain/sub}"), {}))).toEqual(["plain/a.csv", "plain/sub/c.parquet"]);
    expect(rel(await resolvePaths(join(root, "sales/year={2023,2025}/*/*.parquet"), {}))).toEqual([
      "sales/year=2023/month=12/part-0.parquet",
    ]);
    expect(rel(await resolvePaths(join(root, "sales/year=202[3]/*/*"), {}))).toEqual(["sales/year=2023/month=12/part-0.parquet"]);
    const glob = await resolvePaths(join(root, "sales/year=*/month=1"), {});
    expect(glob.map((f) => f.partitionValues)).toEqual([
      { year: "2024", month: "1" },
      { year: "2024", month: "1" },
    ]);
    // A glob directory match expands like a directory, still skipping metadata files.
    expect(rel(await resolvePaths(join(root, "s*"), { extensions: [".parquet"] }))).toHaveLength(4);
    // Hidden names are only matched when the pattern spells the leading "_" or ".".
    expect(rel(await resolvePaths(join(root, "plain/_*"), {}))).toEqual(["plain/_SUCCESS", "plain/_temporary/0/part.parquet"]);
  });

  it("throws when nothing matches", async () => {
    await expect(resolvePaths(join(root, "missing"), {})).rejects.toThrow(`Path does not exist: ${join(root, "missing")}`);
    await expect(resolvePaths(join(root, "plain/*.json"), {})).rejects.toThrow(/Path does not exist: .*\*\.json/);
    await expect(resolvePaths(join(root, "nodir/*/x"), {})).rejects.toThrow(/Path does not exist/);
  });

  it("rejects mixed partitioned and unpartitioned files", async () => {
    await expect(resolvePaths(join(root, "bad"), {})).rejects.toThrow(/Conflicting partition directory structures/);
  });
});

describe("resolvePathsSync", () => {
  it("returns the files directly and throws synchronously", () => {
    const files = resolvePathsSync(join(root, "sales"), { extensions: [".parquet"] });
    expect(Array.isArray(files)).toBe(true);
    expect(files).toHaveLength(4);
    expect(() => resolvePathsSync(join(root, "missing"), {})).toThrow(`Path does not exist: ${join(root, "missing")}`);
    expect(() => resolvePathsSync(join(root, "bad"), {})).toThrow(/Conflicting partition directory structures/);
  });

  it("gives exactly what the async resolvePaths gives", async () => {
    for (const pattern of ["plain", "sales", "odd", "plain/**/*.parquet", "{plain/a.csv,plain/sub}", "s*", "plain/_*"]) {
      expect(resolvePathsSync(join(root, pattern), {}), pattern).toEqual(await resolveAsync(join(root, pattern), {}));
    }
  });
});
