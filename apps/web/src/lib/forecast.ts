import type { Domain } from "./chart-domain.ts";
import { formatInt, formatPercent } from "./format.ts";

/** A forecast of T_grok as the API serves it (schema.graphql `Forecast`, SCIENCE.md §8). */
export interface Forecast {
  step: number;
  tGrok: number | null;
  low: number | null;
  high: number | null;
  probability: number;
  forecaster: string;
  nowcast: boolean;
}

/** The fields every query of a forecast selects. */
export const FORECAST_FIELDS = "step tGrok low high probability forecaster nowcast";

/** What the accuracy chart draws: the 80 % interval as a band and the point estimate as a dashed line. */
export interface ForecastBand {
  /** Band edges in steps, clipped to the visible domain. */
  x0: number;
  x1: number;
  /** The point estimate, or null when it lies outside the visible domain (the band alone is shown). */
  point: number | null;
  /** True when the interval runs past the visible domain on either side. */
  clipped: boolean;
  label: string;
  title: string;
}

/**
 * The band for `forecast` on the step domain, or null when there is nothing to draw: no forecast,
 * grokking judged unlikely within the budget (no interval), or an interval entirely off the chart.
 */
export function forecastBand(forecast: Forecast | null | undefined, domain: Domain): ForecastBand | null {
  if (!forecast || forecast.tGrok == null || forecast.low == null || forecast.high == null) return null;
  const [lo, hi] = domain;
  const low = Math.min(forecast.low, forecast.tGrok);
  const high = Math.max(forecast.high, forecast.tGrok);
  if (!(hi > lo) || high < lo || low > hi) return null;
  const x0 = Math.max(lo, low);
  const x1 = Math.min(hi, high);
  const point = forecast.tGrok >= lo && forecast.tGrok <= hi ? forecast.tGrok : null;
  return {
    x0,
    x1,
    point,
    clipped: x0 !== low || x1 !== high,
    label: `${forecast.nowcast ? "nowcast" : "forecast"} (${forecast.forecaster})`,
    title: forecastTitle(forecast),
  };
}

/** One line for tooltips: estimate, interval, probability, when it was made and by which forecaster. */
export function forecastTitle(f: Forecast): string {
  const what = f.nowcast ? "Nowcast" : "Forecast";
  const estimate = f.tGrok == null ? `grokking unlikely within the budget (p = ${formatPercent(f.probability, 0)})` : `T_grok ≈ ${formatInt(f.tGrok)}, 80 % interval ${formatInt(f.low)}–${formatInt(f.high)}, p = ${formatPercent(f.probability, 0)}`;
  return `${what} at step ${formatInt(f.step)} by ${f.forecaster}: ${estimate}`;
}

/** Compact steps for table cells: 950 → "950", 12,345 → "12.3k". */
export function compactSteps(steps: number | null | undefined): string {
  if (steps == null || !Number.isFinite(steps)) return "–";
  if (Math.abs(steps) < 1000) return String(Math.round(steps));
  return `${Number((steps / 1000).toPrecision(3))}k`;
}

/** The runs table's `forecast` cell: "≈ 1.5k (1.2k–2k)", "unlikely (20%)", "now 1.8k" for a nowcast, "–" when none. */
export function forecastCell(f: Forecast | null | undefined): string {
  if (!f) return "–";
  if (f.tGrok == null) return `unlikely (${formatPercent(f.probability, 0)})`;
  const range = f.low != null && f.high != null ? ` (${compactSteps(f.low)}–${compactSteps(f.high)})` : "";
  return `${f.nowcast ? "now" : "≈"} ${compactSteps(f.tGrok)}${range}`;
}
