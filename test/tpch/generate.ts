/**
 * A seeded TPC-H data generator (no network, no native tools) for the TPC-H end-to-end suite.
 *
 * It follows the TPC-H specification (section 4.2.3) for every column the 22 queries filter,
 * group or join on: table cardinalities (SF × 10,000 suppliers, 200,000 parts, 4 partsupp per part,
 * 150,000 customers, 1,500,000 orders with 1–7 lineitems each), the part vocabularies (p_type,
 * p_container, p_brand, p_mfgr, p_size, p_name from the colour list), the supplier of a lineitem
 * being one of its part's four partsupp suppliers, customers whose key is a multiple of 3 having
 * no orders, dates in 1992-01-01 … 1998-12-31 (order dates up to 151 days before the end), the
 * l_returnflag / l_linestatus / o_orderstatus rules against CURRENTDATE 1995-06-17, phone country
 * codes (nation key + 10), the market segments, priorities, ship modes and instructions, and the
 * comments the queries search ('%special%requests%', '%Customer%Complaints%'). Free text is drawn
 * from a smaller word list than dbgen's grammar, so answers differ from dbgen's, but every query
 * returns rows at a small scale factor. Decimals are float64 (two decimals), keys int32, dates
 * Arrow DateDay.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DateDay, Float64, Int32, RecordBatch, Schema, Field, Struct, Utf8, makeData, type DataType, type Data } from "apache-arrow";
import { writeParquetFile } from "../../io/parquet/index.js";
import { rng } from "../helpers/rows.js";

export const TPCH_TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"] as const;
export type TpchTable = (typeof TPCH_TABLES)[number];

type ColKind = "int" | "money" | "date" | "str";
interface Column {
  readonly name: string;
  readonly kind: ColKind;
  readonly values: (number | string)[];
}

const REGIONS = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"];
/** [name, region key] in nation-key order, as the specification lists them. */
const NATIONS: readonly [string, number][] = [
  ["ALGERIA", 0], ["ARGENTINA", 1], ["BRAZIL", 1], ["CANADA", 1], ["EGYPT", 4], ["ETHIOPIA", 0],
  ["FRANCE", 3], ["GERMANY", 3], ["INDIA", 2], ["INDONESIA", 2], ["IRAN", 4], ["IRAQ", 4],
  ["JAPAN", 2], ["JORDAN", 4], ["KENYA", 0], ["MOROCCO", 0], ["MOZAMBIQUE", 0], ["PERU", 1],
  ["CHINA", 2], ["ROMANIA", 3], ["SAUDI ARABIA", 4], ["VIETNAM", 2], ["RUSSIA", 3],
  ["UNITED KINGDOM", 3], ["UNITED STATES", 1],
];
const COLORS = (
  "almond antique aquamarine azure beige bisque black blanched blue blush brown burlywood burnished " +
  "chartreuse chiffon chocolate coral cornflower cornsilk cream cyan dark deep dim dodger drab firebrick " +
  "floral forest frosted gainsboro ghost goldenrod green grey honeydew hot indian ivory khaki lace " +
  "lavender lawn lemon light lime linen magenta maroon medium metallic midnight mint misty moccasin navajo " +
  "navy olive orange orchid pale papaya peach peru pink plum powder puff purple red rose rosy royal " +
  "saddle salmon sandy seashell sienna sky slate smoke snow spring steel tan thistle tomato turquoise " +
  "violet wheat white yellow"
).split(" ");
const TYPE1 = ["STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"];
const TYPE2 = ["ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"];
const TYPE3 = ["TIN", "NICKEL", "BRASS", "STEEL", "COPPER"];
const CONTAINER1 = ["SM", "LG", "MED", "JUMBO", "WRAP"];
const CONTAINER2 = ["CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"];
const SEGMENTS = ["AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"];
const PRIORITIES = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"];
const INSTRUCTIONS = ["DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"];
const MODES = ["REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"];
const WORDS = (
  "furiously quickly carefully blithely slyly fluffily ironic final pending regular express bold " +
  "even silent unusual packages deposits accounts requests instructions theodolites foxes pinto beans " +
  "asymptotes dependencies excuses platelets sleep wake nag haggle boost cajole detect integrate use"
).split(" ");

const DAY = 86_400_000;
const days = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const START = days("1992-01-01");
const END = days("1998-12-31");
const CURRENT = days("1995-06-17");

/** Every table of TPC-H at scale factor `sf`, as columns. Deterministic for a given seed. */
export function generateTpch(sf: number, seed = 1): Record<TpchTable, Column[]> {
  const r = rng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const money = (lo: number, hi: number): number => int(Math.round(lo * 100), Math.round(hi * 100)) / 100;
  const text = (lo: number, hi: number): string => Array.from({ length: int(lo, hi) }, () => pick(WORDS)).join(" ");
  const phone = (nation: number): string => `${nation + 10}-${int(100, 999)}-${int(100, 999)}-${int(1000, 9999)}`;
  const pad9 = (n: number): string => String(n).padStart(9, "0");
  const col = (name: string, kind: ColKind, values: (number | string)[]): Column => ({ name, kind, values });

  const region = [
    col("r_regionkey", "int", REGIONS.map((_, i) => i)),
    col("r_name", "str", REGIONS),
    col("r_comment", "str", REGIONS.map(() => text(4, 10))),
  ];
  const nation = [
    col("n_nationkey", "int", NATIONS.map((_, i) => i)),
    col("n_name", "str", NATIONS.map(([n]) => n)),
    col("n_regionkey", "int", NATIONS.map(([, rk]) => rk)),
    col("n_comment", "str", NATIONS.map(() => text(4, 10))),
  ];

  const S = Math.max(4, Math.round(sf * 10_000));
  const supplier: Column[] = [
    col("s_suppkey", "int", []), col("s_name", "str", []), col("s_address", "str", []), col("s_nationkey", "int", []),
    col("s_phone", "str", []), col("s_acctbal", "money", []), col("s_comment", "str", []),
  ];
  for (let k = 1; k <= S; k++) {
    const nk = int(0, 24);
    // The specification plants "Customer … Complaints" (and "Recommends") in a few supplier comments.
    const c = r();
    const comment = c < 0.05 ? `${text(1, 4)} Customer ${text(0, 3)} Complaints ${text(1, 4)}` : c < 0.1 ? `${text(1, 4)} Customer ${text(0, 3)} Recommends ${text(1, 4)}` : text(4, 12);
    const vals = [k, `Supplier#${pad9(k)}`, text(1, 3), nk, phone(nk), money(-999.99, 9999.99), comment];
    supplier.forEach((cl, i) => cl.values.push(vals[i] as number | string));
  }

  const P = Math.max(1, Math.round(sf * 200_000));
  const part: Column[] = [
    col("p_partkey", "int", []), col("p_name", "str", []), col("p_mfgr", "str", []), col("p_brand", "str", []),
    col("p_type", "str", []), col("p_size", "int", []), col("p_container", "str", []), col("p_retailprice", "money", []),
    col("p_comment", "str", []),
  ];
  const retail: number[] = [0];
  for (let k = 1; k <= P; k++) {
    const names = new Set<string>();
    while (names.size < 5) names.add(pick(COLORS));
    const m = int(1, 5);
    const price = (90_000 + (Math.floor(k / 10) % 20_001) + 100 * (k % 1000)) / 100;
    retail.push(price);
    const vals = [
      k, [...names].join(" "), `Manufacturer#${m}`, `Brand#${m}${int(1, 5)}`,
      `${pick(TYPE1)} ${pick(TYPE2)} ${pick(TYPE3)}`, int(1, 50), `${pick(CONTAINER1)} ${pick(CONTAINER2)}`, price, text(1, 4),
    ];
    part.forEach((cl, i) => cl.values.push(vals[i] as number | string));
  }
  /** The i-th (0..3) supplier of a part, by the specification's formula. */
  const suppOf = (pk: number, i: number): number => ((pk + i * (Math.floor(S / 4) + Math.floor((pk - 1) / S))) % S) + 1;
  const partsupp: Column[] = [
    col("ps_partkey", "int", []), col("ps_suppkey", "int", []), col("ps_availqty", "int", []),
    col("ps_supplycost", "money", []), col("ps_comment", "str", []),
  ];
  for (let pk = 1; pk <= P; pk++) {
    for (let i = 0; i < 4; i++) {
      const vals = [pk, suppOf(pk, i), int(1, 9999), money(1, 1000), text(4, 12)];
      partsupp.forEach((cl, j) => cl.values.push(vals[j] as number | string));
    }
  }

  const C = Math.max(3, Math.round(sf * 150_000));
  const customer: Column[] = [
    col("c_custkey", "int", []), col("c_name", "str", []), col("c_address", "str", []), col("c_nationkey", "int", []),
    col("c_phone", "str", []), col("c_acctbal", "money", []), col("c_mktsegment", "str", []), col("c_comment", "str", []),
  ];
  for (let k = 1; k <= C; k++) {
    const nk = int(0, 24);
    const vals = [k, `Customer#${pad9(k)}`, text(1, 3), nk, phone(nk), money(-999.99, 9999.99), pick(SEGMENTS), text(4, 12)];
    customer.forEach((cl, i) => cl.values.push(vals[i] as number | string));
  }

  const O = Math.max(1, Math.round(sf * 1_500_000));
  const orders: Column[] = [
    col("o_orderkey", "int", []), col("o_custkey", "int", []), col("o_orderstatus", "str", []), col("o_totalprice", "money", []),
    col("o_orderdate", "date", []), col("o_orderpriority", "str", []), col("o_clerk", "str", []), col("o_shippriority", "int", []),
    col("o_comment", "str", []),
  ];
  const lineitem: Column[] = [
    col("l_orderkey", "int", []), col("l_partkey", "int", []), col("l_suppkey", "int", []), col("l_linenumber", "int", []),
    col("l_quantity", "money", []), col("l_extendedprice", "money", []), col("l_discount", "money", []), col("l_tax", "money", []),
    col("l_returnflag", "str", []), col("l_linestatus", "str", []), col("l_shipdate", "date", []), col("l_commitdate", "date", []),
    col("l_receiptdate", "date", []), col("l_shipinstruct", "str", []), col("l_shipmode", "str", []), col("l_comment", "str", []),
  ];
  const clerks = Math.max(1, Math.round(sf * 1000));
  for (let i = 0; i < O; i++) {
    // Sparse keys as in the specification: the first 8 of every 32.
    const ok = Math.floor(i / 8) * 32 + (i % 8) + 1;
    let ck = int(1, C);
    while (ck % 3 === 0) ck = int(1, C);
    const od = int(START, END - 151);
    let total = 0;
    let nF = 0;
    const n = int(1, 7);
    for (let ln = 1; ln <= n; ln++) {
      const pk = int(1, P);
      const qty = int(1, 50);
      const price = Math.round(qty * (retail[pk] as number) * 100) / 100;
      const disc = int(0, 10) / 100;
      const tax = int(0, 8) / 100;
      const ship = od + int(1, 121);
      const receipt = ship + int(1, 30);
      const status = ship > CURRENT ? "O" : "F";
      if (status === "F") nF++;
      total += price * (1 + tax) * (1 - disc);
      const vals = [
        ok, pk, suppOf(pk, int(0, 3)), ln, qty, price, disc, tax, receipt <= CURRENT ? (r() < 0.5 ? "R" : "A") : "N", status,
        ship, od + int(30, 90), receipt, pick(INSTRUCTIONS), pick(MODES), text(1, 5),
      ];
      lineitem.forEach((cl, j) => cl.values.push(vals[j] as number | string));
    }
    const comment = r() < 0.02 ? `${text(1, 3)} special ${text(0, 2)} requests ${text(0, 3)}` : text(3, 10);
    const vals = [
      ok, ck, nF === n ? "F" : nF === 0 ? "O" : "P", Math.round(total * 100) / 100, od, pick(PRIORITIES),
      `Clerk#${pad9(int(1, clerks))}`, 0, comment,
    ];
    orders.forEach((cl, j) => cl.values.push(vals[j] as number | string));
  }
  return { region, nation, supplier, customer, part, partsupp, orders, lineitem };
}

function arrowData(c: Column): Data {
  const n = c.values.length;
  if (c.kind === "str") {
    const enc = new TextEncoder();
    const parts = c.values.map((v) => enc.encode(String(v)));
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i] as number) + (parts[i] as Uint8Array).length;
    const bytes = new Uint8Array(offsets[n] as number);
    parts.forEach((p, i) => bytes.set(p, offsets[i] as number));
    return makeData({ type: new Utf8(), length: n, valueOffsets: offsets, data: bytes });
  }
  if (c.kind === "money") return makeData({ type: new Float64(), length: n, data: Float64Array.from(c.values as number[]) });
  if (c.kind === "date") return makeData({ type: new DateDay(), length: n, data: Int32Array.from(c.values as number[]) });
  return makeData({ type: new Int32(), length: n, data: Int32Array.from(c.values as number[]) });
}

/**
 * Writes every table as `dir/<table>.parquet` (lineitem and orders in several row groups, so a
 * multi-worker session reads them in parallel) and returns the file path of each table.
 */
export async function writeTpchParquet(dir: string, sf: number, seed = 1): Promise<Record<TpchTable, string>> {
  mkdirSync(dir, { recursive: true });
  const tables = generateTpch(sf, seed);
  const out = {} as Record<TpchTable, string>;
  for (const name of TPCH_TABLES) {
    const cols = tables[name];
    const schema = new Schema(cols.map((c) => new Field(c.name, arrowType(c.kind), false)));
    const data = makeData({ type: new Struct(schema.fields), length: cols[0]?.values.length ?? 0, nullCount: 0, children: cols.map(arrowData) });
    const batch = new RecordBatch(schema, data);
    const path = join(dir, `${name}.parquet`);
    await writeParquetFile(path, [batch], { compression: "none", rowGroupSize: 16_384 });
    out[name] = path;
  }
  return out;
}

function arrowType(k: ColKind): DataType {
  return k === "str" ? new Utf8() : k === "money" ? new Float64() : k === "date" ? new DateDay() : new Int32();
}
