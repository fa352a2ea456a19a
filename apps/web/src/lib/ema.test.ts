import { describe, expect, it } from "vitest";
import { clampSmoothing, emaSmooth } from "./ema.ts";

describe("emaSmooth", () => {
  it("is the identity at weight 0", () => {
    expect(emaSmooth([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });
  it("is debiased: the first point keeps its value and a constant stays constant", () => {
    const out = emaSmooth([3, 3, 3, 3], 0.9);
    for (const v of out) expect(v).toBeCloseTo(3, 12);
  });
  it("follows the recurrence", () => {
    const [a, b] = emaSmooth([0, 10], 0.5);
    expect(a).toBe(0);
    // last = 0.5·0 + 0.5·10 = 5, debias 1 − 0.25 = 0.75
    expect(b).toBeCloseTo(5 / 0.75, 12);
  });
  it("damps a spike", () => {
    const out = emaSmooth([0, 0, 0, 100, 0, 0], 0.8);
    expect(out[3]!).toBeLessThan(100);
    expect(out[3]!).toBeGreaterThan(0);
  });
  it("passes non-finite values through without poisoning later points", () => {
    const out = emaSmooth([1, NaN, 1], 0.6);
    expect(Number.isNaN(out[1]!)).toBe(true);
    expect(out[2]!).toBeCloseTo(1, 12);
  });
  it("clamps the weight into [0, 0.99]", () => {
    expect(clampSmoothing(-1)).toBe(0);
    expect(clampSmoothing(NaN)).toBe(0);
    expect(clampSmoothing(5)).toBe(0.99);
    expect(emaSmooth([], 0.5)).toEqual([]);
  });
});
