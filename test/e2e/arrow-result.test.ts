/**
 * toArrow() of a join whose two sides share column names with different nullability (a left join
 * makes the right side's columns nullable): the Table keeps both columns, in order, each with the
 * plan's nullability, and the right values where they belong. (arrow-js merged fields by name and
 * refused such a batch.)
 */
import { Field, Int32, RecordBatch, Schema, Struct, Table, Utf8, makeData, vectorFromArray } from "apache-arrow";
import { afterAll, describe, expect, it } from "vitest";
import { Session } from "../../src/index.js";

function table(names: string[], cols: (number[] | string[])[]): Table {
  const fields = names.map((n, i) => new Field(n, typeof cols[i]?.[0] === "string" ? new Utf8() : new Int32(), false));
  const children = cols.map((c, i) => vectorFromArray(c, (fields[i] as Field).type).data[0] as NonNullable<ReturnType<typeof vectorFromArray>["data"][number]>);
  const schema = new Schema(fields);
  const n = cols[0]?.length ?? 0;
  return new Table([new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, nullCount: 0, children }))]);
}

describe("toArrow with duplicate column names", () => {
  const session = new Session({ workers: 2 });
  afterAll(async () => {
    await session.stop();
  });

  it("keeps both sides' columns with their own nullability", async () => {
    const x = session.createDataFrame(table(["k", "id1", "s"], [[1, 2, 3, 4], [10, 20, 30, 40], ["a", "b", "c", "d"]]));
    const m = session.createDataFrame(table(["k", "id1"], [[2, 4], [200, 400]]));
    const t = await x.join(m, "k", "left").orderBy("k").toArrow();
    expect(t.schema.fields.map((f) => [f.name, f.nullable])).toEqual([["k", false], ["id1", false], ["s", false], ["id1", true]]);
    expect(t.getChildAt(1)?.toArray()).toEqual(Int32Array.from([10, 20, 30, 40]));
    expect([...(t.getChildAt(3) ?? [])]).toEqual([null, 200, null, 400]);
  });
});
