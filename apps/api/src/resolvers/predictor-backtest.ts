import { readFinishedRuns, type Db, type RunFilter } from "@grokscope/db";
import {
  backtestSteps,
  configOnsetMethod,
  CORPUS_METRICS,
  defaultForecastMethod,
  finishedRunOf,
  firstPassageMethod,
  holdOutMode,
  logitScaleMethod,
  type BacktestRecord,
  type BacktestRow,
  type FinishedRun,
  type Forecaster,
} from "@grokscope/predictor";

/**
 * Forecasters fitted on the registry, and backtests over it, for the API. The predictor is pure
 * (no I/O); runs come from packages/db. The learned (tfjs) forecaster is left out here: the API
 * loads no tfjs backend, and its fit trains ~25 networks per call.
 */

/**
 * Newest finished runs a fit or backtest reads: bounds the CPU one request can cost. Measured on
 * the synthetic corpus: one selector fit takes ~1.5 s on 100 runs and ~3 s on 300 (2 shared cores).
 */
export const MAX_REPORT_RUNS = 200;
/** More held-out groups than this are merged into this many folds (each fold is one fit per forecaster). */
export const MAX_FOLDS = 20;
/** Fits and reports are reused this long: finished runs arrive minutes apart, and a backtest costs seconds to a minute. */
const TTL_MS = 10 * 60_000;
/** Between fits the backtest yields, so other requests and subscriptions keep being served. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Promise memo with expiry, per database handle. A rejected promise, or a value `keep` refuses
 * (e.g. "no finished runs yet"), is dropped so the next call computes afresh.
 */
function memo<T>(compute: (db: Db, key: string) => Promise<T>, keep: (value: T) => boolean = () => true) {
  const caches = new WeakMap<Db, Map<string, { at: number; value: Promise<T> }>>();
  return (db: Db, key: string): Promise<T> => {
    const cache = caches.get(db) ?? new Map<string, { at: number; value: Promise<T> }>();
    caches.set(db, cache);
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = compute(db, key);
    cache.set(key, { at: Date.now(), value });
    const drop = () => cache.get(key)?.value === value && cache.delete(key);
    value.then((v) => keep(v) || drop(), drop);
    return value;
  };
}

async function finishedRuns(db: Db, filter: RunFilter | undefined): Promise<(FinishedRun & { name: string })[]> {
  const { runs } = await readFinishedRuns(db, { maxRuns: MAX_REPORT_RUNS, metrics: CORPUS_METRICS, ...(filter ? { filter } : {}) });
  return runs.map((r) => ({ ...finishedRunOf(r), name: r.name }));
}

/**
 * The forecaster predictOnset uses, fitted on every finished run; undefined when there are none.
 * Before training there are no readings, so the laws could only offer their group's flat prior:
 * the config regression (predictor config-onset.ts) says the same per config.
 */
export const registryForecaster = memo(async (db): Promise<Forecaster | undefined> => {
  const runs = await finishedRuns(db, undefined);
  return runs.length === 0 ? undefined : configOnsetMethod.fit(runs);
}, (forecaster) => forecaster !== undefined);

export type HoldOut = "RUN" | "SWEEP" | "K_FOLD";

/**
 * Leave-one-run-out (or sweep-out) as the predictor's backtest does it, except that more than
 * MAX_FOLDS groups are dealt round-robin into MAX_FOLDS folds: the cost is one fit per fold and
 * forecaster, and the selector's own fit is a cross-validation, so one fit per run of a
 * 200-run registry would take minutes.
 */
export function foldsOf(runs: readonly FinishedRun[]): { runs: FinishedRun[]; holdOut: HoldOut; folds: number } {
  const mode = holdOutMode(runs);
  const groupOf = (r: FinishedRun) => (mode === "sweep" ? (r.sweepId ?? `run:${r.id}`) : `run:${r.id}`);
  const groups = [...new Set(runs.map(groupOf))];
  if (groups.length <= MAX_FOLDS) return { runs: [...runs], holdOut: mode === "sweep" ? "SWEEP" : "RUN", folds: groups.length };
  const foldOf = new Map(groups.map((g, i) => [g, `fold:${i % MAX_FOLDS}`]));
  return { runs: runs.map((r) => ({ ...r, sweepId: foldOf.get(groupOf(r))! })), holdOut: "K_FOLD", folds: MAX_FOLDS };
}

/** Backtest over the finished runs matching the filter; the key is the filter's canonical JSON. */
export const predictorBacktest = memo(async (db, key: string) => {
  const filter = JSON.parse(key) as RunFilter | null;
  const runs = await finishedRuns(db, filter ?? undefined);
  const names = new Map(runs.map((r) => [r.id, r.name]));
  const folded = foldsOf(runs);
  // The config-only forecaster is the baseline: what the readings add is the gap to it.
  const methods = [configOnsetMethod, firstPassageMethod, logitScaleMethod, defaultForecastMethod()];
  let result: { records: BacktestRecord[]; rows: BacktestRow[] } = { records: [], rows: [] };
  if (runs.length > 0) {
    const steps = backtestSteps(folded.runs, { methods, holdOut: folded.holdOut === "RUN" ? "run" : "sweep" });
    for (let next = steps.next(); ; next = steps.next()) {
      if (next.done) {
        result = next.value;
        break;
      }
      await yieldToEventLoop();
    }
  }
  return { holdOut: folded.holdOut, folds: folded.folds, runs: runs.length, rows: result.rows, records: result.records, names };
}, (report) => report.runs > 0);
