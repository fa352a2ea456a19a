import type { MetricKey, RunConfig } from "@grokscope/spec";

/** One evaluation reading: a seed's, or the per-step median over a run's seeds. */
export interface HistoryPoint {
  step: number;
  metrics: Partial<Record<MetricKey, number>>;
}

/**
 * What a forecaster sees of a run. Points may extend past the forecast step: every forecaster
 * truncates at `asOf` itself (see history.ts `truncate`), so callers cannot leak the future.
 */
export interface RunHistory {
  config: RunConfig;
  points: readonly HistoryPoint[];
  /** T_mem if the caller already knows it; ignored when it lies after the forecast step. */
  tMem?: number;
}

/** A forecast of T_grok (SCIENCE.md §6) made from readings with step ≤ `step`. */
export interface Forecast {
  /** Point estimate (predictive median); null when grokking within the step budget is unlikely. */
  tGrok: number | null;
  /** 80 % interval (10 % and 90 % predictive quantiles); null together with tGrok. */
  low: number | null;
  high: number | null;
  /** Probability of grokking (test_acc ≥ 0.90) within config.steps. */
  probability: number;
  forecaster: string;
  /** The forecast step: only readings with step ≤ this were used. */
  step: number;
  /** Test accuracy had already started rising when the forecast was made (see history.ts `isNowcast`). */
  nowcast: boolean;
}

export interface Forecaster {
  name: string;
  forecast(history: RunHistory, asOf: number): Forecast;
}

/** A finished run as training data: its (median) history plus the outcome. */
export interface FinishedRun extends RunHistory {
  id: string;
  /** Runs of one sweep are held out together in a backtest (near-duplicate configs). */
  sweepId?: string;
  /** Undefined = did not grok within config.steps (censored), not zero. */
  tGrok?: number;
}

/** A way to build a forecaster from finished runs (calibration or training). */
export interface ForecastMethod {
  name: string;
  fit(runs: readonly FinishedRun[]): Forecaster;
}

/** Corpus of finished runs, as stored in the fixture (one entry per run, per-seed histories). */
export interface CorpusSeed {
  tMem?: number;
  tGrok?: number;
  points: HistoryPoint[];
}
export interface CorpusRun {
  id: string;
  sweepId?: string;
  config: RunConfig;
  seeds: CorpusSeed[];
}
