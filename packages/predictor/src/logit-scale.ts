import { latest, logSlope } from "./history.ts";
import { clampRow, covariatesOf, fitClampLevel, fitRelation, fitSlopePrior, logitScaleAtGrok } from "./logit-scale-fit.ts";
import { frameForecast, groupOf, inSampleSpread, priorOf, regimeOf, withSpread, type ForecastContext, type LeadSpread, type Prior, type RawPredictor } from "./frame.ts";
import { evaluateLinear, type LinearModel } from "./linear-model.ts";
import { medianOf } from "./stats.ts";
import type { FinishedRun, ForecastMethod, Forecaster } from "./types.ts";

/**
 * Logit-scale forecaster (arXiv 2606.18465, SCIENCE.md §7): under CE the effective logit scale L
 * carries the delay: ln T_grok ≈ a + b·L_at_grok (R² ≈ 0.97 over ρ × τ; ρ adds 1–2 %, so ρ is not a
 * term: L mediates it, and τ enters through L, which is measured on z/τ). Cells that differ in lr,
 * λ, p or train fraction run on other clocks, so those enter as covariates (logit-scale-fit.ts).
 *
 * Which approach, and why: the relation is regressed on L at grok, and the forecast solves it for
 * its own crossing rather than extrapolating L to one critical level — the paper's runs grok at
 * different L (later when L is larger), so there is no single critical level. L's trend is
 * extrapolated (exponential, as weight decay shrinks it; flat once a clamp holds the norm) and
 * T̂ is the first t ≥ now with ln t ≥ a + b·L̂(t) + …: when the run's clock catches up with the
 * delay its logit scale demands. Where the calibration runs all grok at nearly the same L (free
 * runs whose delay is set by decay alone), b is unidentified and the relation says nothing; there
 * the brief's other reading — L's trend extrapolated to a calibrated critical level (the median
 * L_grok) — is the right model. Both are calibrated per regime and the one with the smaller
 * in-sample log error is kept. Under MSE L stays near 1 and neither carries much (the selector
 * then prefers another forecaster).
 */
export const LOGIT_SCALE = "logit-scale";

export interface LogitScaleCalibration {
  /** "relation": solve ln t = a + b·L̂(t) + …; "critical": first t with L̂(t) ≤ critical. */
  mode: "relation" | "critical";
  relation?: LinearModel;
  /** Median L at grok of the calibration runs. */
  critical?: number;
  /** d ln L / d(η·λ·t) typical after T_mem (free runs), for forecasts made before a trend is measurable. */
  slopePrior?: number;
  /** ln L held by a ρ-clamp, from ln ρ, ln τ and ln p (clamped runs forecast before the clamp acts). */
  clampLevel?: LinearModel;
  spread: LeadSpread;
}
export interface LogitScaleModel {
  /** Keyed by regime (model/loss/clamped|free) where it has runs enough, else by group (model/loss). */
  calibrations: Record<string, LogitScaleCalibration>;
  priors: Record<string, Prior>;
}

/** Beyond this multiple of the budget the answer is "not within budget" anyway. */
const HORIZON = 20;
/** Readings after T_mem needed before the run's own trend replaces the prior slope. */
const MIN_TREND_READINGS = 20;

/** L̂(t) = level·exp(slope·(t − asOf)): the logit scale extrapolated from the forecast step. */
interface LevelPath {
  level: number;
  slope: number;
}

function levelPath(cal: Omit<LogitScaleCalibration, "spread">, ctx: ForecastContext): LevelPath | undefined {
  const { config, visible, asOf, tMem } = ctx;
  const now = latest(visible, "logit_scale");
  if (config.clamp) {
    if (asOf >= config.clamp.fromStep) return now && now.value > 0 ? { level: now.value, slope: 0 } : undefined;
    const rho = config.clamp.rho;
    if (rho === undefined || !cal.clampLevel) return undefined;
    return { level: Math.exp(evaluateLinear(cal.clampLevel, clampRow(config, rho))), slope: 0 };
  }
  if (!now || now.value <= 0) return undefined;
  const readingsSinceMem = visible.filter((p) => p.step > tMem).length;
  const clock = config.lr * Math.max(config.weightDecay, 1e-3);
  // The later half of the post-memorisation readings: the transient right after T_mem is not the decay.
  const own = readingsSinceMem >= MIN_TREND_READINGS ? logSlope(visible, "logit_scale", tMem + (asOf - tMem) / 2, asOf) : undefined;
  return { level: now.value, slope: own ?? (cal.slopePrior ?? 0) * clock };
}

/** First t ≥ asOf with ln t ≥ a + b·L̂(t) + …: geometric scan, then bisection; the horizon if none. */
function relationCrossing(relation: LinearModel, config: ForecastContext["config"], path: LevelPath, asOf: number): number {
  const covariates = covariatesOf(config);
  const gap = (t: number) => Math.log(t) - evaluateLinear(relation, { L: path.level * Math.exp(path.slope * (t - asOf)), ...covariates });
  let lo = Math.max(asOf, 1);
  let hi = lo;
  const horizon = HORIZON * Math.max(config.steps, asOf);
  if (gap(lo) >= 0) return lo;
  while (gap(hi) < 0 && hi < horizon) [lo, hi] = [hi, hi * 1.02 + 1];
  for (let i = 0; i < 40 && hi - lo > 0.5; i++) {
    const mid = (lo + hi) / 2;
    if (gap(mid) < 0) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * When L̂ reaches the critical level, in whichever direction it is heading; a level already passed
 * in that direction means grokking is due now; a flat L away from it means never (the horizon).
 */
function criticalCrossing(critical: number, config: ForecastContext["config"], path: LevelPath, asOf: number): number {
  const horizon = HORIZON * Math.max(config.steps, asOf);
  if (path.slope === 0) return Math.abs(Math.log(critical / path.level)) < 1e-3 ? asOf : horizon;
  return Math.min(horizon, Math.max(asOf, asOf + Math.log(critical / path.level) / path.slope));
}

function rawPredictor(cal: Omit<LogitScaleCalibration, "spread">): RawPredictor {
  return (ctx: ForecastContext) => {
    const path = levelPath(cal, ctx);
    if (!path) return undefined;
    const { config, asOf, tMem } = ctx;
    const t = cal.relation ? relationCrossing(cal.relation, config, path, asOf) : criticalCrossing(cal.critical!, config, path, asOf);
    return { anchor: tMem, logDelay: Math.log(Math.max(1, t - tMem)) };
  };
}

function calibrate(runs: readonly FinishedRun[]): LogitScaleCalibration | undefined {
  const slopePrior = fitSlopePrior(runs);
  const clampLevel = fitClampLevel(runs);
  const shared = { ...(slopePrior !== undefined ? { slopePrior } : {}), ...(clampLevel ? { clampLevel } : {}) };
  const relation = fitRelation(runs);
  const levels = runs.flatMap((r) => logitScaleAtGrok(r) ?? []);
  const candidates: LogitScaleCalibration[] = [];
  if (relation) {
    const partial = { ...shared, mode: "relation" as const, relation };
    candidates.push({ ...partial, spread: inSampleSpread(runs, rawPredictor(partial), relation.columns.length + 1) });
  }
  if (levels.length >= 3) {
    const partial = { ...shared, mode: "critical" as const, critical: medianOf(levels) };
    candidates.push({ ...partial, spread: inSampleSpread(runs, rawPredictor(partial), 2) });
  }
  // The critical level is the simpler model: it is kept unless the relation is clearly (10 %) better.
  const [relationFit, criticalFit] = [candidates.find((c) => c.mode === "relation"), candidates.find((c) => c.mode === "critical")];
  if (relationFit && criticalFit) return relationFit.spread.fitSigma < 0.9 * criticalFit.spread.fitSigma ? relationFit : criticalFit;
  return relationFit ?? criticalFit;
}

export function fitLogitScale(runs: readonly FinishedRun[]): LogitScaleModel {
  const model: LogitScaleModel = { calibrations: {}, priors: {} };
  for (const key of new Set(runs.map((r) => groupOf(r.config)))) {
    const groupRuns = runs.filter((r) => groupOf(r.config) === key);
    const prior = priorOf(groupRuns);
    if (prior) model.priors[key] = prior;
    const pooled = calibrate(groupRuns);
    if (pooled) model.calibrations[key] = pooled;
    for (const regime of new Set(groupRuns.map((r) => regimeOf(r.config)))) {
      const own = calibrate(groupRuns.filter((r) => regimeOf(r.config) === regime));
      if (own) model.calibrations[regime] = own;
    }
  }
  return model;
}

export function logitScaleForecaster(model: LogitScaleModel): Forecaster {
  return {
    name: LOGIT_SCALE,
    forecast(history, asOf) {
      const cal = model.calibrations[regimeOf(history.config)] ?? model.calibrations[groupOf(history.config)];
      const predict = (ctx: ForecastContext) => {
        const raw = cal && rawPredictor(cal)(ctx);
        return raw && withSpread(raw, cal.spread, ctx.asOf);
      };
      return frameForecast(LOGIT_SCALE, history, asOf, predict, model.priors[groupOf(history.config)]);
    },
  };
}

export const logitScaleMethod: ForecastMethod = { name: LOGIT_SCALE, fit: (runs) => logitScaleForecaster(fitLogitScale(runs)) };
