import { describe, expect, it } from "vitest";
import type { Forecast } from "./forecast.ts";
import { stepLogTicks125, coverageVerdict, errorByLead, forecasterColors, leadFractions, scatterDomain, scatterPoints, type PredictorReportPoint, type PredictorReportRow } from "./predictor-report.ts";

const forecast = (tGrok: number | null, low: number | null = null, high: number | null = null): Forecast => ({ step: 100, tGrok, low, high, probability: 0.9, forecaster: "x", nowcast: false });
const point = (over: Partial<PredictorReportPoint>): PredictorReportPoint => ({ runId: "r", runName: "r", forecaster: "selector", leadFraction: 0, actual: 1000, forecast: forecast(900, 700, 1200), ...over });
const row = (forecaster: string, leadFraction: number, mape: number | null): PredictorReportRow => ({
  forecaster,
  leadFraction,
  lead: "",
  n: 10,
  grokked: 10,
  predicted: 10,
  mape,
  coverage: 0.8,
  spearman: 0.9,
  brier: 0.1,
  medianLead: 500,
  nowcasts: 0,
});

describe("scatterPoints", () => {
  it("places grokked runs with a point forecast of the chosen forecaster and lead, marking coverage", () => {
    const points = [
      point({ runId: "a" }),
      point({ runId: "b", actual: 1300 }),
      point({ runId: "censored", actual: null }),
      point({ runId: "unlikely", forecast: forecast(null) }),
      point({ runId: "other-lead", leadFraction: 0.5 }),
      point({ runId: "other-forecaster", forecaster: "first-passage" }),
    ];
    const placed = scatterPoints(points, "selector", 0);
    expect(placed.map((p) => [p.runId, p.covered])).toEqual([
      ["a", true],
      ["b", false],
    ]);
    expect(placed[0]).toMatchObject({ actual: 1000, predicted: 900, low: 700, high: 1200 });
  });

  it("gives both axes one padded log domain, or none without positive values", () => {
    const domain = scatterDomain(scatterPoints([point({}), point({ actual: 2000 })], "selector", 0))!;
    expect(domain[0]).toBeCloseTo(700 / 1.25);
    expect(domain[1]).toBeCloseTo(2000 * 1.25);
    expect(scatterDomain([])).toBeNull();
  });
});

describe("report summaries", () => {
  it("orders MAPE by lead per forecaster, skipping leads without one", () => {
    const rows = [row("selector", 0.5, 0.1), row("selector", 0, 0.2), row("first-passage", 0, null), row("first-passage", 0.25, 0.3)];
    expect(errorByLead(rows)).toEqual([
      { forecaster: "first-passage", points: [{ lead: 0.25, mape: 0.3 }] },
      { forecaster: "selector", points: [{ lead: 0, mape: 0.2 }, { lead: 0.5, mape: 0.1 }] },
    ]);
    expect(leadFractions(rows)).toEqual([0, 0.25, 0.5]);
    expect([...forecasterColors(rows).keys()]).toEqual(["first-passage", "selector"]);
  });

  it("calls out coverage only beyond two standard errors of the nominal 80 %", () => {
    expect(coverageVerdict(0.75, 40)).toBe("ok");
    expect(coverageVerdict(0.5, 40)).toBe("too narrow");
    expect(coverageVerdict(1, 40)).toBe("too wide");
    expect(coverageVerdict(0.2, 3)).toBe("too few runs");
    expect(coverageVerdict(null, 30)).toBe("too few runs");
  });
});

describe("stepLogTicks125", () => {
  it("labels 1-2-5 per decade while they fit, else whole decades", () => {
    expect(stepLogTicks125([300, 8000], 6)).toEqual([500, 1000, 2000, 5000]);
    expect(stepLogTicks125([300, 8000], 3)).toEqual([300, 1000, 3000]);
    expect(stepLogTicks125([300, 8000], 2)).toEqual([1000]);
    expect(stepLogTicks125([5, 2e6], 6)).toEqual([10, 100, 1000, 10_000, 100_000, 1_000_000]);
    expect(stepLogTicks125([0, 100])).toEqual([]);
  });
});
