import { describe, expect, it } from "vitest";
import { collapsePoints } from "./collapse.ts";

describe("collapsePoints", () => {
  it("plots ln T_grok against logit scale for grokked cells only and fits them", () => {
    const cells = [
      { values: { "clamp.rho": 1, temperature: 1 }, tGrok: Math.round(Math.exp(6)), logitScaleAtGrok: 2 },
      { values: { "clamp.rho": 1.15, temperature: 1.3 }, tGrok: Math.round(Math.exp(8)), logitScaleAtGrok: 4 },
      { values: { temperature: 1 }, tGrok: Math.round(Math.exp(10)), logitScaleAtGrok: 6 },
      { values: { "clamp.rho": 1.15, temperature: 1.7 }, tGrok: null, logitScaleAtGrok: null },
    ];
    const { points, fit } = collapsePoints(cells);
    expect(points.map((p) => [p.rho, p.tau, p.source])).toEqual([[1, 1, 0], [1.15, 1.3, 1], ["none", 1, 2]]);
    expect(points[1]!.y).toBeCloseTo(8, 3);
    expect(fit!.slope).toBeCloseTo(1, 3);
    expect(fit!.r2).toBeCloseTo(1, 6);
  });
  it("has no fit with fewer than two grokked cells", () => {
    expect(collapsePoints([{ values: {}, tGrok: 100, logitScaleAtGrok: 3 }]).fit).toBeNull();
  });
});
