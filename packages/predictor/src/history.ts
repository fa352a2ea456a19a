import { GROKKED_TEST_ACC, MEMORISED_TRAIN_ACC, censoredMedian, type MetricKey } from "@grokscope/spec";
import { leastSquares, medianOf } from "./stats.ts";
import type { CorpusRun, FinishedRun, HistoryPoint, RunHistory } from "./types.ts";

/** The readings a forecast at `asOf` may use: step ≤ asOf, in step order. */
export function truncate(points: readonly HistoryPoint[], asOf: number): HistoryPoint[] {
  return points.filter((p) => p.step <= asOf).sort((a, b) => a.step - b.step);
}

/** (step, value) pairs of one metric, skipping readings that lack it or are not finite. */
export function series(points: readonly HistoryPoint[], key: MetricKey): { step: number; value: number }[] {
  const out: { step: number; value: number }[] = [];
  for (const p of points) {
    const v = p.metrics[key];
    if (v !== undefined && Number.isFinite(v)) out.push({ step: p.step, value: v });
  }
  return out;
}

export function latest(points: readonly HistoryPoint[], key: MetricKey): { step: number; value: number } | undefined {
  return series(points, key).at(-1);
}

/** First step at which `key` reaches `threshold` (SCIENCE.md §6 events), or undefined. */
export function firstStepAtLeast(points: readonly HistoryPoint[], key: MetricKey, threshold: number): number | undefined {
  return series(points, key).find((r) => r.value >= threshold)?.step;
}

/** T_mem as known at asOf: the caller's value if it is not in the future, else detected from readings. */
export function tMemAsOf(history: RunHistory, visible: readonly HistoryPoint[], asOf: number): number | undefined {
  if (history.tMem !== undefined && history.tMem <= asOf) return history.tMem;
  return firstStepAtLeast(visible, "train_acc", MEMORISED_TRAIN_ACC);
}

/** T_grok if it has already been observed by asOf (test_acc ≥ 0.90), else undefined. */
export function observedTGrok(visible: readonly HistoryPoint[]): number | undefined {
  return firstStepAtLeast(visible, "test_acc", GROKKED_TEST_ACC);
}

/**
 * Nowcast rule (SCIENCE.md §8 "test accuracy has started rising"): the median of the last three
 * test_acc readings is at least 0.10 above the lowest test_acc reading so far. The median of three
 * ignores a single noisy spike; 0.10 is far above the pre-grokking noise floor (chance is 1/p).
 */
export const NOWCAST_RISE = 0.1;
export function isNowcast(visible: readonly HistoryPoint[]): boolean {
  const acc = series(visible, "test_acc").map((r) => r.value);
  if (acc.length === 0) return false;
  return medianOf(acc.slice(-3)) >= Math.min(...acc) + NOWCAST_RISE;
}

/**
 * Slope per step of ln(metric) over the readings in [from, to] (least squares), or undefined with
 * fewer than three positive readings. Used to extrapolate decays that are exponential in steps.
 */
export function logSlope(points: readonly HistoryPoint[], key: MetricKey, from: number, to: number): number | undefined {
  const rows = series(points, key).filter((r) => r.step >= from && r.step <= to && r.value > 0);
  if (rows.length < 3 || rows[0]!.step === rows.at(-1)!.step) return undefined;
  const [, slope] = leastSquares(
    rows.map((r) => [1, r.step - to]),
    rows.map((r) => Math.log(r.value)),
  );
  return slope;
}

/** Per-step median over seeds of every metric (the run-level history the registry summarises). */
export function medianHistory(seeds: readonly { points: readonly HistoryPoint[] }[]): HistoryPoint[] {
  const byStep = new Map<number, Map<MetricKey, number[]>>();
  for (const seed of seeds) {
    for (const p of seed.points) {
      const metrics = byStep.get(p.step) ?? new Map<MetricKey, number[]>();
      byStep.set(p.step, metrics);
      for (const [key, value] of Object.entries(p.metrics) as [MetricKey, number][]) {
        if (!Number.isFinite(value)) continue;
        const values = metrics.get(key) ?? [];
        values.push(value);
        metrics.set(key, values);
      }
    }
  }
  return [...byStep.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([step, metrics]) => ({ step, metrics: Object.fromEntries([...metrics].map(([k, vs]) => [k, medianOf(vs)])) }));
}

/** A corpus run as one finished run: median history, censored medians of T_mem and T_grok over seeds. */
export function finishedRunOf(run: CorpusRun): FinishedRun {
  const tMem = censoredMedian(run.seeds.map((s) => s.tMem ?? firstStepAtLeast(s.points, "train_acc", MEMORISED_TRAIN_ACC)));
  const tGrok = censoredMedian(run.seeds.map((s) => s.tGrok ?? observedTGrok(s.points)));
  return {
    id: run.id,
    ...(run.sweepId !== undefined ? { sweepId: run.sweepId } : {}),
    config: run.config,
    points: medianHistory(run.seeds),
    ...(tMem !== undefined ? { tMem } : {}),
    ...(tGrok !== undefined ? { tGrok } : {}),
  };
}
