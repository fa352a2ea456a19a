import { describe, expect, it } from "vitest";
import { quantileSpread, residualSpread, summarizeDelay, MIN_SIGMA, Z80 } from "./predictive.ts";
import { quantileOf } from "./stats.ts";

const dist = { anchor: 200, logDelay: Math.log(1000), sigma: 0.2 };

describe("summarizeDelay", () => {
  it("puts the median at anchor + e^logDelay and the 80 % interval at ±1.2816 σ", () => {
    const s = summarizeDelay(dist, 200, 100_000);
    expect(s.tGrok).toBe(1200);
    expect(s.low).toBe(Math.round(200 + 1000 * Math.exp(-0.2 * 1.2815516)));
    expect(s.high).toBe(Math.round(200 + 1000 * Math.exp(0.2 * 1.2815516)));
    expect(s.probability).toBeCloseTo(1, 9);
  });
  it("has probability ½ when the budget is the median, and no step below it", () => {
    expect(summarizeDelay(dist, 200, 1200).probability).toBeCloseTo(0.5, 6);
    const unlikely = summarizeDelay(dist, 200, 1100);
    expect(unlikely.probability).toBeLessThan(0.5);
    expect(unlikely).toMatchObject({ tGrok: null, low: null, high: null });
  });
  it("conditions on not having grokked by the forecast step", () => {
    const late = summarizeDelay(dist, 1150, 100_000);
    expect(late.low!).toBeGreaterThanOrEqual(1150);
    expect(late.tGrok!).toBeGreaterThan(1200);
    const overdue = summarizeDelay(dist, 5000, 100_000);
    expect(overdue.tGrok).toBe(5000);
    expect(summarizeDelay(dist, 5000, 4000).probability).toBe(0);
  });
});

describe("residualSpread", () => {
  it("inflates the in-sample spread for new runs and floors it", () => {
    const r = [-0.2, -0.1, 0, 0.1, 0.2, 0.3];
    const s = residualSpread(r, 2);
    expect(s.bias).toBeCloseTo(0.05, 12);
    expect(s.sigma).toBeCloseTo(0.1870829 * Math.sqrt(7 / 4), 6);
    expect(residualSpread([0.01, 0.01, 0.01, 0.01, 0.01], 1).sigma).toBe(MIN_SIGMA);
  });
});

describe("quantileSpread", () => {
  it("reads bias and σ off the median and the 10–90 % quantiles, not the sd a tail inflates", () => {
    const residuals = Array.from({ length: 101 }, (_, i) => (i - 50) / 100); // −0.5 … 0.5
    expect(quantileOf(residuals, 0.1)).toBeCloseTo(-0.4, 12);
    const s = quantileSpread([...residuals, 50]); // one wild residual
    expect(s.bias).toBeCloseTo(0.005, 12);
    expect(s.sigma).toBeCloseTo((quantileOf([...residuals, 50], 0.9) - quantileOf([...residuals, 50], 0.1)) / (2 * Z80), 12);
    expect(s.sigma).toBeLessThan(0.4);
    expect(s.n).toBe(102);
  });
});

