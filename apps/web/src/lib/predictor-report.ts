import type { Domain } from "./chart-domain.ts";
import { FORECAST_FIELDS, type Forecast } from "./forecast.ts";
import { categoricalColor } from "./palette.ts";

/** Mirrors of schema.graphql's PredictorReport (SCIENCE.md §8 "honest evaluation"). */
export interface PredictorReportRow {
  forecaster: string;
  leadFraction: number;
  lead: string;
  n: number;
  grokked: number;
  predicted: number;
  mape: number | null;
  coverage: number | null;
  spearman: number | null;
  brier: number | null;
  medianLead: number | null;
  nowcasts: number;
}
export interface PredictorReportPoint {
  runId: string;
  runName: string;
  forecaster: string;
  leadFraction: number;
  actual: number | null;
  forecast: Forecast;
}
export interface PredictorReport {
  holdOut: "RUN" | "SWEEP" | "K_FOLD";
  folds: number;
  runs: number;
  rows: PredictorReportRow[];
  points: PredictorReportPoint[];
}

export const PREDICTOR_REPORT_QUERY = /* GraphQL */ `
  query PredictorReport($filter: RunFilter) {
    predictorReport(filter: $filter) {
      holdOut folds runs
      rows { forecaster leadFraction lead n grokked predicted mape coverage spearman brier medianLead nowcasts }
      points { runId runName forecaster leadFraction actual forecast { ${FORECAST_FIELDS} } }
    }
  }
`;

/** The nominal coverage of the forecasters' intervals (10 % and 90 % quantiles). */
export const NOMINAL_COVERAGE = 0.8;

/** Forecasters in report order, each with a fixed colour so all three views agree. */
export function forecasterColors(rows: readonly { forecaster: string }[]): Map<string, string> {
  const names = [...new Set(rows.map((r) => r.forecaster))].sort();
  return new Map(names.map((name, i) => [name, categoricalColor(i)]));
}

/** Lead fractions present in the report, ascending (T_mem = 0 first). */
export const leadFractions = (rows: readonly { leadFraction: number }[]): number[] => [...new Set(rows.map((r) => r.leadFraction))].sort((a, b) => a - b);

export interface ScatterPoint {
  runId: string;
  runName: string;
  actual: number;
  predicted: number;
  low: number | null;
  high: number | null;
  covered: boolean;
  nowcast: boolean;
}

/**
 * Predicted against actual T_grok for one forecaster at one lead time. Only runs that grokked and
 * got a point forecast can be placed: a censored run has no actual, an "unlikely" call no estimate.
 */
export function scatterPoints(points: readonly PredictorReportPoint[], forecaster: string, leadFraction: number): ScatterPoint[] {
  return points.flatMap((p) => {
    const f = p.forecast;
    if (p.forecaster !== forecaster || p.leadFraction !== leadFraction || p.actual == null || f.tGrok == null) return [];
    const covered = f.low != null && f.high != null && f.low <= p.actual && p.actual <= f.high;
    return [{ runId: p.runId, runName: p.runName, actual: p.actual, predicted: f.tGrok, low: f.low, high: f.high, covered, nowcast: f.nowcast }];
  });
}

/**
 * One log domain for both scatter axes (so y = x is the diagonal), over every actual, estimate
 * and interval end, widened by a quarter-decade-ish margin; null when nothing is positive.
 */
export function scatterDomain(points: readonly ScatterPoint[]): Domain | null {
  const values = points.flatMap((p) => [p.actual, p.predicted, p.low, p.high]).filter((v): v is number => v != null && Number.isFinite(v) && v > 0);
  if (values.length === 0) return null;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return [lo / 1.25, hi * 1.25];
}

/** MAPE (as a fraction) by lead time, one series per forecaster; leads without a MAPE are left out. */
export function errorByLead(rows: readonly PredictorReportRow[]): { forecaster: string; points: { lead: number; mape: number }[] }[] {
  const byForecaster = new Map<string, { lead: number; mape: number }[]>();
  for (const r of rows) {
    const series = byForecaster.get(r.forecaster) ?? [];
    byForecaster.set(r.forecaster, series);
    if (r.mape != null && Number.isFinite(r.mape)) series.push({ lead: r.leadFraction, mape: r.mape });
  }
  return [...byForecaster.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([forecaster, points]) => ({ forecaster, points: points.sort((a, b) => a.lead - b.lead) }));
}

/**
 * How an interval's observed coverage compares with its nominal 80 %: with n grokked runs the
 * sampling error of a share is about √(0.8·0.2/n), so only a gap beyond two of those is called out.
 */
export function coverageVerdict(coverage: number | null, grokked: number): "ok" | "too narrow" | "too wide" | "too few runs" {
  if (coverage == null || grokked < 5) return "too few runs";
  const se = Math.sqrt((NOMINAL_COVERAGE * (1 - NOMINAL_COVERAGE)) / grokked);
  if (coverage < NOMINAL_COVERAGE - 2 * se) return "too narrow";
  if (coverage > NOMINAL_COVERAGE + 2 * se) return "too wide";
  return "ok";
}

export const HOLD_OUT_TEXT: Record<PredictorReport["holdOut"], string> = {
  RUN: "leave-one-run-out",
  SWEEP: "leave-one-sweep-out",
  K_FOLD: "k-fold over runs (too many for one fit per run)",
};

/**
 * Ticks for a log step axis spanning less than a few decades (T_grok of a registry usually
 * does): 1-2-5 steps per decade, thinned to 1-per-decade when they would not fit in `maxTicks`.
 * d3's log ticks label every integer multiple, which overlap on a chart this narrow.
 */
export function stepLogTicks125(domain: Domain, maxTicks = 6): number[] {
  const [lo, hi] = domain;
  if (!(lo > 0) || !(hi > lo) || !Number.isFinite(hi)) return [];
  for (const mantissas of [[1, 2, 5], [1, 3], [1]]) {
    const ticks: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of mantissas) {
        const v = m * 10 ** e;
        if (v >= lo && v <= hi) ticks.push(v);
      }
    }
    if (ticks.length <= maxTicks || mantissas.length === 1) return ticks;
  }
  return [];
}
