import { readdirSync, statSync, type Stats } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { compileSegments, expandBraces, hasGlobMeta, type GlobSegment } from "./glob-pattern.js";
import { parsePartitionDir } from "./partition-values.js";

export interface ResolvedFile {
  /** Absolute path. */
  path: string;
  size: number;
  /** Hive `key=value` directories between the root and the file, unescaped; the null marker
   * `__HIVE_DEFAULT_PARTITION__` is kept as is (see partitionValueOrNull). */
  partitionValues: Record<string, string>;
}

export interface ResolveOptions {
  /** Keep only files ending with one of these (".parquet" or "parquet"; case-insensitive).
   * Applies to files found by listing, not to a file named explicitly. */
  extensions?: string[];
}

interface Found {
  size: number;
  root: string;
}

/**
 * Resolves a file, a directory (recursively, skipping `_`/`.` names such as `_SUCCESS`,
 * `.crc`, `_temporary`, as Spark does) or a glob (`*`, `?`, `[ab]`, `**`, `{a,b}`) into the data
 * files it names, sorted by path, with Hive partition values taken from the directories between
 * the root (the directory given, or a glob's fixed prefix) and each file.
 *
 * Synchronous because `session.read.parquet(path)` must return its DataFrame (schema included)
 * at once; the walk only lists directories and stats files.
 *
 * @example
 * resolvePathsSync("sales/", { extensions: [".parquet"] });
 * // [{ path: "/abs/sales/year=2024/part-00000-….parquet", size: 1234, partitionValues: { year: "2024" } }, …]
 */
export function resolvePathsSync(pattern: string, opts: ResolveOptions = {}): ResolvedFile[] {
  const walker = new Walker(opts.extensions);
  for (const p of expandBraces(pattern)) {
    if (hasGlobMeta(p)) walker.glob(p);
    else walker.literal(p);
  }
  if (!walker.matchedAny) throw new Error(`Path does not exist: ${pattern}`);
  const paths = [...walker.found.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files = paths.map((path): ResolvedFile => {
    const f = walker.found.get(path) as Found;
    return { path, size: f.size, partitionValues: partitionValuesOf(f.root, path) };
  });
  checkConsistentPartitions(files, pattern);
  return files;
}

/**
 * resolvePathsSync behind a Promise, for async callers. The walk itself stays synchronous: one
 * code path means both always agree, and listing a dataset's directories is quick.
 *
 * @example
 * await resolvePaths("sales/", { extensions: [".parquet"] });
 */
export async function resolvePaths(pattern: string, opts: ResolveOptions = {}): Promise<ResolvedFile[]> {
  return resolvePathsSync(pattern, opts);
}

class Walker {
  readonly found = new Map<string, Found>();
  matchedAny = false;
  private readonly extensions: string[] | undefined;

  constructor(extensions: string[] | undefined) {
    this.extensions = extensions?.map((e) => (e.startsWith(".") ? e : `.${e}`).toLowerCase());
  }

  literal(p: string): void {
    const abs = resolve(p);
    const info = statOrUndefined(abs);
    if (info === undefined) return;
    this.matchedAny = true;
    if (info.isDirectory()) this.listDirectory(abs, abs);
    else this.found.set(abs, { size: info.size, root: abs });
  }

  glob(p: string): void {
    const parts = resolve(p).split(sep);
    const firstMeta = parts.findIndex(hasGlobMeta);
    const root = parts.slice(0, firstMeta).join(sep) || sep;
    if (statOrUndefined(root)?.isDirectory() !== true) return;
    this.matchGlob(root, root, compileSegments(parts.slice(firstMeta).join("/")), 0);
  }

  private matchGlob(dir: string, root: string, segs: GlobSegment[], i: number): void {
    const seg = segs[i];
    if (seg === undefined) {
      // A directory matched the whole pattern (e.g. `data/*` hitting `data/year=2020`).
      this.matchedAny = true;
      this.listDirectory(dir, root);
      return;
    }
    const entries = listEntries(dir);
    if (seg.kind === "any-depth") {
      this.matchGlob(dir, root, segs, i + 1);
      for (const e of entries) if (e.isDir && !isHidden(e.name)) this.matchGlob(e.path, root, segs, i);
      return;
    }
    // A pattern that spells out a leading `.`/`_` opts into such names.
    const allowHidden = seg.raw.startsWith(".") || seg.raw.startsWith("_");
    const last = i === segs.length - 1;
    for (const e of entries) {
      if (!seg.re.test(e.name) || (!allowHidden && isHidden(e.name))) continue;
      if (e.isDir) this.matchGlob(e.path, root, segs, i + 1);
      else if (last) {
        this.matchedAny = true;
        if (this.wanted(e.name)) this.found.set(e.path, { size: e.size, root });
      }
    }
  }

  private listDirectory(dir: string, root: string): void {
    for (const e of listEntries(dir)) {
      if (isHidden(e.name)) continue;
      if (e.isDir) this.listDirectory(e.path, root);
      else if (this.wanted(e.name)) this.found.set(e.path, { size: e.size, root });
    }
  }

  private wanted(name: string): boolean {
    if (this.extensions === undefined) return true;
    const lower = name.toLowerCase();
    return this.extensions.some((ext) => lower.endsWith(ext));
  }
}

interface Entry {
  name: string;
  path: string;
  isDir: boolean;
  size: number;
}

/** Lists a directory with sizes, following symlinks; entries that vanish meanwhile are dropped. */
function listEntries(dir: string): Entry[] {
  const entries: Entry[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statOrUndefined(path);
    if (info !== undefined) entries.push({ name, path, isDir: info.isDirectory(), size: info.size });
  }
  return entries;
}

/** Spark's rule: hidden/metadata names start with `.` or `_` (but `_col=1` is a partition). */
function isHidden(name: string): boolean {
  return name.startsWith(".") || (name.startsWith("_") && !name.includes("=")) || name.endsWith("._COPYING_");
}

function statOrUndefined(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch (e) {
    if (typeof e === "object" && e !== null && "code" in e && (e.code === "ENOENT" || e.code === "ENOTDIR")) return undefined;
    throw e;
  }
}

/** Like Spark, only the run of `key=value` directories right above the file counts. */
function partitionValuesOf(root: string, file: string): Record<string, string> {
  const dirs = relative(root, file).split(sep).slice(0, -1);
  const pairs: Array<[string, string]> = [];
  for (let i = dirs.length - 1; i >= 0; i--) {
    const kv = parsePartitionDir(dirs[i] ?? "");
    if (kv === undefined) break;
    pairs.unshift(kv);
  }
  const keys = new Set(pairs.map(([k]) => k));
  if (keys.size !== pairs.length) throw new Error(`A partition column appears twice in the path ${file}`);
  return Object.fromEntries(pairs); // fromEntries: a "__proto__" key stays an ordinary key
}

function checkConsistentPartitions(files: ResolvedFile[], pattern: string): void {
  const first = files[0];
  if (first === undefined) return;
  const shape = Object.keys(first.partitionValues).join("/");
  const odd = files.find((f) => Object.keys(f.partitionValues).join("/") !== shape);
  if (odd !== undefined) {
    throw new Error(
      `Conflicting partition directory structures under ${pattern}: ${first.path} has [${shape}], ` +
        `${odd.path} has [${Object.keys(odd.partitionValues).join("/")}]`,
    );
  }
}
