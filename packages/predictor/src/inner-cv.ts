import type { RunConfig } from "@grokscope/spec";
import { backtest } from "./backtest.ts";
import type { BacktestRecord } from "./metrics-summary.ts";
import type { FinishedRun, ForecastMethod } from "./types.ts";

/**
 * Out-of-fold forecasts of every candidate on the given (training) runs, at the backtest's lead
 * fractions: k folds of runs, each run forecast by candidates fitted on the other folds only.
 * Folds are by run, not by sweep: a selector or blend is fitted on a registry and then forecasts a
 * running run whose sweep siblings may well be in it, so that is the case its scores must mimic
 * (holding a whole sweep out can remove every run of a cell, e.g. all clamped runs at one p).
 * The caller's own outer hold-out is untouched: only its training runs ever come here.
 */
export function outOfFoldRecords(runs: readonly FinishedRun[], candidates: readonly ForecastMethod[], folds = 5): BacktestRecord[] {
  const k = Math.max(2, Math.min(folds, runs.length));
  // A fold label per run, passed as its "sweep" so the backtest holds each fold out at once.
  const relabelled = runs.map((r, i) => ({ ...r, sweepId: `fold:${i % k}` }));
  return backtest(relabelled, { methods: candidates, holdOut: "sweep" }).records;
}

/** Records per key (e.g. regime); undefined for a key with fewer than minRuns grokked runs, too few to decide on their own. */
export function recordsByKey(runs: readonly FinishedRun[], records: readonly BacktestRecord[], keyOf: (config: RunConfig) => string, minRuns: number): Map<string, BacktestRecord[] | undefined> {
  const keyOfRun = new Map(runs.map((r) => [r.id, keyOf(r.config)]));
  const out = new Map<string, BacktestRecord[] | undefined>();
  for (const key of new Set(keyOfRun.values())) {
    const subset = records.filter((r) => keyOfRun.get(r.runId) === key);
    const grokkedRuns = new Set(subset.filter((r) => r.actual !== null).map((r) => r.runId));
    out.set(key, grokkedRuns.size >= minRuns ? subset : undefined);
  }
  return out;
}
