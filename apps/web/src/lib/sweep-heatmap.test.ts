import { describe, expect, it } from "vitest";
import { buildHeatmap, colorFraction, type HeatmapInputCell } from "./sweep-heatmap.ts";

const cell = (rho: unknown, tau: number, tGrok: number | null, done = true, delay: number | null = tGrok == null ? null : tGrok - 100): HeatmapInputCell => ({
  values: { "clamp.rho": rho, temperature: tau },
  tGrok,
  delay,
  grokked: tGrok == null ? 0 : 3,
  seeds: 3,
  done,
});

describe("buildHeatmap", () => {
  const input = [cell(1.15, 1.3, 900), cell(1, 1.3, 400), cell(1.15, 1, null), cell(1, 1, null, false), cell("none", 1, 300)];
  it("orders numeric axis values, then non-numeric ones such as the unclamped control", () => {
    const map = buildHeatmap(input, "clamp.rho", "temperature", "tGrok");
    expect(map.xs).toEqual([1, 1.15, "none"]);
    expect(map.ys).toEqual([1, 1.3]);
  });
  it("places every cell and tells censored (done, no median) from pending", () => {
    const map = buildHeatmap(input, "clamp.rho", "temperature", "tGrok");
    expect(map.cells.map((c) => [c.xIndex, c.yIndex, c.state])).toEqual([
      [1, 1, "value"],
      [0, 1, "value"],
      [1, 0, "censored"],
      [0, 0, "pending"],
      [2, 0, "value"],
    ]);
    expect(map.domain).toEqual([300, 900]);
  });
  it("colours by delay when asked", () => {
    const map = buildHeatmap(input, "clamp.rho", "temperature", "delay");
    expect(map.cells[0]!.value).toBe(800);
    expect(map.domain).toEqual([200, 800]);
  });
  it("has no domain when nothing grokked", () => {
    expect(buildHeatmap([cell(1, 1, null)], "clamp.rho", "temperature", "tGrok").domain).toBeNull();
  });
});

describe("colorFraction", () => {
  it("is logarithmic between the domain's ends and clamped", () => {
    expect(colorFraction(100, [100, 10_000])).toBe(0);
    expect(colorFraction(1000, [100, 10_000])).toBeCloseTo(0.5, 12);
    expect(colorFraction(10_000, [100, 10_000])).toBe(1);
    expect(colorFraction(50_000, [100, 10_000])).toBe(1);
    expect(colorFraction(7, [7, 7])).toBe(0.5);
  });
});
