import { mean, normalCdf, normalQuantile, quantilesOf, sampleSd } from "./stats.ts";

/**
 * The predictive distribution every forecaster reports through: T_grok = anchor + D with
 * ln D ~ Normal(logDelay, sigma). Delays are positive and their errors multiplicative (a law that
 * is 20 % off is 20 % off at any scale), hence log-normal. The forecast is conditioned on the run
 * not having grokked by the forecast step, so the interval never lies in the observed past.
 */
export interface DelayDistribution {
  anchor: number;
  logDelay: number;
  sigma: number;
}

export interface PredictiveSummary {
  tGrok: number | null;
  low: number | null;
  high: number | null;
  probability: number;
}

/** z of the 10 % / 90 % quantiles: the 80 % interval. */
export const Z80 = normalQuantile(0.9);

export function summarizeDelay(dist: DelayDistribution, asOf: number, budget: number): PredictiveSummary {
  const zOf = (t: number) => (t <= dist.anchor ? Number.NEGATIVE_INFINITY : (Math.log(t - dist.anchor) - dist.logDelay) / dist.sigma);
  // P(T ≤ asOf) under the unconditioned law; capped so a run "overdue" by the law still gets a
  // finite, imminent forecast instead of a division by zero.
  const pPast = Math.min(normalCdf(zOf(asOf)), 1 - 1e-6);
  const quantile = (q: number) => {
    const t = dist.anchor + Math.exp(dist.logDelay + dist.sigma * normalQuantile(pPast + q * (1 - pPast)));
    return Math.max(asOf, Math.round(t));
  };
  const probability = budget <= asOf ? 0 : Math.max(0, Math.min(1, (normalCdf(zOf(budget)) - pPast) / (1 - pPast)));
  // The median lies within the budget exactly when probability ≥ 0.5: "null when unlikely".
  if (probability < 0.5) return { tGrok: null, low: null, high: null, probability };
  return { tGrok: quantile(0.5), low: quantile(0.1), high: quantile(1 - 0.1), probability };
}

/** Location/scale of log residuals ln(actual delay / predicted delay), for intervals. */
export interface ResidualSpread {
  bias: number;
  sigma: number;
  /** σ before the MIN_SIGMA floor, for comparing fits that both beat it. */
  fitSigma: number;
  n: number;
}

/** Smallest σ an interval may claim: measurement steps alone (evalEvery) make 5 % errors common. */
export const MIN_SIGMA = 0.05;
/** σ used when there are too few residuals to estimate one (roughly a factor 2 either way at 80 %). */
export const DEFAULT_SIGMA = 0.55;

/**
 * Bias and spread of in-sample residuals, the spread inflated by √((n+1)/(n−k)) — the classical
 * prediction-interval factor for a fit with k parameters — because in-sample residuals understate
 * the error on a new run.
 */
export function residualSpread(residuals: readonly number[], parameters: number): ResidualSpread {
  const r = residuals.filter(Number.isFinite);
  const n = r.length;
  if (n - parameters < 2) return { bias: 0, sigma: DEFAULT_SIGMA, fitSigma: DEFAULT_SIGMA, n };
  const sigma = sampleSd(r) * Math.sqrt((n + 1) / (n - parameters));
  return { bias: mean(r), sigma: Math.max(MIN_SIGMA, sigma), fitSigma: sigma, n };
}

/**
 * Bias and spread read off the residuals' own 10 / 50 / 90 % quantiles rather than their mean and
 * sd: where residuals are many but heavy-tailed (a few bad stretches of many readings each), the
 * sd overstates the 80 % band, and the median is the point that minimises absolute error.
 */
export function quantileSpread(residuals: readonly number[]): ResidualSpread {
  const r = residuals.filter(Number.isFinite);
  const [q10, median, q90] = quantilesOf(r, [0.1, 0.5, 0.9]) as [number, number, number];
  const sigma = (q90 - q10) / (2 * Z80);
  return { bias: median, sigma: Math.max(MIN_SIGMA, sigma), fitSigma: sigma, n: r.length };
}
