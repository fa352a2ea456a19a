/**
 * Small statistics for the sweep views: quantiles (for median + IQR bands over seeds) and the
 * ordinary least-squares line with R² (for the paper's collapse plot, ln T_grok vs logit scale).
 */

/** Quantile q ∈ [0, 1] of finite values by linear interpolation (type 7, R's default); null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface Spread {
  median: number;
  q1: number;
  q3: number;
}

/** Median with the interquartile range; null when there are no finite values. */
export function medianIqr(values: readonly number[]): Spread | null {
  const median = quantile(values, 0.5);
  if (median == null) return null;
  return { median, q1: quantile(values, 0.25)!, q3: quantile(values, 0.75)! };
}

export interface LineFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination, 1 − SS_res / SS_tot. */
  r2: number;
  n: number;
}

/** Ordinary least squares y = intercept + slope·x over finite pairs; null below 2 distinct x. */
export function fitLine(points: readonly { x: number; y: number }[]): LineFit | null {
  const pts = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const n = pts.length;
  if (n < 2) return null;
  const mx = pts.reduce((s, p) => s + p.x, 0) / n;
  const my = pts.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of pts) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
    syy += (p.y - my) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssRes = pts.reduce((s, p) => s + (p.y - (intercept + slope * p.x)) ** 2, 0);
  // All y equal: the line explains everything there is to explain.
  const r2 = syy === 0 ? 1 : 1 - ssRes / syy;
  return { slope, intercept, r2, n };
}

/** A finite number (not null, NaN or ±Infinity: the API sends a diverged run's values as null). */
export const isFiniteNumber = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);
