import { describe, expect, it } from "vitest";
import { countSweep, parseAxisValues, sweepFormIssues, toSweepGrid } from "./sweep-form.ts";

describe("parseAxisValues", () => {
  it("reads numbers, booleans and words, dropping blanks", () => {
    expect(parseAxisValues(" 1, 1.15,, none , true")).toEqual([1, 1.15, "none", true]);
    expect(parseAxisValues("")).toEqual([]);
  });
});

describe("countSweep", () => {
  it("multiplies distinct axis values, adds extra cells, and multiplies by seeds", () => {
    const axes = [{ field: "clamp.rho", values: "1, 1.15" }, { field: "temperature", values: "1, 1.15, 1.3, 1.5, 1.7, 1.7" }];
    expect(countSweep(axes, 3, 1)).toEqual({ cells: 11, trainings: 33 });
    expect(countSweep([], 3)).toEqual({ cells: 0, trainings: 0 });
  });
});

describe("sweepFormIssues / toSweepGrid", () => {
  it("accepts a small grid and de-duplicates its values", () => {
    const axes = [{ field: "temperature", values: "1, 1.5, 1" }, { field: "weightDecay", values: "1, 2" }];
    expect(sweepFormIssues(axes, 2)).toEqual([]);
    expect(toSweepGrid(axes)).toEqual([{ field: "temperature", values: [1, 1.5] }, { field: "weightDecay", values: [1, 2] }]);
  });
  it("names each problem", () => {
    expect(sweepFormIssues([], 1)).toContain("Add at least one axis.");
    expect(sweepFormIssues([{ field: "p", values: "13" }, { field: "p", values: "17" }], 0)).toEqual(["Each field may be an axis only once.", "Seeds must be a whole number from 1 to 32."]);
    const big = [{ field: "lr", values: Array.from({ length: 15 }, (_, i) => i + 1).join(",") }, { field: "p", values: Array.from({ length: 14 }, (_, i) => i + 1).join(",") }];
    expect(sweepFormIssues(big, 1)).toEqual(["210 cells is more than the 200 a sweep may hold."]);
  });
});
