import { describe, expect, it } from "vitest";
import { chartViewSearch, DEFAULT_VIEW, parseChartView, zoomFromDrag } from "./chart-view.ts";

const params = (s: string) => new URLSearchParams(s);

describe("parseChartView", () => {
  it("defaults when nothing is set", () => {
    expect(parseChartView(params(""))).toEqual(DEFAULT_VIEW);
  });
  it("reads scale, smoothing, zoom and seed mode", () => {
    expect(parseChartView(params("x=log&smooth=0.6&from=100&to=900&seeds=each"))).toEqual({ xScale: "log", smoothing: 0.6, zoom: [100, 900], seedMode: "each" });
    expect(parseChartView(params("seeds=bogus")).seedMode).toBe("median");
  });
  it("clamps smoothing and ignores broken zooms", () => {
    expect(parseChartView(params("smooth=3")).smoothing).toBe(0.99);
    expect(parseChartView(params("smooth=abc")).smoothing).toBe(0);
    expect(parseChartView(params("from=900&to=100")).zoom).toBeNull();
    expect(parseChartView(params("from=5")).zoom).toBeNull();
    expect(parseChartView(params("from=-5&to=10")).zoom).toBeNull();
  });
});

describe("chartViewSearch", () => {
  it("omits defaults", () => {
    expect(chartViewSearch(DEFAULT_VIEW)).toBe("");
  });
  it("round-trips and keeps unrelated params", () => {
    const view = { xScale: "log" as const, smoothing: 0.5, zoom: [10, 20] as const, seedMode: "each" as const };
    const s = chartViewSearch(view, "?tab=a&smooth=0.1");
    expect(s).toContain("tab=a");
    expect(parseChartView(params(s))).toEqual(view);
  });
});

describe("zoomFromDrag", () => {
  it("orders the ends and widens to whole steps", () => {
    expect(zoomFromDrag(120.6, 40.2)).toEqual([40, 121]);
  });
  it("ignores clicks and tiny drags, and clamps at step 0", () => {
    expect(zoomFromDrag(10, 10.5)).toBeNull();
    expect(zoomFromDrag(-3, 50)).toEqual([0, 50]);
    expect(zoomFromDrag(NaN, 5)).toBeNull();
  });
});
