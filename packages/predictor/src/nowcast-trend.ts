import { GROKKED_TEST_ACC } from "@grokscope/spec";
import { NOWCAST_RISE, series } from "./history.ts";
import { MIN_SIGMA, type DelayDistribution } from "./predictive.ts";
import { leastSquares, mean } from "./stats.ts";
import type { HistoryPoint } from "./types.ts";

/** At most this many of the latest readings of the climb are fitted: its recent slope is what counts. */
const CLIMB_READINGS = 8;
const logit = (p: number) => {
  const q = Math.min(Math.max(p, 1e-3), 1 - 1e-3);
  return Math.log(q / (1 - q));
};

/**
 * A nowcast from the climb itself. Once test accuracy has started rising (history.ts isNowcast),
 * its way to 0.90 is close to logistic in steps, so logit(test_acc) is close to a straight line:
 * fit that line to the climb's readings so far (from the last reading at the pre-grokking floor
 * on, at most the last CLIMB_READINGS) and solve for logit(0.90). The laws (first passage, logit
 * scale, learned) forecast from the state at memorisation and keep doing so once the climb is
 * visible; this reads the climb. Spread: the slope's relative standard error (the remaining time
 * scales as 1/slope), never under MIN_SIGMA.
 * Undefined while the climb has fewer than three readings or is not rising.
 */
export function trendNowcast(visible: readonly HistoryPoint[], asOf: number): DelayDistribution | undefined {
  const acc = series(visible, "test_acc");
  if (acc.length < 3) return undefined;
  const floor = Math.min(...acc.map((r) => r.value));
  // The climb starts after the last reading still at the floor (within a quarter of the rise).
  const top = acc.at(-1)!.value;
  if (top - floor < NOWCAST_RISE) return undefined; // no climb yet, only noise over the floor
  let start = acc.length - 1;
  while (start > 0 && acc[start - 1]!.value > floor + 0.25 * (top - floor)) start--;
  const climb = acc.slice(Math.max(start, acc.length - CLIMB_READINGS));
  if (climb.length < 3) return undefined;
  const x = climb.map((r) => r.step - asOf);
  const y = climb.map((r) => logit(r.value));
  const [intercept, slope] = leastSquares(x.map((v) => [1, v]), y);
  if (slope === undefined || intercept === undefined || !(slope > 0)) return undefined;
  const remaining = (logit(GROKKED_TEST_ACC) - intercept) / slope;
  if (!Number.isFinite(remaining)) return undefined;
  // Relative standard error of the slope: the remaining time scales as 1/slope.
  const n = climb.length;
  const residuals = y.map((v, i) => v - (intercept + slope * x[i]!));
  const meanX = mean(x);
  const sxx = x.reduce((a, v) => a + (v - meanX) ** 2, 0);
  const s2 = n > 2 ? residuals.reduce((a, r) => a + r * r, 0) / (n - 2) : 0;
  const relativeSe = sxx > 0 ? Math.sqrt(s2 / sxx) / slope : 1;
  const sigma = Math.max(MIN_SIGMA, Math.min(1, relativeSe));
  // Already past 0.90 by the line (but not by a reading): the next evaluation is the best guess.
  const delay = Math.max(remaining, 1);
  return { anchor: asOf, logDelay: Math.log(delay), sigma };
}
