import { mape, mean, medianOf, spearman } from "./stats.ts";
import type { Forecast } from "./types.ts";

/** One backtest forecast: a held-out run forecast at one lead fraction by one forecaster. */
export interface BacktestRecord {
  runId: string;
  forecaster: string;
  /** 0 = at T_mem; 0.25 / 0.5 / 0.75 of the delay (of the remaining budget for censored runs). */
  fraction: number;
  step: number;
  /** The run's T_grok; null when it did not grok within its budget. */
  actual: number | null;
  forecast: Forecast;
}

/** Quality of one forecaster at one lead fraction (SCIENCE.md §8 "honest evaluation"). */
export interface BacktestRow {
  forecaster: string;
  fraction: number;
  /** Held-out runs forecast (grokked and censored). */
  n: number;
  grokked: number;
  /** Grokked runs that got a point forecast (the rest were called "unlikely within budget"). */
  predicted: number;
  /** MAPE of T_grok over grokked runs with a point forecast (fraction: 0.177 = 17.7 %). */
  mape: number;
  /** Share of grokked runs whose T_grok lay in the 80 % interval (no interval counts as a miss). */
  coverage: number;
  /** Spearman ρ between predicted and actual T_grok over the same runs as MAPE. */
  spearman: number;
  /** Brier score of the within-budget probability over all runs (0 perfect, 0.25 = a coin). */
  brier: number;
  /** Median steps between the forecast and T_grok (grokked runs). */
  medianLead: number;
  /** Forecasts flagged as nowcasts (test accuracy already rising). */
  nowcasts: number;
}

export function summarize(records: readonly BacktestRecord[]): BacktestRow[] {
  const keys = [...new Set(records.map((r) => `${r.forecaster}\u0000${r.fraction}`))];
  return keys.map((key) => {
    const [forecaster, fraction] = key.split("\u0000") as [string, string];
    const rows = records.filter((r) => r.forecaster === forecaster && r.fraction === Number(fraction));
    const grokked = rows.filter((r) => r.actual !== null);
    const scored = grokked.filter((r) => r.forecast.tGrok !== null);
    const predicted = scored.map((r) => r.forecast.tGrok!);
    const actual = scored.map((r) => r.actual!);
    const covered = grokked.filter((r) => r.forecast.low !== null && r.forecast.high !== null && r.forecast.low <= r.actual! && r.actual! <= r.forecast.high);
    return {
      forecaster,
      fraction: Number(fraction),
      n: rows.length,
      grokked: grokked.length,
      predicted: scored.length,
      mape: scored.length > 0 ? mape(predicted, actual) : Number.NaN,
      coverage: grokked.length > 0 ? covered.length / grokked.length : Number.NaN,
      spearman: spearman(predicted, actual),
      brier: mean(rows.map((r) => (r.forecast.probability - (r.actual !== null ? 1 : 0)) ** 2)),
      medianLead: medianOf(grokked.map((r) => r.actual! - r.step)),
      nowcasts: rows.filter((r) => r.forecast.nowcast).length,
    };
  });
}

const pct = (x: number) => (Number.isNaN(x) ? "–" : `${(100 * x).toFixed(1)} %`);
const num = (x: number, digits = 2) => (Number.isNaN(x) ? "–" : x.toFixed(digits));

/** Fixed-width table: forecaster × lead time. */
export function formatBacktestTable(rows: readonly BacktestRow[]): string {
  const lead = (f: number) => (f === 0 ? "T_mem" : `${Math.round(f * 100)} % delay`);
  const header = ["forecaster", "at", "N", "grokked", "predicted", "MAPE", "cover80", "spearman", "brier", "med.lead", "nowcasts"];
  const body = rows.map((r) => [
    r.forecaster,
    lead(r.fraction),
    String(r.n),
    String(r.grokked),
    String(r.predicted),
    pct(r.mape),
    pct(r.coverage),
    num(r.spearman),
    num(r.brier, 3),
    Number.isNaN(r.medianLead) ? "–" : String(Math.round(r.medianLead)),
    String(r.nowcasts),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
