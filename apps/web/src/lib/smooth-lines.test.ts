import { describe, expect, it } from "vitest";
import type { ChartLine } from "./chart-series.ts";
import { smoothLines } from "./smooth-lines.ts";

const line: ChartLine = {
  key: "test_loss",
  label: "test",
  color: "red",
  points: [
    { x: 0, y: 1, y0: 0.5, y1: 2 },
    { x: 10, y: 3, y0: 3, y1: 3 },
  ],
};

describe("smoothLines", () => {
  it("leaves lines untouched at weight 0", () => {
    expect(smoothLines([line], 0)[0]).toBe(line);
  });
  it("smooths values, keeps steps and point count, and keeps the raw points", () => {
    const [out] = smoothLines([line], 0.5);
    expect(out!.points.map((p) => p.x)).toEqual([0, 10]);
    expect(out!.points[0]).toEqual({ x: 0, y: 1, y0: 1, y1: 1 });
    expect(out!.points[1]!.y).toBeGreaterThan(1);
    expect(out!.points[1]!.y).toBeLessThan(3);
    expect(out!.raw).toBe(line.points);
  });
});
