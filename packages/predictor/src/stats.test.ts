import { describe, expect, it } from "vitest";
import { createRng, leastSquares, mape, normalCdf, normalQuantile, ranks, spearman } from "./stats.ts";

describe("spearman", () => {
  it("is 1 for any increasing relation and −1 for a decreasing one", () => {
    expect(spearman([1, 2, 3, 4], [10, 100, 1000, 10000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });
  it("matches a hand computation without ties", () => {
    // ranks x = 1,2,3,4,5; ranks y = 2,1,4,3,5; Σd² = 4 ⇒ ρ = 1 − 6·4/(5·24) = 0.8
    expect(spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50])).toBeCloseTo(0.8, 12);
  });
  it("averages tied ranks (Pearson on ranks)", () => {
    expect(ranks([5, 1, 5, 3])).toEqual([3.5, 1, 3.5, 2]);
    // x ranks 1,2,3,4; y ranks 1.5,1.5,3,4: Pearson = 4.5 / √(5·4.5) = 0.9487
    expect(spearman([1, 2, 3, 4], [7, 7, 8, 9])).toBeCloseTo(4.5 / Math.sqrt(5 * 4.5), 10);
  });
  it("is NaN when undefined", () => {
    expect(spearman([1], [2])).toBeNaN();
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNaN();
  });
});

describe("mape", () => {
  it("matches a hand computation", () => {
    // |110−100|/100 = 0.1, |150−200|/200 = 0.25, |400−400|/400 = 0 ⇒ mean 0.1166…
    expect(mape([110, 150, 400], [100, 200, 400])).toBeCloseTo(0.35 / 3, 12);
  });
});

describe("normal distribution", () => {
  it("quantile inverts the CDF and hits known values", () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815516, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    for (const p of [0.001, 0.1, 0.5, 0.77, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });
});

describe("leastSquares", () => {
  it("recovers an exact linear relation", () => {
    const rows = [[1, 0, 1], [1, 1, 0], [1, 2, 3], [1, 3, 1], [1, 4, 2]];
    const y = rows.map((r) => 2 - 0.5 * r[1]! + 3 * r[2]!);
    const beta = leastSquares(rows, y);
    expect(beta[0]).toBeCloseTo(2, 10);
    expect(beta[1]).toBeCloseTo(-0.5, 10);
    expect(beta[2]).toBeCloseTo(3, 10);
  });
});

describe("createRng", () => {
  it("is deterministic per seed and roughly uniform", () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 2000 }, () => a.uniform());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.uniform()));
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});
