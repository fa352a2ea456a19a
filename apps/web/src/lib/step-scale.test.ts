import { describe, expect, it } from "vitest";
import { stepLogTicks, stepScale } from "./step-scale.ts";

describe("stepScale", () => {
  it("is linear by default", () => {
    const x = stepScale("linear", [0, 100], [0, 200]);
    expect(x(50)).toBe(100);
  });
  it("draws step 0 at the left edge on the log (symlog) axis and spaces decades evenly", () => {
    const x = stepScale("log", [0, 10_000], [0, 400]);
    expect(x(0)).toBe(0);
    expect(x(10_000)).toBeCloseTo(400, 9);
    const d1 = x(1000) - x(100);
    const d2 = x(10_000) - x(1000);
    expect(Math.abs(d1 - d2) / d2).toBeLessThan(0.01);
    expect(x.invert(x(250))).toBeCloseTo(250, 6);
  });
});

describe("stepLogTicks", () => {
  it("lists 0 and the decades inside the domain", () => {
    expect(stepLogTicks([0, 10_000])).toEqual([0, 1, 10, 100, 1000, 10_000]);
    expect(stepLogTicks([50, 5000])).toEqual([100, 1000]);
  });
  it("mirrors the decades below 0", () => {
    expect(stepLogTicks([-500, 50])).toEqual([-100, -10, -1, 0, 1, 10]);
  });
  it("thins wide domains and rejects bad ones", () => {
    expect(stepLogTicks([0, 1e9], 4).length).toBeLessThanOrEqual(5);
    expect(stepLogTicks([5, 5])).toEqual([]);
  });
});
