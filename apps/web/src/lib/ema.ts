/**
 * Exponential moving average for display smoothing, as TensorBoard's scalar dashboard does it:
 * `s_i = w·s_{i−1} + (1−w)·v_i`, debiased by `1 − w^(i+1)` so the first points are not dragged
 * towards zero (the same zero-debias as Adam's moment estimates, Kingma & Ba 2014 §3).
 * The weight is per point, not per step: the API's buckets are near-uniform in step, so this is
 * close enough for display. Non-finite values are passed through and do not disturb the average.
 */
export const MAX_SMOOTHING = 0.99;

export function clampSmoothing(weight: number): number {
  if (!Number.isFinite(weight) || weight <= 0) return 0;
  return Math.min(MAX_SMOOTHING, weight);
}

export function emaSmooth(values: readonly number[], weight: number): number[] {
  const w = clampSmoothing(weight);
  if (w === 0) return [...values];
  let last = 0;
  let n = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    n += 1;
    return last / (1 - w ** n);
  });
}
