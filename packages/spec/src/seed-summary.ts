/**
 * A multi-seed run's summary (SCIENCE.md §6): medians over seeds, with seeds that never reached
 * the threshold treated as censored (+∞), not as zero or as missing. The median is therefore
 * defined only when more than half of the seeds have the event; otherwise it is undefined
 * ("did not grok within budget"), and `grokked` says how many did.
 */
export interface SeedOutcome {
  tMem?: number;
  tGrok?: number;
  logitScaleAtGrok?: number;
  finalTrainAcc?: number;
  finalTestAcc?: number;
}

export interface SeedsSummary {
  seeds: number;
  /** Seeds whose test accuracy reached 0.90 (T_grok recorded). */
  grokked: number;
  /** Seeds whose train accuracy reached 0.99. */
  memorised: number;
  tMem?: number;
  tGrok?: number;
  /** Median over grokked seeds of T_grok − T_mem; undefined unless the cell groks (majority). */
  delay?: number;
  logitScaleAtGrok?: number;
  finalTrainAcc?: number;
  finalTestAcc?: number;
}

/** Median of values where `undefined` means censored (+∞); undefined when the median is censored. */
export function censoredMedian(values: readonly (number | undefined)[]): number | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const sorted = values.map((v) => v ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Number.isFinite(median) ? median : undefined;
}

/** Plain median of the defined values; undefined when there are none. */
export function median(values: readonly (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return defined.length === 0 ? undefined : censoredMedian(defined);
}

export function summarizeSeeds(outcomes: readonly SeedOutcome[]): SeedsSummary {
  const grokked = outcomes.filter((o) => o.tGrok !== undefined).length;
  const groks = grokked * 2 > outcomes.length;
  const delays = outcomes.map((o) => (o.tGrok !== undefined && o.tMem !== undefined ? o.tGrok - o.tMem : undefined));
  return {
    seeds: outcomes.length,
    grokked,
    memorised: outcomes.filter((o) => o.tMem !== undefined).length,
    tMem: censoredMedian(outcomes.map((o) => o.tMem)),
    tGrok: censoredMedian(outcomes.map((o) => o.tGrok)),
    delay: groks ? censoredMedian(delays) : undefined,
    logitScaleAtGrok: groks ? median(outcomes.map((o) => o.logitScaleAtGrok)) : undefined,
    finalTrainAcc: median(outcomes.map((o) => o.finalTrainAcc)),
    finalTestAcc: median(outcomes.map((o) => o.finalTestAcc)),
  };
}
