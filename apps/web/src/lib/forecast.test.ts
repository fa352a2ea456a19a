import { describe, expect, it } from "vitest";
import { compactSteps, forecastBand, forecastCell, forecastTitle, type Forecast } from "./forecast.ts";

const f = (over: Partial<Forecast> = {}): Forecast => ({ step: 400, tGrok: 2000, low: 1500, high: 3000, probability: 0.9, forecaster: "selector/first-passage", nowcast: false, ...over });

describe("forecastBand", () => {
  it("spans the 80 % interval with the point estimate inside", () => {
    expect(forecastBand(f(), [0, 10_000])).toEqual({
      x0: 1500,
      x1: 3000,
      point: 2000,
      clipped: false,
      label: "forecast (selector/first-passage)",
      title: expect.stringContaining("T_grok ≈ 2,000"),
    });
  });

  it("clips the band to the visible steps and drops a point estimate outside them", () => {
    expect(forecastBand(f(), [0, 1800])).toMatchObject({ x0: 1500, x1: 1800, point: null, clipped: true });
    expect(forecastBand(f(), [2500, 5000])).toMatchObject({ x0: 2500, x1: 3000, point: null, clipped: true });
  });

  it("draws nothing without a forecast, without an interval, or off the chart", () => {
    expect(forecastBand(null, [0, 1000])).toBeNull();
    expect(forecastBand(f({ tGrok: null, low: null, high: null }), [0, 10_000])).toBeNull();
    expect(forecastBand(f(), [0, 1000])).toBeNull();
    expect(forecastBand(f(), [5000, 5000])).toBeNull();
  });

  it("labels a nowcast as such and keeps a point estimate outside a too-narrow interval in the band", () => {
    const band = forecastBand(f({ nowcast: true, low: 2100 }), [0, 10_000]);
    expect(band).toMatchObject({ x0: 2000, x1: 3000, label: "nowcast (selector/first-passage)" });
  });
});

describe("forecast text", () => {
  it("formats cells and titles", () => {
    expect(forecastCell(f())).toBe("≈ 2k (1.5k–3k)");
    expect(forecastCell(f({ nowcast: true, tGrok: 950, low: 900, high: 1234 }))).toBe("now 950 (900–1.23k)");
    expect(forecastCell(f({ tGrok: null, low: null, high: null, probability: 0.2 }))).toBe("unlikely (20%)");
    expect(forecastCell(null)).toBe("–");
    expect(forecastTitle(f({ tGrok: null, probability: 0.25 }))).toBe("Forecast at step 400 by selector/first-passage: grokking unlikely within the budget (p = 25%)");
    expect(compactSteps(12_345)).toBe("12.3k");
    expect(compactSteps(Number.NaN)).toBe("–");
  });
});
