import { describe, expect, it } from "vitest";
import { DEFAULT_SORT, nextSort, parseRunSort, runSortSearch, sortRuns } from "./run-sort.ts";
import type { RunListItem } from "./types.ts";

const run = (id: string, over: { name?: string; tGrok?: number | null; p?: number; createdAt?: string; status?: RunListItem["status"] } = {}): RunListItem => ({
  id,
  name: over.name ?? id,
  status: over.status ?? "SUCCEEDED",
  createdAt: over.createdAt ?? "2026-01-01T00:00:00Z",
  config: { p: over.p ?? 97, temperature: 1, loss: "CE" },
  progress: { stepsDone: 10, stepsTotal: 10 },
  summary: { finalTestAcc: 0.5, tMem: 5, tGrok: over.tGrok ?? null },
});

describe("sortRuns", () => {
  const runs = [run("a", { tGrok: 300 }), run("b"), run("c", { tGrok: 100 }), run("d", { tGrok: 200 })];
  it("sorts numbers both ways with missing values last", () => {
    expect(sortRuns(runs, { key: "tGrok", dir: "asc" }).map((r) => r.id)).toEqual(["c", "d", "a", "b"]);
    expect(sortRuns(runs, { key: "tGrok", dir: "desc" }).map((r) => r.id)).toEqual(["a", "d", "c", "b"]);
  });
  it("sorts names case-insensitively and keeps ties stable", () => {
    const named = [run("1", { name: "beta" }), run("2", { name: "Alpha" }), run("3", { name: "alpha" })];
    expect(sortRuns(named, { key: "name", dir: "asc" }).map((r) => r.id)).toEqual(["2", "3", "1"]);
  });
  it("sorts by creation time and does not mutate its input", () => {
    const timed = [run("old", { createdAt: "2026-01-01T00:00:00Z" }), run("new", { createdAt: "2026-02-01T00:00:00Z" })];
    expect(sortRuns(timed, DEFAULT_SORT).map((r) => r.id)).toEqual(["new", "old"]);
    expect(timed[0]!.id).toBe("old");
  });
});

describe("sort params", () => {
  it("parses, defaults and round-trips", () => {
    expect(parseRunSort(new URLSearchParams(""))).toEqual(DEFAULT_SORT);
    expect(parseRunSort(new URLSearchParams("sort=bogus"))).toEqual(DEFAULT_SORT);
    expect(parseRunSort(new URLSearchParams(runSortSearch({ key: "p", dir: "desc" })))).toEqual({ key: "p", dir: "desc" });
    expect(runSortSearch(DEFAULT_SORT)).toBe("");
  });
  it("flips the same column and starts a new one ascending", () => {
    expect(nextSort({ key: "p", dir: "asc" }, "p")).toEqual({ key: "p", dir: "desc" });
    expect(nextSort({ key: "p", dir: "desc" }, "tMem")).toEqual({ key: "tMem", dir: "asc" });
  });
});
