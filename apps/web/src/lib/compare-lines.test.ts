import { describe, expect, it } from "vitest";
import { compareLines, compareXDomain, MAX_BANDED_RUNS } from "./compare-lines.ts";
import type { CompareRun } from "./compare.ts";
import type { MetricSeries } from "./types.ts";

const pt = (step: number, value: number) => ({ step, value, min: value, max: value });
const run = (id: string, metrics: MetricSeries[]): CompareRun & { metrics: MetricSeries[] } => ({
  id,
  name: `run ${id}`,
  config: { p: 13, temperature: 1, weightDecay: 1, loss: "CE", lr: 1e-3, trainFraction: 0.5 },
  summary: { tMem: null, tGrok: null },
  metrics,
});

describe("compareLines", () => {
  const runs = [
    run("a", [{ key: "test_acc", seed: 0, points: [pt(0, 0.1), pt(10, 0.5), pt(20, 0.95)] }]),
    run("b", [{ key: "test_acc", seed: 0, points: [pt(0, 0.2)] }]),
    run("c", []),
  ];
  it("draws one line per aligned run, shifted by its offset and tagged with its id", () => {
    const lines = compareLines(runs, "test_acc", new Map([["a", 20], ["c", 0]]), new Map([["a", "#123456"]]));
    expect(lines.map((l) => l.runId)).toEqual(["a", "c"]);
    expect(lines[0]!.points.map((p) => p.x)).toEqual([-20, -10, 0]);
    expect(lines[0]!.color).toBe("#123456");
    expect(lines[0]!.label).toBe("run a");
    expect(lines[1]!.points).toEqual([]);
  });
  it("keeps buckets' min–max bands for a few runs, and draws many runs as lines alone", () => {
    const spiky = (id: string) => run(id, [{ key: "test_acc", seed: 0, points: [{ step: 10, value: 0.5, min: 0.2, max: 0.9 }] }]);
    const few = compareLines([spiky("a"), spiky("b")], "test_acc", new Map([["a", 0], ["b", 0]]), new Map());
    expect(few[0]!.points[0]).toEqual({ x: 10, y: 0.5, y0: 0.2, y1: 0.9 });
    const ids = Array.from({ length: MAX_BANDED_RUNS + 1 }, (_, i) => `r${i}`);
    const many = compareLines(ids.map(spiky), "test_acc", new Map(ids.map((id) => [id, 0])), new Map());
    expect(many).toHaveLength(MAX_BANDED_RUNS + 1);
    expect(many.every((l) => l.points[0]!.y0 === 0.5 && l.points[0]!.y1 === 0.5)).toBe(true);
  });
  it("spans the drawn steps", () => {
    const lines = compareLines(runs, "test_acc", new Map([["a", 20], ["b", 0]]), new Map());
    expect(compareXDomain(lines)).toEqual([-20, 0]);
    expect(compareXDomain([])).toEqual([0, 1]);
    expect(compareXDomain(compareLines(runs, "test_acc", new Map([["b", 0]]), new Map()))).toEqual([-1, 1]);
  });
});
