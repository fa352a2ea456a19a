import { describe, expect, it } from "vitest";
import { nearestIndex } from "./nearest.ts";

const pts = [0, 10, 20, 40].map((x) => ({ x }));

describe("nearestIndex", () => {
  it("finds the nearest point on either side", () => {
    expect(nearestIndex(pts, 14)).toBe(1);
    expect(nearestIndex(pts, 16)).toBe(2);
    expect(nearestIndex(pts, 31)).toBe(3);
  });
  it("clamps to the ends and prefers the left point on a tie", () => {
    expect(nearestIndex(pts, -5)).toBe(0);
    expect(nearestIndex(pts, 99)).toBe(3);
    expect(nearestIndex(pts, 30)).toBe(2);
  });
  it("is -1 for no points or a non-finite x", () => {
    expect(nearestIndex([], 3)).toBe(-1);
    expect(nearestIndex(pts, NaN)).toBe(-1);
  });
});
