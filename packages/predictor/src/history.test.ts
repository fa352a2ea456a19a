import { describe, expect, it } from "vitest";
import { finishedRunOf, isNowcast, logSlope, medianHistory, tMemAsOf, truncate } from "./history.ts";
import { config } from "./test-fixtures.ts";
import type { HistoryPoint } from "./types.ts";

const acc = (values: number[]): HistoryPoint[] => values.map((test_acc, i) => ({ step: 10 * (i + 1), metrics: { test_acc } }));

describe("nowcast rule", () => {
  it("fires once the median of the last three readings is 0.10 above the lowest so far", () => {
    expect(isNowcast(acc([0.05, 0.02, 0.03, 0.08, 0.11]))).toBe(false); // median 0.08 < 0.12
    expect(isNowcast(acc([0.05, 0.02, 0.13, 0.14, 0.15]))).toBe(true); // median 0.14 ≥ 0.12
  });
  it("ignores a single spike", () => {
    expect(isNowcast(acc([0.02, 0.03, 0.02, 0.6, 0.03]))).toBe(false);
  });
  it("is false with no test accuracy", () => {
    expect(isNowcast([])).toBe(false);
  });
});

describe("history helpers", () => {
  it("truncates at the forecast step and sorts", () => {
    const points = [{ step: 30, metrics: {} }, { step: 10, metrics: {} }, { step: 20, metrics: {} }];
    expect(truncate(points, 20).map((p) => p.step)).toEqual([10, 20]);
  });
  it("takes T_mem from the caller only when it is not in the future", () => {
    const points: HistoryPoint[] = [{ step: 10, metrics: { train_acc: 0.5 } }, { step: 20, metrics: { train_acc: 0.995 } }];
    const history = { config: config({}), points, tMem: 15 };
    expect(tMemAsOf(history, points, 20)).toBe(15);
    expect(tMemAsOf({ ...history, tMem: 25 }, points, 20)).toBe(20);
    expect(tMemAsOf({ ...history, tMem: 25 }, points.slice(0, 1), 10)).toBeUndefined();
  });
  it("measures an exponential decay's rate", () => {
    const points = Array.from({ length: 20 }, (_, i) => ({ step: 100 + 10 * i, metrics: { logit_scale: 5 * Math.exp(-0.002 * 10 * i) } }));
    expect(logSlope(points, "logit_scale", 100, 300)).toBeCloseTo(-0.002, 9);
  });
  it("takes per-step medians over seeds and censored medians of the events", () => {
    const seed = (scale: number, tGrok?: number) => ({
      tMem: 100 * scale,
      ...(tGrok !== undefined ? { tGrok } : {}),
      points: [{ step: 10, metrics: { param_sq_norm: scale } }, { step: 20, metrics: { param_sq_norm: 2 * scale } }],
    });
    expect(medianHistory([seed(1), seed(3), seed(2)]).map((p) => p.metrics.param_sq_norm)).toEqual([2, 4]);
    const run = finishedRunOf({ id: "r", config: config({}), seeds: [seed(1, 500), seed(3), seed(2, 700)] });
    expect(run).toMatchObject({ tMem: 200, tGrok: 700 });
    // Two of three seeds censored: the median is censored too (did not grok), not the one value.
    expect(finishedRunOf({ id: "r", config: config({}), seeds: [seed(1, 500), seed(3), seed(2)] }).tGrok).toBeUndefined();
  });
});
