import type { BacktestRecord } from "./metrics-summary.ts";
import type { Forecast } from "./types.ts";

/**
 * Combining forecasters (the selector's "blend" mode): a weighted mean of their forecasts in
 * ln T_grok space, with weights and interval width learned from out-of-fold forecasts on the
 * training runs (inner-cv.ts), never from the run being forecast.
 *
 * Weights: stacking (Breiman 1996) — the point on the simplex that minimises the out-of-fold mean
 * squared log error of the blend. Unlike weights ∝ 1/error it gives a clearly worse candidate
 * nothing (it would only add its errors) and reduces to picking one when one dominates; unlike
 * picking it averages out errors of candidates that are about as good but err differently.
 */

/** Log error ln(T̂ / T) of a record, or undefined where there is nothing to score. */
export function logError(r: BacktestRecord): number | undefined {
  return r.actual === null || r.forecast.tGrok === null || r.forecast.tGrok <= 0 ? undefined : Math.log(r.forecast.tGrok / r.actual);
}

/** Every way to split n units over k candidates (the simplex grid in units of 1/n). */
function compositions(k: number, n: number): number[][] {
  if (k === 1) return [[n]];
  const out: number[][] = [];
  for (let i = 0; i <= n; i++) for (const rest of compositions(k - 1, n - i)) out.push([i, ...rest]);
  return out;
}

/**
 * Weights minimising mean((Σ w_c e_c)²) over rows of log errors (one column per candidate), on a
 * grid of 1/steps; ties keep the earlier grid point, so equal candidates share equally only when
 * that is strictly better. Undefined without rows.
 */
export function stackWeights(errors: readonly (readonly number[])[], steps = 20): number[] | undefined {
  const k = errors[0]?.length ?? 0;
  if (errors.length === 0 || k === 0) return undefined;
  let best: { w: number[]; loss: number } | undefined;
  for (const units of compositions(k, steps)) {
    const w = units.map((u) => u / steps);
    const loss = errors.reduce((s, e) => s + e.reduce((a, x, c) => a + w[c]! * x, 0) ** 2, 0) / errors.length;
    if (!best || loss < best.loss - 1e-12) best = { w, loss };
  }
  return best!.w;
}

/**
 * Weighted geometric mean of forecasts made at the same step (ln T_grok space): point and both
 * interval ends, over the candidates with a point forecast (weights renormalised); probability is
 * the weighted mean over all. Null when the blended probability of grokking in budget is < ½.
 */
export function blendForecasts(forecasts: readonly Forecast[], weights: readonly number[], name: string): Forecast {
  const total = weights.reduce((a, b) => a + b, 0);
  const probability = forecasts.reduce((s, f, i) => s + (weights[i]! / total) * f.probability, 0);
  const base = { probability, forecaster: name, step: forecasts[0]!.step, nowcast: forecasts.some((f) => f.nowcast) };
  const live = forecasts.map((f, i) => ({ f, w: weights[i]! })).filter(({ f, w }) => w > 0 && f.tGrok !== null && f.low !== null && f.high !== null);
  const liveTotal = live.reduce((a, { w }) => a + w, 0);
  if (probability < 0.5 || liveTotal <= 0) return { ...base, tGrok: null, low: null, high: null };
  const mean = (pick: (f: Forecast) => number) => Math.exp(live.reduce((s, { f, w }) => s + (w / liveTotal) * Math.log(Math.max(pick(f), 1)), 0));
  return { ...base, tGrok: Math.round(mean((f) => f.tGrok!)), low: Math.round(mean((f) => f.low!)), high: Math.round(mean((f) => f.high!)) };
}

/**
 * The interval ends moved by a factor s in ln T_grok around the point (s > 1 widens), the low end
 * never before the forecast step (the run has not grokked by then).
 */
export function scaleInterval(f: Forecast, s: number): Forecast {
  if (f.tGrok === null || f.low === null || f.high === null || s === 1) return f;
  const lnT = Math.log(f.tGrok);
  const low = Math.max(f.step, Math.round(Math.exp(lnT - s * (lnT - Math.log(f.low)))));
  const high = Math.round(Math.exp(lnT + s * (Math.log(f.high) - lnT)));
  return { ...f, low: Math.min(low, f.tGrok), high: Math.max(high, f.tGrok) };
}

/**
 * Split-conformal width factor for 80 % coverage: for each out-of-fold forecast of a run that
 * grokked, the smallest s whose scaled interval holds the outcome; the answer is the
 * ⌈0.8·(n + 1)⌉-th smallest. 1 (leave the width alone) with fewer than 10 such forecasts.
 */
export function conformalScale(forecasts: readonly { forecast: Forecast; actual: number | null }[], coverage = 0.8): number {
  const needed: number[] = [];
  for (const { forecast: f, actual } of forecasts) {
    if (actual === null || f.tGrok === null || f.low === null || f.high === null) continue;
    const [lnT, lnA] = [Math.log(f.tGrok), Math.log(actual)];
    const half = lnA >= lnT ? Math.log(f.high) - lnT : lnT - Math.log(f.low);
    if (Math.abs(lnA - lnT) < 1e-12) needed.push(0);
    else if (half > 1e-9) needed.push(Math.abs(lnA - lnT) / half);
    // A degenerate side (low clamped to the forecast step, or an observed T_grok) cannot be scaled: skipped.
  }
  if (needed.length < 10) return 1;
  needed.sort((a, b) => a - b);
  return needed[Math.min(needed.length - 1, Math.ceil(coverage * (needed.length + 1)) - 1)]!;
}
