import { LEAD_FRACTIONS, leadStep } from "./frame.ts";
import { finishedRunOf } from "./history.ts";
import { summarize, type BacktestRecord, type BacktestRow } from "./metrics-summary.ts";
import type { CorpusRun, FinishedRun, ForecastMethod } from "./types.ts";

export interface BacktestOptions {
  methods: readonly ForecastMethod[];
  /** Defaults to LEAD_FRACTIONS: at T_mem and at 25 / 50 / 75 % of the delay. */
  fractions?: readonly number[];
  /**
   * What is held out together: "run" (leave-one-run-out), "sweep" (every run of a sweep at once;
   * runs without a sweep are their own group), or "auto": by sweep when the corpus has at least
   * three such groups (one sweep would leave nothing to train on), else by run.
   */
  holdOut?: "run" | "sweep" | "auto";
  /** Called after each fold (progress for long benches). */
  onFold?: (done: number, total: number) => void;
}

export interface BacktestResult {
  holdOut: "run" | "sweep";
  records: BacktestRecord[];
  rows: BacktestRow[];
}

const asFinished = (run: CorpusRun | FinishedRun): FinishedRun => ("seeds" in run ? finishedRunOf(run) : run);

export function holdOutMode(runs: readonly FinishedRun[], requested: BacktestOptions["holdOut"] = "auto"): "run" | "sweep" {
  if (requested !== "auto") return requested;
  const sweeps = new Set(runs.map((r) => r.sweepId ?? `run:${r.id}`));
  return runs.some((r) => r.sweepId !== undefined) && sweeps.size >= 3 ? "sweep" : "run";
}

/**
 * Cross-validated backtest (SCIENCE.md §8): every method is refitted without the held-out group,
 * so no run (and, by sweep, no near-duplicate sibling) ever helps predict itself; each held-out run
 * is then forecast from its readings up to each lead step only.
 */
export function backtest(corpus: readonly (CorpusRun | FinishedRun)[], options: BacktestOptions): BacktestResult {
  const steps = backtestSteps(corpus, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same backtest, paused after every fit (one method on one fold): a server can yield to its
 * event loop between fits, since a whole backtest over hundreds of runs takes minutes of CPU.
 */
export function* backtestSteps(corpus: readonly (CorpusRun | FinishedRun)[], options: BacktestOptions): Generator<{ fold: number; folds: number }, BacktestResult> {
  const runs = corpus.map(asFinished);
  const ids = new Set(runs.map((r) => r.id));
  if (ids.size !== runs.length) throw new Error("backtest: run ids must be unique");
  const mode = holdOutMode(runs, options.holdOut);
  const keyOf = (r: FinishedRun) => (mode === "sweep" ? (r.sweepId ?? `run:${r.id}`) : `run:${r.id}`);
  const folds = [...new Set(runs.map(keyOf))];
  const fractions = options.fractions ?? LEAD_FRACTIONS;
  const records: BacktestRecord[] = [];
  for (const [i, fold] of folds.entries()) {
    const heldOut = runs.filter((r) => keyOf(r) === fold);
    const training = runs.filter((r) => keyOf(r) !== fold);
    for (const method of options.methods) {
      const forecaster = method.fit(training);
      for (const run of heldOut) {
        // The forecaster gets the history only: never the outcome it is asked to predict.
        const history = { config: run.config, points: run.points, ...(run.tMem !== undefined ? { tMem: run.tMem } : {}) };
        for (const fraction of fractions) {
          const step = leadStep(run, fraction);
          if (step === undefined) continue;
          const forecast = forecaster.forecast(history, step);
          records.push({ runId: run.id, forecaster: method.name, fraction, step, actual: run.tGrok ?? null, forecast });
        }
      }
      yield { fold: i, folds: folds.length };
    }
    options.onFold?.(i + 1, folds.length);
  }
  return { holdOut: mode, records, rows: summarize(records) };
}
