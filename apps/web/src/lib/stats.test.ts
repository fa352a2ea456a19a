import { describe, expect, it } from "vitest";
import { fitLine, medianIqr, quantile } from "./stats.ts";

describe("quantile / medianIqr", () => {
  it("interpolates linearly between order statistics (R type 7)", () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([10, 20], 0.75)).toBe(17.5);
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([Number.NaN, 7], 0.5)).toBe(7);
  });
  it("gives the median with its quartiles", () => {
    expect(medianIqr([1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual({ median: 5, q1: 3, q3: 7 });
    expect(medianIqr([])).toBeNull();
  });
});

describe("fitLine", () => {
  it("recovers an exact line with R² = 1", () => {
    const fit = fitLine([0, 1, 2, 3].map((x) => ({ x, y: 2 + 0.5 * x })))!;
    expect(fit.slope).toBeCloseTo(0.5, 12);
    expect(fit.intercept).toBeCloseTo(2, 12);
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(fit.n).toBe(4);
  });
  it("computes R² for noisy data against a hand-worked value", () => {
    // x = 1..4, y = 1, 3, 2, 4: slope 0.8, intercept 0.5, SS_res = 1.8, SS_tot = 5 → R² = 0.64.
    const fit = fitLine([{ x: 1, y: 1 }, { x: 2, y: 3 }, { x: 3, y: 2 }, { x: 4, y: 4 }])!;
    expect(fit.slope).toBeCloseTo(0.8, 12);
    expect(fit.intercept).toBeCloseTo(0.5, 12);
    expect(fit.r2).toBeCloseTo(0.64, 12);
  });
  it("refuses fewer than two distinct x and skips non-finite points", () => {
    expect(fitLine([{ x: 1, y: 1 }])).toBeNull();
    expect(fitLine([{ x: 1, y: 1 }, { x: 1, y: 2 }])).toBeNull();
    expect(fitLine([{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: Number.NaN, y: 5 }])!.n).toBe(2);
  });
});
