import type { RunConfig } from "@grokscope/spec";
import { isNowcast, NOWCAST_RISE, observedTGrok, tMemAsOf, truncate } from "./history.ts";
import { trendNowcast } from "./nowcast-trend.ts";
import { quantileSpread, residualSpread, summarizeDelay, type DelayDistribution, type ResidualSpread } from "./predictive.ts";
import { mean, sampleSd } from "./stats.ts";
import type { FinishedRun, Forecast, HistoryPoint, RunHistory } from "./types.ts";

/** Calibration group: the brief's (model, loss); the law constants differ between them. */
export function groupOf(config: RunConfig): string {
  return `${config.model}/${config.loss}`;
}

/**
 * Finer key: the group split into clamped / free runs. A clamp pins ‖W‖, which changes what sets
 * the delay (the first-passage law cannot describe clamped runs; the logit-scale collapse was
 * measured on exactly those), so relations are fitted per regime where there are runs enough.
 */
export function regimeOf(config: RunConfig): string {
  return `${groupOf(config)}/${config.clamp ? "clamped" : "free"}`;
}

/** What a forecaster's raw model sees: readings up to asOf only, and T_mem when already reached. */
export interface ForecastContext {
  config: RunConfig;
  visible: HistoryPoint[];
  asOf: number;
  tMem: number;
}

/** A raw model: the median delay from an anchor step, before residual correction; undefined = cannot say. */
export type RawPredictor = (ctx: ForecastContext) => { anchor: number; logDelay: number } | undefined;

/** Forecast steps of the backtest and of in-sample residuals: T_mem and 25/50/75 % of the delay. */
export const LEAD_FRACTIONS = [0, 0.25, 0.5, 0.75] as const;

/**
 * The forecast step for a lead fraction: the last evaluation step at or before
 * T_mem + f·(T_grok − T_mem) (of the remaining budget if censored); at f = 0 the first evaluation
 * step at or after T_mem (a median T_mem over an even number of seeds may fall between steps).
 */
export function leadStep(run: FinishedRun, fraction: number): number | undefined {
  if (run.tMem === undefined) return undefined;
  const tMem = run.tMem;
  const steps = run.points.map((p) => p.step);
  if (fraction === 0) {
    const after = steps.filter((s) => s >= tMem);
    return after.length === 0 ? undefined : Math.min(...after);
  }
  const target = tMem + fraction * ((run.tGrok ?? run.config.steps) - tMem);
  const before = steps.filter((s) => s <= target);
  return before.length === 0 ? undefined : Math.max(...before);
}

/** Context of a forecast at asOf, or undefined before T_mem (the laws all start at memorisation). */
export function contextOf(history: RunHistory, asOf: number): ForecastContext | undefined {
  const visible = truncate(history.points, asOf);
  const tMem = tMemAsOf(history, visible, asOf);
  return tMem === undefined ? undefined : { config: history.config, visible, asOf, tMem };
}

/** Below this estimated share of the delay elapsed, a forecast counts as "early" (no trend seen yet). */
export const EARLY_FRACTION = 0.125;

/** Residual spread over all lead times, with its own spread for early forecasts where there are enough. */
export type LeadSpread = ResidualSpread & { early?: ResidualSpread };

/**
 * Log residuals ln(actual delay / predicted delay) of a raw model on grokked training runs at
 * every lead fraction, so the interval reflects the error at the lead times it will be used at.
 * Forecasts right after T_mem err more than later ones (no trend measured yet), so those get
 * their own spread, keyed by the estimated elapsed share (asOf − anchor)/predicted delay, which
 * is known at forecast time (the true share is not).
 */
export function inSampleSpread(runs: readonly FinishedRun[], raw: RawPredictor, parameters: number): LeadSpread {
  const all: number[] = [];
  const early: number[] = [];
  for (const run of runs) {
    if (run.tGrok === undefined) continue;
    for (const f of LEAD_FRACTIONS) {
      const step = leadStep(run, f);
      const ctx = step === undefined ? undefined : contextOf(run, step);
      const p = ctx && raw(ctx);
      if (!p || run.tGrok <= p.anchor) continue;
      const r = Math.log(run.tGrok - p.anchor) - p.logDelay;
      all.push(r);
      if (isEarly(ctx.asOf, p)) early.push(r);
    }
  }
  const pooled = residualSpread(all, parameters);
  const earlySpread = residualSpread(early, parameters);
  return earlySpread.n - parameters >= 2 ? { ...pooled, early: earlySpread } : pooled;
}

const isEarly = (asOf: number, p: { anchor: number; logDelay: number }) => (asOf - p.anchor) / Math.exp(p.logDelay) < EARLY_FRACTION;

/** The delay distribution of a raw prediction, with the residual correction for its lead. */
export function withSpread(p: { anchor: number; logDelay: number }, spread: LeadSpread, asOf: number): DelayDistribution {
  const s = spread.early && isEarly(asOf, p) ? spread.early : spread;
  return { anchor: p.anchor, logDelay: p.logDelay + s.bias, sigma: s.sigma };
}

/**
 * Fallback before T_mem or where a law cannot apply: the group's own record (log-normal fit of the
 * T_grok of its grokked runs, scaled by the share that grokked at all).
 */
export interface Prior {
  logT: number;
  sigma: number;
  grokShare: number;
  /** How far the climb's trend (nowcast-trend.ts) missed on these runs: bias and spread of ln(actual / trend) remaining steps. */
  nowcast: ResidualSpread;
  /** The same (median and 10–90 % quantiles) per tenth of the delay elapsed, where a tenth has residuals enough (see bucketOf). */
  nowcastByShare?: (ResidualSpread | undefined)[];
}
export function priorOf(runs: readonly FinishedRun[]): Prior | undefined {
  if (runs.length === 0) return undefined;
  const logs = runs.flatMap((r) => (r.tGrok !== undefined ? [Math.log(r.tGrok)] : []));
  const grokShare = logs.length / runs.length;
  const nowcast = nowcastSpreadOf(runs);
  if (logs.length === 0) return { logT: Math.log(Math.max(...runs.map((r) => r.config.steps))) + 1, sigma: 0.5, grokShare, ...nowcast };
  return { logT: mean(logs), sigma: Math.max(0.1, sampleSd(logs)), grokShare, ...nowcast };
}

/**
 * Stretches of the delay, by the share of it the nowcast says has elapsed:
 * (asOf − T_mem) / (asOf + trend's remaining steps − T_mem), known at forecast time. Early on the
 * climb the logistic line still bends (the trend runs early, by up to half the remaining steps);
 * late on it the line is nearly exact. One bias and spread over the whole climb would shift and
 * widen late nowcasts by the errors of early ones, so each tenth of the delay gets its own.
 */
const NOWCAST_BUCKETS = 10;
/** Residuals a stretch needs before its own bias and spread replace the pooled ones. */
const MIN_BUCKET_RESIDUALS = 10;
function bucketOf(visible: readonly HistoryPoint[], history: RunHistory, asOf: number, trend: DelayDistribution): number | undefined {
  const tMem = tMemAsOf(history, visible, asOf);
  if (tMem === undefined) return undefined;
  const elapsed = (asOf - tMem) / Math.max(1, asOf + Math.exp(trend.logDelay) - tMem);
  return Math.min(NOWCAST_BUCKETS - 1, Math.max(0, Math.floor(elapsed * NOWCAST_BUCKETS)));
}

/**
 * The trend nowcast's log residuals on finished runs, at every evaluation where it applies
 * (climb visible, 0.90 not yet reached): its own slope error ignores that climbs bend, so its
 * intervals come from how it actually did, pooled and per stretch of the delay.
 */
function nowcastSpreadOf(runs: readonly FinishedRun[]): Pick<Prior, "nowcast" | "nowcastByShare"> {
  const residuals: number[] = [];
  const byBucket: number[][] = Array.from({ length: NOWCAST_BUCKETS }, () => []);
  for (const run of runs) {
    if (run.tGrok === undefined) continue;
    const points = truncate(run.points, run.tGrok - 1);
    let floor = Infinity;
    for (const [i, point] of points.entries()) {
      // Cheap pre-check (a climb needs a reading NOWCAST_RISE over the floor) before the full rule.
      const acc = point.metrics.test_acc;
      if (acc !== undefined && Number.isFinite(acc)) floor = Math.min(floor, acc);
      if (acc === undefined || !(acc >= floor + NOWCAST_RISE)) continue;
      const visible = points.slice(0, i + 1);
      if (!isNowcast(visible)) continue;
      const trend = trendNowcast(visible, point.step);
      if (!trend) continue;
      const r = Math.log(run.tGrok - point.step) - trend.logDelay;
      residuals.push(r);
      const bucket = bucketOf(visible, run, point.step, trend);
      if (bucket !== undefined) byBucket[bucket]!.push(r);
    }
  }
  const nowcastByShare = byBucket.map((rs) => (rs.length >= MIN_BUCKET_RESIDUALS ? quantileSpread(rs) : undefined));
  return { nowcast: residualSpread(residuals, 2), nowcastByShare };
}

/** The trend nowcast with the bias and spread it showed on the prior's runs (at this stretch of the delay where known). */
function calibratedTrend(history: RunHistory, visible: readonly HistoryPoint[], asOf: number, prior: Prior | undefined): DelayDistribution | undefined {
  const trend = trendNowcast(visible, asOf);
  if (!trend || !prior || prior.nowcast.n < 4) return trend;
  const bucket = bucketOf(visible, history, asOf, trend);
  const spread = (bucket !== undefined ? prior.nowcastByShare?.[bucket] : undefined) ?? prior.nowcast;
  return { ...trend, logDelay: trend.logDelay + spread.bias, sigma: spread.sigma };
}

/** Shared frame: truncation, observed grokking, nowcast flag, fallback to the prior. */
export function frameForecast(
  name: string,
  history: RunHistory,
  asOf: number,
  predict: (ctx: ForecastContext) => DelayDistribution | undefined,
  prior: Prior | undefined,
): Forecast {
  const visible = truncate(history.points, asOf);
  const nowcast = isNowcast(visible);
  const observed = observedTGrok(visible);
  if (observed !== undefined) return { tGrok: observed, low: observed, high: observed, probability: 1, forecaster: name, step: asOf, nowcast: true };
  const ctx = contextOf(history, asOf);
  // Once the climb to 0.90 is under way, its own trend says more than any law read at T_mem.
  const fromModel = (nowcast ? calibratedTrend(history, visible, asOf, prior) : undefined) ?? (ctx ? predict(ctx) : undefined);
  const dist = fromModel ?? (prior && { anchor: 0, logDelay: prior.logT, sigma: prior.sigma });
  if (!dist) return { tGrok: null, low: null, high: null, probability: 0.5, forecaster: name, step: asOf, nowcast };
  const summary = summarizeDelay(dist, asOf, history.config.steps);
  if (!fromModel && prior) {
    // The prior carries the group's share of runs that never grokked.
    const probability = summary.probability * prior.grokShare;
    const keep = probability >= 0.5;
    return { ...summary, tGrok: keep ? summary.tGrok : null, low: keep ? summary.low : null, high: keep ? summary.high : null, probability, forecaster: name, step: asOf, nowcast };
  }
  return { ...summary, forecaster: name, step: asOf, nowcast };
}
