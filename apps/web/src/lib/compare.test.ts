import { describe, expect, it } from "vitest";
import { alignmentOffsets, compareSearch, parseCompareIds, parseCompareView, runColors, type CompareRun } from "./compare.ts";
import { CATEGORICAL, sequentialColor, sequentialCss } from "./palette.ts";

const run = (id: string, over: Partial<CompareRun["config"]> = {}, summary: CompareRun["summary"] = { tMem: null, tGrok: null }): CompareRun => ({
  id,
  name: `run ${id}`,
  config: { p: 97, temperature: 1, weightDecay: 1, loss: "CE", lr: 1e-3, trainFraction: 0.4, ...over },
  summary,
});

describe("parseCompareIds", () => {
  it("splits, trims, dedupes and caps at 100", () => {
    expect(parseCompareIds(" a, b,,a ,c")).toEqual(["a", "b", "c"]);
    expect(parseCompareIds(null)).toEqual([]);
    expect(parseCompareIds(Array.from({ length: 130 }, (_, i) => `r${i}`).join(","))).toHaveLength(100);
  });
});

describe("compare view params", () => {
  it("defaults and falls back on unknown values", () => {
    expect(parseCompareView(new URLSearchParams("metric=nope&align=tGrok"))).toEqual({ metric: "test_acc", colorBy: "run", align: "tGrok" });
  });
  it("round-trips through the search string", () => {
    const view = { metric: "test_loss", colorBy: "temperature", align: "tMem" } as const;
    const s = compareSearch(["a", "b"], view);
    expect(s).toContain("ids=a,b");
    expect(parseCompareView(new URLSearchParams(s))).toEqual(view);
    expect(compareSearch(["a"], { metric: "test_acc", colorBy: "run", align: "step" })).toBe("?ids=a");
  });
});

describe("alignmentOffsets", () => {
  const runs = [run("a", {}, { tMem: 100, tGrok: 900 }), run("b", {}, { tMem: 200, tGrok: null })];
  it("does not shift absolute steps", () => {
    const { offsets, excluded } = alignmentOffsets(runs, "step");
    expect([...offsets.values()]).toEqual([0, 0]);
    expect(excluded).toEqual([]);
  });
  it("shifts by the event step and excludes runs that never reached it", () => {
    expect(alignmentOffsets(runs, "tMem").offsets.get("b")).toBe(200);
    const { offsets, excluded } = alignmentOffsets(runs, "tGrok");
    expect(offsets.get("a")).toBe(900);
    expect(offsets.has("b")).toBe(false);
    expect(excluded.map((r) => r.id)).toEqual(["b"]);
  });
});

describe("runColors", () => {
  it("gives each run its own categorical colour", () => {
    const c = runColors([run("a"), run("b")], "run");
    expect(c.get("a")).toBe(CATEGORICAL[0]);
    expect(c.get("b")).toBe(CATEGORICAL[1]);
  });
  it("colours by loss kind", () => {
    const c = runColors([run("a"), run("b", { loss: "MSE" }), run("c")], "loss");
    expect(c.get("a")).toBe(c.get("c"));
    expect(c.get("a")).not.toBe(c.get("b"));
  });
  it("maps numeric fields onto the sequential palette, log when they span decades", () => {
    const c = runColors([run("a", { weightDecay: 0.1 }), run("b", { weightDecay: 1 }), run("c", { weightDecay: 10 })], "weightDecay");
    expect(c.get("a")).toBe(sequentialCss(0));
    expect(c.get("b")).toBe(sequentialCss(0.5));
    expect(c.get("c")).toBe(sequentialCss(1));
    const lin = runColors([run("a", { p: 13 }), run("b", { p: 17 }), run("c", { p: 21 })], "p");
    expect(lin.get("b")).toBe(sequentialCss(0.5));
    expect(runColors([run("a"), run("b")], "temperature").get("a")).toBe(sequentialCss(0.5));
  });
});

describe("sequentialColor", () => {
  it("hits the end stops, clamps and survives NaN", () => {
    expect(sequentialColor(0)).toBe("#440154");
    expect(sequentialColor(1)).toBe("#fde725");
    expect(sequentialColor(7)).toBe("#fde725");
    expect(sequentialColor(NaN)).toMatch(/^#[0-9a-f]{6}$/);
  });
  it("adapts to the theme, keeping clear of the end that vanishes on each background", () => {
    expect(sequentialCss(0)).toBe(`light-dark(#440154, ${sequentialColor(0.15)})`);
    expect(sequentialCss(1)).toBe(`light-dark(${sequentialColor(0.85)}, #fde725)`);
  });
});
