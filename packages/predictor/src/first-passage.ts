import type { RunConfig } from "@grokscope/spec";
import { latest, truncate } from "./history.ts";
import { frameForecast, groupOf, inSampleSpread, priorOf, withSpread, type ForecastContext, type LeadSpread, type Prior, type RawPredictor } from "./frame.ts";
import { mean } from "./stats.ts";
import type { FinishedRun, ForecastMethod, Forecaster } from "./types.ts";

/**
 * First-passage law ("First-passage prediction of grokking delay", arXiv 2605.18845; SCIENCE.md §8):
 * after memorisation V = ‖θ‖² decays like exp(−2κηλ t) under decoupled weight decay, and the
 * test set generalises when V first passes a critical V*, so
 *   T_grok − T_mem = ln(V_mem / V*) / (2·κ·η·λ).
 * κ (the share of the pure-decay rate the gradient leaves) and V* are per architecture: they are
 * calibrated per (model, loss) group.
 */
export const FIRST_PASSAGE = "first-passage";

export interface FirstPassageGroup {
  kappa: number;
  vStar: number;
  /** Runs the calibration used. */
  n: number;
  spread: LeadSpread;
}
export interface FirstPassageModel {
  groups: Record<string, FirstPassageGroup>;
  priors: Record<string, Prior>;
}

/** A clamp pins ‖W‖, so V cannot decay to V*: the law does not describe clamped runs. */
export const isClamped = (config: RunConfig) => config.clamp !== undefined;

interface Sample {
  lnV: number;
  lnD: number;
  /** ln(2ηλ) */
  lnRate: number;
}

function sampleOf(run: FinishedRun): Sample | undefined {
  const { tMem, tGrok, config } = run;
  if (tMem === undefined || tGrok === undefined || tGrok <= tMem || isClamped(config) || config.weightDecay <= 0) return undefined;
  const vMem = latest(truncate(run.points, tMem), "param_sq_norm")?.value;
  if (vMem === undefined || vMem <= 0) return undefined;
  return { lnV: Math.log(vMem), lnD: Math.log(tGrok - tMem), lnRate: Math.log(2 * config.lr * config.weightDecay) };
}

/**
 * Log-space least squares: minimise Σ (ln D − ln(ln V_mem − ln V*) + ln κ + ln 2ηλ)². For a fixed
 * c = ln V* the best ln κ is a mean, so only c is searched (grid over ln(min ln V_mem − c), then
 * golden-section refinement); V* must lie below every V_mem.
 */
export function calibrateFirstPassage(samples: readonly Sample[]): { kappa: number; vStar: number; residuals: number[] } | undefined {
  if (samples.length < 3) return undefined;
  const xMin = Math.min(...samples.map((s) => s.lnV));
  const fitAt = (u: number) => {
    const c = xMin - Math.exp(u);
    const lnKappa = mean(samples.map((s) => Math.log(s.lnV - c) - s.lnRate - s.lnD));
    const residuals = samples.map((s) => s.lnD - (Math.log(s.lnV - c) - lnKappa - s.lnRate));
    return { c, lnKappa, residuals, sse: residuals.reduce((a, r) => a + r * r, 0) };
  };
  const [uLo, uHi, cells] = [Math.log(1e-4), Math.log(50), 400];
  let [best, bestSse] = [uLo, Number.POSITIVE_INFINITY];
  for (let i = 0; i <= cells; i++) {
    const u = uLo + ((uHi - uLo) * i) / cells;
    const sse = fitAt(u).sse;
    if (sse < bestSse) [best, bestSse] = [u, sse];
  }
  let [a, b] = [best - (uHi - uLo) / cells, best + (uHi - uLo) / cells];
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 60; i++) {
    const [m1, m2] = [b - g * (b - a), a + g * (b - a)];
    if (fitAt(m1).sse < fitAt(m2).sse) b = m2;
    else a = m1;
  }
  const fit = fitAt((a + b) / 2);
  return { kappa: Math.exp(fit.lnKappa), vStar: Math.exp(fit.c), residuals: fit.residuals };
}

/** The law's median delay from T_mem, updated with the latest V: elapsed + ln(V_now/V*)/(2κηλ). */
function rawPredictor(group: FirstPassageGroup): RawPredictor {
  return (ctx: ForecastContext) => {
    const { config, visible, asOf, tMem } = ctx;
    if (isClamped(config)) return undefined;
    const vNow = latest(visible, "param_sq_norm")?.value;
    if (vNow === undefined || vNow <= 0) return undefined;
    const rate = 2 * group.kappa * config.lr * config.weightDecay;
    const remaining = rate > 0 ? Math.max(0, Math.log(vNow / group.vStar) / rate) : 1e9;
    return { anchor: tMem, logDelay: Math.log(Math.max(1, asOf - tMem + remaining)) };
  };
}

export function fitFirstPassage(runs: readonly FinishedRun[]): FirstPassageModel {
  const model: FirstPassageModel = { groups: {}, priors: {} };
  for (const key of new Set(runs.map((r) => groupOf(r.config)))) {
    const groupRuns = runs.filter((r) => groupOf(r.config) === key);
    const prior = priorOf(groupRuns);
    if (prior) model.priors[key] = prior;
    const samples = groupRuns.map(sampleOf).filter((s): s is Sample => s !== undefined);
    const fit = calibrateFirstPassage(samples);
    if (!fit) continue;
    const partial = { kappa: fit.kappa, vStar: fit.vStar, n: samples.length, spread: { bias: 0, sigma: 1, fitSigma: 1, n: 0 } };
    const freeRuns = groupRuns.filter((r) => !isClamped(r.config));
    model.groups[key] = { ...partial, spread: inSampleSpread(freeRuns, rawPredictor(partial), 2) };
  }
  return model;
}

export function firstPassageForecaster(model: FirstPassageModel): Forecaster {
  return {
    name: FIRST_PASSAGE,
    forecast(history, asOf) {
      const key = groupOf(history.config);
      const group = model.groups[key];
      const predict = (ctx: ForecastContext) => {
        const raw = group && rawPredictor(group)(ctx);
        return raw && withSpread(raw, group.spread, ctx.asOf);
      };
      return frameForecast(FIRST_PASSAGE, history, asOf, predict, model.priors[key]);
    },
  };
}

export const firstPassageMethod: ForecastMethod = { name: FIRST_PASSAGE, fit: (runs) => firstPassageForecaster(fitFirstPassage(runs)) };
export { sampleOf as firstPassageSample };
