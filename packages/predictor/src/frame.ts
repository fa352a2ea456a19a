import type { RunConfig } from "@grokscope/spec";
import { isNowcast, NOWCAST_RISE, observedTGrok, tMemAsOf, truncate } from "./history.ts";
import { trendNowcast } from "./nowcast-trend.ts";
import { residualSpread, summarizeDelay, type DelayDistribution, type ResidualSpread } from "./predictive.ts";
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
}
export function priorOf(runs: readonly FinishedRun[]): Prior | undefined {
  if (runs.length === 0) return undefined;
  const logs = runs.flatMap((r) => (r.tGrok !== undefined ? [Math.log(r.tGrok)] : []));
  const grokShare = logs.length / runs.length;
  const nowcast = nowcastSpreadOf(runs);
  if (logs.length === 0) return { logT: Math.log(Math.max(...runs.map((r) => r.config.steps))) + 1, sigma: 0.5, grokShare, nowcast };
  return { logT: mean(logs), sigma: Math.max(0.1, sampleSd(logs)), grokShare, nowcast };
}

/**
 * The trend nowcast's log residuals on finished runs, at every evaluation where it applies
 * (climb visible, 0.90 not yet reached): its own slope error ignores that climbs bend, so its
 * intervals come from how it actually did.
 */
function nowcastSpreadOf(runs: readonly FinishedRun[]): ResidualSpread {
  const residuals: number[] = [];
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
      if (trend) residuals.push(Math.log(run.tGrok - point.step) - trend.logDelay);
    }
  }
  return residualSpread(residuals, 2);
}

/** The trend nowcast with the bias and spread it showed on the prior's runs. */
function calibratedTrend(visible: readonly HistoryPoint[], asOf: number, prior: Prior | undefined): DelayDistribution | undefined {
  const trend = trendNowcast(visible, asOf);
  if (!trend || !prior || prior.nowcast.n < 4) return trend;
  return { ...trend, logDelay: trend.logDelay + prior.nowcast.bias, sigma: prior.nowcast.sigma };
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
  const fromModel = (nowcast ? calibratedTrend(visible, asOf, prior) : undefined) ?? (ctx ? predict(ctx) : undefined);
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
