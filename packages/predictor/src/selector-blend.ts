import { blendForecasts, conformalScale, logError, scaleInterval, stackWeights } from "./blend.ts";
import { contextOf, LEAD_FRACTIONS, regimeOf } from "./frame.ts";
import { outOfFoldRecords, recordsByKey } from "./inner-cv.ts";
import type { BacktestRecord } from "./metrics-summary.ts";
import type { FinishedRun, Forecast, ForecastMethod, Forecaster, RunHistory } from "./types.ts";

/**
 * The selector's blend (selector.ts, combine "blend"): per regime, stacked weights of the
 * candidates from their out-of-fold forecasts on the training runs, and per lead stage a
 * conformal factor for the blend's interval width (the pieces are in blend.ts).
 */

/**
 * Lead stage of a forecast, known when it is made: the backtest lead fraction (frame.ts
 * LEAD_FRACTIONS) nearest the share of the delay it estimates has elapsed,
 * (step − T_mem) / (T̂ − T_mem). Right after T_mem a forecast errs most, on the climb least, so
 * the interval width is calibrated per stage; the out-of-fold forecasts it is calibrated on were
 * made at exactly those fractions of the training runs' delays.
 */
export function leadStage(history: RunHistory, forecast: Forecast): number {
  const tMem = contextOf(history, forecast.step)?.tMem;
  if (tMem === undefined || forecast.tGrok === null || forecast.tGrok <= tMem) return 0;
  const share = (forecast.step - tMem) / (forecast.tGrok - tMem);
  const distance = LEAD_FRACTIONS.map((f) => Math.abs(share - f));
  return distance.indexOf(Math.min(...distance));
}

export interface BlendChoice {
  /** Candidate names, in the order of every weight vector. */
  names: string[];
  byKey: Record<string, number[]>;
  fallback: number[];
  /** Conformal width factor per lead stage (blend.ts conformalScale), indexed like LEAD_FRACTIONS. */
  scale: number[];
}

/** Stacked weights per selection key (pooled where a key has too few runs) and the interval scale per stage. */
export function chooseBlend(runs: readonly FinishedRun[], candidates: readonly ForecastMethod[], options: { folds?: number; minRuns?: number } = {}): BlendChoice {
  const { folds = 5, minRuns = 3 } = options;
  const names = candidates.map((c) => c.name);
  const records = outOfFoldRecords(runs, candidates, folds);
  // One row per (run, lead) that every candidate forecast with a point.
  const rows = new Map<string, BacktestRecord[]>();
  for (const r of records) {
    const key = `${r.runId}\u0000${r.fraction}`;
    const row = rows.get(key);
    if (row) row.push(r);
    else rows.set(key, [r]);
  }
  const aligned = [...rows.values()].flatMap((rs) => {
    const ordered = names.map((n) => rs.find((r) => r.forecaster === n));
    return ordered.every((r) => r !== undefined) ? [ordered as BacktestRecord[]] : [];
  });
  const stacked = (subset: readonly BacktestRecord[][]) =>
    stackWeights(subset.map((rs) => rs.map(logError)).filter((e): e is number[] => e.every((x) => x !== undefined)));
  // Pooled weights where a key has too few runs (or no scored rows); the first candidate where nothing was scored at all.
  const fallback = stacked(aligned) ?? names.map((_, i) => (i === 0 ? 1 : 0));
  const weights: Record<string, number[]> = {};
  for (const [key, subset] of recordsByKey(runs, records, regimeOf, minRuns)) {
    const ids = new Set(subset?.map((r) => r.runId));
    weights[key] = (subset && stacked(aligned.filter((rs) => ids.has(rs[0]!.runId)))) ?? fallback;
  }
  // The blend's own out-of-fold forecasts, by stage, fix the interval width.
  const runById = new Map(runs.map((r) => [r.id, r]));
  const staged: { forecast: Forecast; actual: number | null }[][] = LEAD_FRACTIONS.map(() => []);
  for (const rs of aligned) {
    const run = runById.get(rs[0]!.runId)!;
    const forecast = blendForecasts(rs.map((r) => r.forecast), weights[regimeOf(run.config)] ?? fallback, "blend");
    staged[leadStage(run, forecast)]!.push({ forecast, actual: rs[0]!.actual });
  }
  const scale = staged.map((stage) => conformalScale(stage));
  return { names, byKey: weights, fallback, scale };
}

/** Forecasts with the fitted candidates a choice weights, named `${name}/a+b` by the candidates used (heaviest first). */
export function blendForecaster(name: string, choice: BlendChoice, fitted: ReadonlyMap<string, Forecaster>): Forecaster & { choice: BlendChoice } {
  return {
    name,
    choice,
    forecast(history, asOf) {
      const weights = choice.byKey[regimeOf(history.config)] ?? choice.fallback;
      const used = choice.names.map((candidate, i) => ({ candidate, w: weights[i]! })).filter((u) => u.w > 0).sort((a, b) => b.w - a.w);
      const forecasts = used.map((u) => fitted.get(u.candidate)!.forecast(history, asOf));
      const blended = blendForecasts(forecasts, used.map((u) => u.w), `${name}/${used.map((u) => u.candidate).join("+")}`);
      return scaleInterval(blended, choice.scale[leadStage(history, blended)] ?? 1);
    },
  };
}

