/**
 * cache() keeps repeated strings dictionary-encoded; group-bys, joins, filters, sorts and window
 * functions over the cached data read the codes. The answers must equal plain JavaScript over the
 * same rows, and what the user gets back is plain strings (Utf8 in Arrow, not Dictionary).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Type } from "apache-arrow";
import { afterAll, describe, expect, it } from "vitest";
import { Session, Window, count, desc, rowNumber, sum, type Row } from "../../src/index.js";
import { expectRowsInOrder, expectSameRows, rng } from "../helpers/rows.js";

const rand = rng(23);
const CITIES = ["Oslo", "Lima", "Kyiv", "Pune", "Ålesund", "São Paulo"];
const rows = Array.from({ length: 20_000 }, (_, i) => ({
  id: i,
  city: rand() < 0.05 ? null : (CITIES[Math.floor(rand() * CITIES.length)] as string),
  tag: `t${Math.floor(rand() * 40)}`,
  unique: `u${i}`, // never repeats: stays plain
  v: Math.floor(rand() * 1000),
}));
const cityInfo = [{ city: "Oslo", country: "NO" }, { city: "Lima", country: "PE" }, { city: "São Paulo", country: "BR" }];

function groupCount<K>(key: (r: (typeof rows)[number]) => K): Map<K, { n: bigint; s: bigint }> {
  const m = new Map<K, { n: bigint; s: bigint }>();
  for (const r of rows) {
    const e = m.get(key(r)) ?? { n: 0n, s: 0n };
    e.n += 1n;
    e.s += BigInt(r.v);
    m.set(key(r), e);
  }
  return m;
}

describe.each([1, 4])("cached, dictionary-encoded strings with %i worker(s)", (workers) => {
  const session = new Session({ workers, broadcastThreshold: workers === 1 ? 10 * 2 ** 20 : 0 });
  const df = session.createDataFrame(rows as unknown as Row[], { partitions: 3 }).cache();
  afterAll(async () => {
    await session.stop();
  });

  it("groups by one string key and by two", async () => {
    const one = [...groupCount((r) => r.city)].map(([city, e]) => ({ city, n: e.n, s: e.s }));
    expectSameRows(await df.groupBy("city").agg(count("*").alias("n"), sum("v").alias("s")).collect(), one);
    const two = [...groupCount((r) => `${r.city}|${r.tag}`)].map(([k, e]) => {
      const [city, tag] = k.split("|");
      return { city: city === "null" ? null : (city as string), tag: tag as string, n: e.n };
    });
    expectSameRows(await df.groupBy("city", "tag").agg(count("*").alias("n")).collect(), two);
  });

  it("joins on a string key, filters on strings and sorts by them", async () => {
    const info = session.createDataFrame(cityInfo);
    const joined = await df.join(info, "city").groupBy("country").count().collect();
    const byCountry = new Map<string, bigint>();
    for (const r of rows) {
      const hit = cityInfo.find((c) => c.city === r.city);
      if (hit) byCountry.set(hit.country, (byCountry.get(hit.country) ?? 0n) + 1n);
    }
    expectSameRows(joined, [...byCountry].map(([country, count]) => ({ country, count })));
    const filtered = await df.where("city = 'São Paulo' AND tag IN ('t1', 't2')").select("id").collect();
    expectSameRows(filtered, rows.filter((r) => r.city === "São Paulo" && (r.tag === "t1" || r.tag === "t2")).map((r) => ({ id: r.id })));
    const sorted = await df.orderBy(desc("city"), "id").limit(5).select("city", "id").collect();
    const want = [...rows].sort((a, b) => (a.city === b.city ? a.id - b.id : a.city === null ? 1 : b.city === null ? -1 : a.city < b.city ? 1 : -1));
    expectRowsInOrder(sorted, want.slice(0, 5).map((r) => ({ city: r.city, id: r.id })));
  });

  it("ranks within string partitions", async () => {
    const top = await df.where("city IS NOT NULL").select("city", "id", rowNumber().over(Window.partitionBy("city").orderBy(desc("v"), "id")).alias("r")).where("r = 1").select("city", "id").collect();
    const best = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      if (r.city === null) continue;
      const b = best.get(r.city);
      if (!b || r.v > b.v || (r.v === b.v && r.id < b.id)) best.set(r.city, r);
    }
    expectSameRows(top, [...best.values()].map((r) => ({ city: r.city, id: r.id })));
  });

  it("groups a batch bigger than the aggregate's 64k-row slices, whose slices share one dictionary", async () => {
    const big = Array.from({ length: 150_000 }, (_, i) => ({ k: `key${(i * 7919) % 30_000}`, v: i % 10 }));
    const cached = session.createDataFrame(big, { partitions: 1 }).cache();
    const got = await cached.groupBy("k").agg(count("*").alias("n"), sum("v").alias("s")).collect();
    const want = new Map<string, { n: bigint; s: bigint }>();
    for (const r of big) {
      const e = want.get(r.k) ?? { n: 0n, s: 0n };
      e.n += 1n;
      e.s += BigInt(r.v);
      want.set(r.k, e);
    }
    expectSameRows(got, [...want].map(([k, e]) => ({ k, n: e.n, s: e.s })));
  });

  it("caches a CSV file: the reader's dictionary and its declined column give the same answers", async () => {
    // 20,000 distinct ids (declined by the reader after 8,192 rows) and 7 repeating keys (encoded).
    const dir = mkdtempSync(join(tmpdir(), "cinder-cached-csv-"));
    try {
      const lines = ["id,k,v"];
      const want = new Map<string, { n: bigint; s: bigint }>();
      for (let i = 0; i < 20_000; i++) {
        const k = `key ${(i * 31) % 7}`;
        lines.push(`id${String(i * 7).padStart(9, "0")},${k},${i % 100}`);
        const e = want.get(k) ?? { n: 0n, s: 0n };
        e.n += 1n;
        e.s += BigInt(i % 100);
        want.set(k, e);
      }
      const path = join(dir, "ids.csv");
      writeFileSync(path, lines.join("\n") + "\n");
      const cached = session.read.csv(path, { header: true, inferSchema: true }).cache();
      expect(await cached.count()).toBe(20_000);
      expectSameRows(await cached.groupBy("k").agg(count("*").alias("n"), sum("v").alias("s")).collect(), [...want].map(([k, e]) => ({ k, n: e.n, s: e.s })));
      const perId = await cached.groupBy("id").count().where("count <> 1").collect();
      expect(perId).toEqual([]);
      expect(await cached.select("id").distinct().count()).toBe(20_000);
      const hits = await cached.where("id = 'id000000700' OR id = 'id000139993'").select("id", "v").collect();
      expectSameRows(hits, [{ id: "id000000700", v: 0 }, { id: "id000139993", v: 99 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("hands back plain strings", async () => {
    const t = await df.select("city", "unique").toArrow();
    expect(t.schema.fields.map((f) => f.type.typeId)).toEqual([Type.Utf8, Type.Utf8]);
    const got = (await df.orderBy("id").limit(3).collect()).map((r) => r.city);
    expect(got).toEqual(rows.slice(0, 3).map((r) => r.city));
  });
});
