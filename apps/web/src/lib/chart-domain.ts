/** Pure scale math for the run charts: domains that survive NaN/∞, empty series and log scales. */
export type Domain = readonly [number, number];

/** [min, max] over the finite values (NaN and ±∞ are ignored); null when there are none. */
export function finiteExtent(values: Iterable<number>, accept: (v: number) => boolean = () => true): Domain | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || !accept(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * A linear y domain around the finite values, padded by `pad` of its span. A flat series gets a
 * band around its value so the line sits mid-chart instead of on an axis.
 */
export function linearDomain(values: Iterable<number>, options: { pad?: number; fallback?: Domain; includeZero?: boolean } = {}): Domain {
  const { pad = 0.05, fallback = [0, 1], includeZero = false } = options;
  const extent = finiteExtent(values);
  if (!extent) return fallback;
  let [lo, hi] = extent;
  if (includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (lo === hi) {
    const half = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - half, hi + half];
  }
  const margin = (hi - lo) * pad;
  return [includeZero && lo === 0 ? 0 : lo - margin, hi + margin];
}

/**
 * A log y domain snapped outwards to whole decades, over the strictly positive finite values only
 * (zero or negative losses cannot be drawn on a log axis). At least one decade wide.
 */
export function logDomain(values: Iterable<number>, fallback: Domain = [1e-3, 1]): Domain {
  const extent = finiteExtent(values, (v) => v > 0);
  if (!extent) return fallback;
  const lo = Math.floor(Math.log10(extent[0]));
  let hi = Math.ceil(Math.log10(extent[1]));
  if (hi <= lo) hi = lo + 1;
  return [10 ** lo, 10 ** hi];
}

/** Decade ticks (1e-3, 1e-2, …) inside a log domain, thinned to at most `maxTicks`. */
export function logTicks(domain: Domain, maxTicks = 6): number[] {
  const [lo, hi] = domain;
  if (!(lo > 0) || !(hi > lo) || !Number.isFinite(hi)) return [];
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  const count = last - first + 1;
  const every = Math.max(1, Math.ceil(count / Math.max(1, maxTicks)));
  const ticks: number[] = [];
  for (let e = first; e <= last; e += every) ticks.push(10 ** e);
  return ticks;
}

/** How many ticks fit along an axis of `pixels` with about `spacing` px between labels (2–10). */
export function tickCount(pixels: number, spacing = 80): number {
  if (!Number.isFinite(pixels) || pixels <= 0) return 2;
  return Math.min(10, Math.max(2, Math.floor(pixels / spacing)));
}

/**
 * The x (step) domain: the whole step budget, so curves visibly grow across the chart while a
 * run trains, widened if points ever run past the budget.
 */
export function stepDomain(stepsTotal: number, lastStep: number | undefined): Domain {
  const budget = Number.isFinite(stepsTotal) && stepsTotal > 0 ? stepsTotal : 1;
  const last = lastStep !== undefined && Number.isFinite(lastStep) ? lastStep : 0;
  return [0, Math.max(budget, last)];
}
