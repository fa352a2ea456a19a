import { isFiniteNumber, medianIqr } from "./stats.ts";
import type { MetricPoint, MetricSeries } from "./types.ts";

/**
 * How a multi-seed run draws each metric: one median line with the interquartile band of the
 * seeds behind it (the default; the paper reports medians over seeds), or one line per seed.
 */
export type SeedMode = "median" | "each";

/** The seeds of one key, ordered by seed index. */
export const seedsOfKey = (series: readonly MetricSeries[], key: string) =>
  series.filter((s) => s.key === key).sort((a, b) => a.seed - b.seed);

/**
 * Step-by-step median over seeds with the IQR as the point's [min, max] band. Seeds are evaluated
 * at the same steps, so points line up by step; a step that only some seeds have reached yet
 * (a live run's last flush) uses the seeds that have it.
 */
export function medianOverSeeds(seeds: readonly MetricSeries[]): MetricPoint[] {
  const byStep = new Map<number, number[]>();
  for (const s of seeds) {
    for (const p of s.points) {
      const { value } = p;
      if (!isFiniteNumber(value)) continue;
      const values = byStep.get(p.step);
      if (values) values.push(value);
      else byStep.set(p.step, [value]);
    }
  }
  return [...byStep.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([step, values]) => {
      const spread = medianIqr(values);
      return spread ? [{ step, value: spread.median, min: spread.q1, max: spread.q3 }] : [];
    });
}
