/**
 * Bucketing of metric series, done in JS on packed points fetched in one statement per key
 * (series.ts). Equal-width buckets in step (linear) or in ln(step + 1) (log, for log-x plots
 * where early training would otherwise be one bucket); per bucket its min, max, mean and last
 * value, so a one-evaluation spike survives as a bucket's max. Comparisons follow PostgreSQL's
 * float order, where NaN is greater than every number, as the SQL bucketing this replaced did.
 */
export interface SeedPoints {
  /** The seed, or -1 for a series that combines seeds step by step. */
  seed: number;
  /** Ascending steps and their values, index by index. */
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface SeriesBucket {
  /** First and last step of the points in the bucket (equal for a raw point). */
  fromStep: number;
  toStep: number;
  min: number;
  max: number;
  mean: number;
  /** Value at toStep. */
  last: number;
  count: number;
}

export interface BucketedPoints {
  seed: number;
  /** True when no seed had more points than buckets, so every point is its own bucket. */
  raw: boolean;
  buckets: SeriesBucket[];
}

/** PostgreSQL's float order: NaN above every number (JS comparisons with NaN are all false). */
const greater = (a: number, b: number) => (Number.isNaN(a) ? !Number.isNaN(b) : a > b);

/**
 * Cuts every seed's points into at most `n` buckets over the same step range (the union of the
 * seeds' ranges), so seeds line up bucket for bucket. Empty buckets are left out.
 */
export function bucketPoints(seeds: readonly SeedPoints[], n: number, xScale: "linear" | "log"): BucketedPoints[] {
  const present = seeds.filter((s) => s.steps.length > 0);
  if (present.length === 0) return [];
  const lo = Math.min(...present.map((s) => s.steps[0]!));
  const hi = Math.max(...present.map((s) => s.steps[s.steps.length - 1]!));
  const raw = Math.max(...present.map((s) => s.steps.length)) <= n;
  const lnLo = Math.log(lo + 1);
  const lnSpan = Math.max(Math.log(hi + 1) - lnLo, 1e-12);
  // Integer arithmetic for linear edges, exact for any step (products stay far below 2^53).
  const bucketOf = raw
    ? (_step: number, i: number) => i
    : xScale === "log"
      ? (step: number) => Math.min(Math.floor(((Math.log(step + 1) - lnLo) / lnSpan) * n), n - 1)
      : (step: number) => Math.min(Math.floor(((step - lo) * n) / Math.max(hi - lo, 1)), n - 1);

  return present.map(({ seed, steps, values }) => {
    const buckets: SeriesBucket[] = [];
    let current: (SeriesBucket & { index: number; sum: number }) | undefined;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const v = values[i]!;
      const index = bucketOf(step, i);
      // Steps ascend, so a bucket's points are consecutive and buckets come out ordered.
      if (!current || current.index !== index) {
        if (current) buckets.push(finish(current));
        current = { index, fromStep: step, toStep: step, min: v, max: v, mean: v, last: v, count: 0, sum: 0 };
      }
      current.toStep = step;
      current.last = v;
      current.sum += v;
      current.count++;
      if (greater(current.min, v)) current.min = v;
      if (greater(v, current.max)) current.max = v;
    }
    if (current) buckets.push(finish(current));
    return { seed, raw, buckets };
  });
}

const finish = ({ fromStep, toStep, min, max, last, count, sum }: SeriesBucket & { sum: number }): SeriesBucket => ({ fromStep, toStep, min, max, mean: sum / count, last, count });

/**
 * readSeries' downsampling: fixed-width step buckets from `lo`, each giving its last step and
 * value with the bucket's min and max (width 1 returns every point).
 */
export function downsampleLast(steps: ArrayLike<number>, values: ArrayLike<number>, lo: number, width: number): { step: number; value: number; min: number; max: number }[] {
  const out: { step: number; value: number; min: number; max: number }[] = [];
  let index = Number.NaN;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const v = values[i]!;
    const b = Math.floor((step - lo) / width);
    const current = out[out.length - 1];
    if (b !== index || !current) {
      index = b;
      out.push({ step, value: v, min: v, max: v });
      continue;
    }
    current.step = step;
    current.value = v;
    if (greater(current.min, v)) current.min = v;
    if (greater(v, current.max)) current.max = v;
  }
  return out;
}
