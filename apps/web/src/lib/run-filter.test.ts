import { describe, expect, it } from "vitest";
import { parseFilterRows, parseJoin, toRunFilter, writeFilterParams, type FilterRow } from "./run-filter.ts";

const row = (field: FilterRow["field"], op: FilterRow["op"], value: string): FilterRow => ({ field, op, value });

describe("toRunFilter", () => {
  it("gives null (all runs) without rows and the bare filter for one row", () => {
    expect(toRunFilter([], "and")).toEqual({ ok: true, filter: null });
    expect(toRunFilter([row("tGrok", "gte", "1000")], "or")).toEqual({ ok: true, filter: { tGrok: { min: 1000 } } });
  });
  it("joins rows with AND or OR and maps every operator", () => {
    const rows = [row("p", "eq", "97"), row("temperature", "in", "1, 1.15"), row("delay", "lte", "500"), row("weightDecay", "ne", "0")];
    expect(toRunFilter(rows, "or")).toEqual({
      ok: true,
      filter: { or: [{ p: { in: [97] } }, { temperature: { in: [1, 1.15] } }, { delay: { max: 500 } }, { not: { weightDecay: { in: [0] } } }] },
    });
    expect(toRunFilter(rows.slice(0, 2), "and")).toMatchObject({ filter: { and: [{ p: { in: [97] } }, { temperature: { in: [1, 1.15] } }] } });
  });
  it("maps enums (upper-cased), tags, text and grokked", () => {
    expect(toRunFilter([row("status", "in", "running, queued")], "and")).toEqual({ ok: true, filter: { status: ["RUNNING", "QUEUED"] } });
    expect(toRunFilter([row("loss", "ne", "mse")], "and")).toEqual({ ok: true, filter: { not: { loss: ["MSE"] } } });
    expect(toRunFilter([row("tags", "in", "baseline,paper")], "and")).toEqual({ ok: true, filter: { tags: ["baseline", "paper"] } });
    expect(toRunFilter([row("text", "contains", " clamp ")], "and")).toEqual({ ok: true, filter: { text: "clamp" } });
    expect(toRunFilter([row("grokked", "is", "false")], "and")).toEqual({ ok: true, filter: { grokked: false } });
  });
  it("names the field of an invalid row", () => {
    expect(toRunFilter([row("p", "eq", "1.5")], "and")).toEqual({ ok: false, error: "p: “1.5” is not a whole number" });
    expect(toRunFilter([row("temperature", "gte", "x")], "and")).toMatchObject({ ok: false, error: expect.stringContaining("τ") });
    expect(toRunFilter([row("tGrok", "gte", "1,2")], "and")).toMatchObject({ ok: false });
    expect(toRunFilter([row("p", "contains", "9")], "and")).toMatchObject({ ok: false });
    expect(toRunFilter([row("p", "eq", "")], "and")).toEqual({ ok: false, error: "p: enter a value" });
  });
});

describe("filter params", () => {
  it("round-trips rows and join through the URL, values with colons included", () => {
    const rows = [row("text", "contains", "a:b"), row("p", "in", "13,97")];
    const params = new URLSearchParams("sort=p&dir=asc&f=old:eq:1");
    writeFilterParams(params, rows, "or");
    expect(parseFilterRows(params)).toEqual(rows);
    expect(parseJoin(params)).toBe("or");
    expect(params.get("sort")).toBe("p");
  });
  it("drops malformed entries and an OR with a single row", () => {
    expect(parseFilterRows(new URLSearchParams("f=bogus:eq:1&f=p:zz:1&f=p:gte:5"))).toEqual([row("p", "gte", "5")]);
    const params = new URLSearchParams();
    writeFilterParams(params, [row("p", "gte", "5")], "or");
    expect(params.has("join")).toBe(false);
  });
});
