import { describe, expect, it } from "vitest";
import { appendPage, mergeHead } from "./merge-pages.ts";

const rows = (...ids: string[]) => ids.map((id) => ({ id, v: id }));

describe("mergeHead", () => {
  it("replaces the head and keeps deeper rows", () => {
    const merged = mergeHead(rows("a", "b", "c", "d"), [{ id: "a", v: "new" }, { id: "b", v: "b" }], 2);
    expect(merged).toEqual([{ id: "a", v: "new" }, { id: "b", v: "b" }, ...rows("c", "d")]);
  });
  it("drops deeper rows that moved into the head", () => {
    expect(mergeHead(rows("a", "b", "c", "d"), rows("x", "c"), 2).map((r) => r.id)).toEqual(["x", "c", "d"]);
  });
});

describe("appendPage", () => {
  it("appends without duplicates", () => {
    expect(appendPage(rows("a", "b"), rows("b", "c")).map((r) => r.id)).toEqual(["a", "b", "c"]);
  });
});
