import { describe, expect, it } from "vitest";
import { blendForecasts, conformalScale, scaleInterval, stackWeights } from "./blend.ts";
import type { Forecast } from "./types.ts";

const f = (tGrok: number | null, low: number | null, high: number | null, extra: Partial<Forecast> = {}): Forecast => ({
  tGrok,
  low,
  high,
  probability: tGrok === null ? 0.2 : 0.9,
  forecaster: "x",
  step: 100,
  nowcast: false,
  ...extra,
});

describe("stackWeights", () => {
  it("splits evenly between two candidates that err by opposite amounts (the blend is exact)", () => {
    const errors = [0.1, 0.3, -0.2, 0.05].map((x) => [x, -x]);
    expect(stackWeights(errors)).toEqual([0.5, 0.5]);
  });

  it("gives everything to an exact candidate and nothing to a noisy or biased one", () => {
    const errors = [0.4, -0.3, 0.2, 0.1].map((x) => [0, x, 0.5]);
    expect(stackWeights(errors)).toEqual([1, 0, 0]);
  });

  it("finds the known optimum of two independent errors: weights ∝ 1/variance", () => {
    // e1 = ±0.2, e2 = ±0.1 in all four sign combinations (uncorrelated): optimum w1 = 0.01/(0.04+0.01) = 0.2.
    const errors = [[0.2, 0.1], [0.2, -0.1], [-0.2, 0.1], [-0.2, -0.1]];
    const [w1, w2] = stackWeights(errors)!;
    expect(w1).toBeCloseTo(0.2, 12);
    expect(w2).toBeCloseTo(0.8, 12);
  });

  it("is undefined without rows", () => {
    expect(stackWeights([])).toBeUndefined();
  });
});

describe("blendForecasts", () => {
  it("is the weighted geometric mean of points and interval ends", () => {
    const b = blendForecasts([f(1000, 500, 2000), f(4000, 2000, 8000)], [0.5, 0.5], "blend");
    expect(b).toMatchObject({ tGrok: 2000, low: 1000, high: 4000, probability: 0.9, forecaster: "blend", step: 100 });
  });

  it("renormalises over candidates with a point forecast; null when the blended probability is below ½", () => {
    const withNull = blendForecasts([f(1000, 900, 1100, { probability: 0.9 }), f(null, null, null, { probability: 0.6 })], [0.5, 0.5], "b");
    expect(withNull).toMatchObject({ tGrok: 1000, low: 900, high: 1100, probability: 0.75 });
    const unlikely = blendForecasts([f(1000, 900, 1100, { probability: 0.6 }), f(null, null, null, { probability: 0.1 })], [0.5, 0.5], "b");
    expect(unlikely).toMatchObject({ tGrok: null, low: null, high: null, probability: 0.35 });
  });
});

describe("interval scale", () => {
  it("scales both ends in ln T around the point, never before the forecast step", () => {
    expect(scaleInterval(f(1000, 500, 2000), 2)).toMatchObject({ tGrok: 1000, low: 250, high: 4000 });
    expect(scaleInterval(f(1000, 500, 2000), 4)).toMatchObject({ low: 100, high: 16000 });
    expect(scaleInterval(f(null, null, null), 2)).toEqual(f(null, null, null));
  });

  it("conformal factor: the scale that holds 80 % of outcomes", () => {
    // Intervals [T/2, 2T]; outcomes at T·2^(±u) for u = 0.05 … 2 (40 cases, both sides): 80 % need u ≤ the 33rd smallest.
    const cases = Array.from({ length: 40 }, (_, i) => {
      const u = (i + 1) * 0.05;
      return { forecast: f(1000, 500, 2000), actual: 1000 * 2 ** (i % 2 === 0 ? u : -u) };
    });
    const s = conformalScale(cases);
    expect(s).toBeCloseTo(0.05 * Math.ceil(0.8 * 41), 9);
    const held = cases.filter(({ forecast, actual }) => {
      const scaled = scaleInterval(forecast, s);
      return scaled.low! <= actual + 0.5 && actual - 0.5 <= scaled.high!;
    });
    expect(held.length / cases.length).toBeCloseTo(0.825, 9);
  });

  it("leaves the width alone with too few outcomes", () => {
    expect(conformalScale([{ forecast: f(1000, 500, 2000), actual: 4000 }])).toBe(1);
  });
});
