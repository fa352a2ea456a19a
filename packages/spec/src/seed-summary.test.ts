import { describe, expect, it } from "vitest";
import { censoredMedian, summarizeSeeds } from "./seed-summary.ts";

describe("censoredMedian", () => {
  it("is the ordinary median when every seed has the event", () => {
    expect(censoredMedian([3, 1, 2])).toBe(2);
    expect(censoredMedian([1770, 1780, 1700, 1900])).toBe(1775);
  });
  it("counts a censored seed as +∞, not as missing", () => {
    // Dropping the censored seed would give 2; counting it as +∞ gives (2 + 3) / 2.
    expect(censoredMedian([1, 2, 3, undefined])).toBe(2.5);
  });
  it("is undefined when half or more of the seeds are censored", () => {
    expect(censoredMedian([1, undefined])).toBeUndefined();
    expect(censoredMedian([1, 2, undefined, undefined])).toBeUndefined();
    expect(censoredMedian([])).toBeUndefined();
  });
});

describe("summarizeSeeds", () => {
  it("reports medians and how many seeds grokked", () => {
    const s = summarizeSeeds([
      { tMem: 200, tGrok: 2700, logitScaleAtGrok: 29, finalTestAcc: 1 },
      { tMem: 210, tGrok: 2900, logitScaleAtGrok: 31, finalTestAcc: 0.99 },
      { tMem: 190, finalTestAcc: 0.2 },
    ]);
    expect(s).toMatchObject({ seeds: 3, grokked: 2, memorised: 3, tMem: 200, tGrok: 2900, delay: 2690, logitScaleAtGrok: 30, finalTestAcc: 0.99 });
  });
  it("gives no T_grok or delay when most seeds did not grok", () => {
    const s = summarizeSeeds([{ tMem: 200, tGrok: 900 }, { tMem: 200 }, { tMem: 200 }]);
    expect(s.grokked).toBe(1);
    expect(s.tGrok).toBeUndefined();
    expect(s.delay).toBeUndefined();
  });
});
