import { describe, expect, it } from "vitest";
import { finiteExtent, linearDomain, logDomain, logTicks, stepDomain, tickCount } from "./chart-domain.ts";

describe("finiteExtent", () => {
  it("ignores NaN and infinities", () => {
    expect(finiteExtent([3, NaN, -2, Infinity, 7, -Infinity])).toEqual([-2, 7]);
  });
  it("is null when nothing is finite", () => {
    expect(finiteExtent([])).toBeNull();
    expect(finiteExtent([NaN, Infinity])).toBeNull();
  });
  it("applies the accept filter", () => {
    expect(finiteExtent([0, -1, 0.5, 4], (v) => v > 0)).toEqual([0.5, 4]);
  });
});

describe("linearDomain", () => {
  it("pads the finite extent", () => {
    expect(linearDomain([0, 10, NaN])).toEqual([-0.5, 10.5]);
  });
  it("gives a flat series a band around its value", () => {
    expect(linearDomain([5, 5])).toEqual([4.5, 5.5]);
    expect(linearDomain([0])).toEqual([-1, 1]);
  });
  it("falls back when there is nothing finite", () => {
    expect(linearDomain([NaN], { fallback: [0, 2] })).toEqual([0, 2]);
  });
  it("can anchor at zero", () => {
    expect(linearDomain([2, 4], { includeZero: true, pad: 0.5 })).toEqual([0, 6]);
  });
});

describe("logDomain", () => {
  it("snaps to whole decades over positive values only", () => {
    expect(logDomain([0.0031, 4.2, 0, -1, NaN])).toEqual([1e-3, 10]);
  });
  it("is at least one decade wide", () => {
    expect(logDomain([1, 1])).toEqual([1, 10]);
    expect(logDomain([0.5])).toEqual([0.1, 1]);
  });
  it("falls back when no value is positive", () => {
    expect(logDomain([0, -3, NaN])).toEqual([1e-3, 1]);
  });
});

describe("logTicks", () => {
  it("lists every decade of a narrow domain", () => {
    expect(logTicks([1e-3, 10])).toEqual([1e-3, 1e-2, 1e-1, 1, 10]);
  });
  it("thins wide domains", () => {
    const ticks = logTicks([1e-12, 1], 4);
    expect(ticks.length).toBeLessThanOrEqual(4);
    expect(ticks[0]).toBeCloseTo(1e-12);
  });
  it("is empty for an invalid domain", () => {
    expect(logTicks([0, 1])).toEqual([]);
    expect(logTicks([1, 1])).toEqual([]);
  });
});

describe("tickCount", () => {
  it("scales with the axis length within 2..10", () => {
    expect(tickCount(0)).toBe(2);
    expect(tickCount(400, 80)).toBe(5);
    expect(tickCount(5000, 80)).toBe(10);
    expect(tickCount(NaN)).toBe(2);
  });
});

describe("stepDomain", () => {
  it("spans the step budget so lines grow across the chart", () => {
    expect(stepDomain(10_000, 120)).toEqual([0, 10_000]);
  });
  it("widens past the budget and survives a zero budget", () => {
    expect(stepDomain(100, 150)).toEqual([0, 150]);
    expect(stepDomain(0, undefined)).toEqual([0, 1]);
  });
});
