import { readFinishedRuns, type Db } from "@grokscope/db";
import { CORPUS_METRICS, defaultForecastMethod, finishedRunOf, type Forecaster, type Tf } from "@grokscope/predictor";

/** A forecaster fitted on the registry, or undefined when there was nothing to learn from. */
export interface FittedForecaster {
  forecaster: Forecaster | undefined;
  /** Finished runs it was fitted on. */
  runs: number;
}

/**
 * Fitted models are shared by every run this process trains for a few minutes: a sweep starts
 * many runs at once, and refitting per run would re-read the registry each time for a model
 * that a handful of newly finished runs barely moves.
 */
export const FORECASTER_TTL_MS = 5 * 60_000;
/** Newest finished runs a fit reads: bounds a run start's cost on a large registry. */
const MAX_FIT_RUNS = 300;

interface CacheEntry {
  at: number;
  fitted: Promise<FittedForecaster>;
}
// Keyed per database handle and per method variant (with or without the learned network).
const cache = new WeakMap<Db, Map<string, CacheEntry>>();

async function fit(db: Db, tf: Tf | undefined): Promise<FittedForecaster> {
  const { runs } = await readFinishedRuns(db, { maxRuns: MAX_FIT_RUNS, metrics: CORPUS_METRICS });
  if (runs.length === 0) return { forecaster: undefined, runs: 0 };
  return { forecaster: defaultForecastMethod(tf).fit(runs.map(finishedRunOf)), runs: runs.length };
}

/** The registry's fitted forecaster, reused while younger than FORECASTER_TTL_MS; a failed fit is not cached. */
export function registryForecaster(db: Db, options: { tf?: Tf; now?: () => number } = {}): Promise<FittedForecaster> {
  const now = options.now ?? Date.now;
  const key = options.tf ? "learned" : "laws";
  const entries = cache.get(db) ?? new Map<string, CacheEntry>();
  cache.set(db, entries);
  const hit = entries.get(key);
  if (hit && now() - hit.at < FORECASTER_TTL_MS) return hit.fitted;
  const fitted = fit(db, options.tf);
  entries.set(key, { at: now(), fitted });
  fitted.catch(() => entries.get(key)?.fitted === fitted && entries.delete(key));
  return fitted;
}

/** Forgets fitted models (tests that change the registry between runs). */
export function clearForecasterCache(db: Db): void {
  cache.delete(db);
}
