import { regimeOf } from "./frame.ts";
import { firstPassageMethod } from "./first-passage.ts";
import { learnedMethod } from "./learned.ts";
import { logitScaleMethod } from "./logit-scale.ts";
import type { Tf } from "./quantile-net.ts";
import { backtest } from "./backtest.ts";
import type { BacktestRecord } from "./metrics-summary.ts";
import { mean } from "./stats.ts";
import type { FinishedRun, ForecastMethod, Forecaster } from "./types.ts";

/**
 * Selector: per (model, loss) — split further into clamped / free runs, because the first-passage
 * law cannot describe a clamped run while the logit-scale relation was measured on exactly those —
 * pick the candidate with the best cross-validated score on the training runs, then forecast with
 * that candidate refitted on all of them. Cross-validation is k-fold (by sweep when runs carry one),
 * so the choice never rests on a run predicting itself.
 */
export const SELECTOR = "selector";

export const selectionKey = regimeOf;

export interface SelectorOptions {
  /** Inner folds for scoring the candidates (default 5). */
  folds?: number;
  /** Grokked runs a key needs before its own scores decide; otherwise the pooled score decides. */
  minRuns?: number;
}

/** Score: absolute percentage error, with "unlikely within budget" for a run that grokked counted as 100 %. */
function score(records: readonly BacktestRecord[]): number {
  const grokked = records.filter((r) => r.actual !== null);
  if (grokked.length === 0) return Number.POSITIVE_INFINITY;
  return mean(grokked.map((r) => (r.forecast.tGrok === null ? 1 : Math.abs(r.forecast.tGrok - r.actual!) / r.actual!)));
}

/** Candidate name chosen per selection key, plus the pooled winner as the fallback. */
export function chooseCandidates(runs: readonly FinishedRun[], candidates: readonly ForecastMethod[], options: SelectorOptions = {}): { byKey: Record<string, string>; fallback: string } {
  const { folds = 5, minRuns = 3 } = options;
  // k-fold by reassigning every run (or sweep) a fold label used as its "sweep" for the inner backtest.
  const groups = [...new Set(runs.map((r) => r.sweepId ?? `run:${r.id}`))];
  const foldOf = new Map(groups.map((g, i) => [g, `fold:${i % folds}`]));
  const relabelled = runs.map((r) => ({ ...r, sweepId: foldOf.get(r.sweepId ?? `run:${r.id}`)! }));
  const { records } = backtest(relabelled, { methods: candidates, holdOut: "sweep" });
  const keyOfRun = new Map(runs.map((r) => [r.id, selectionKey(r.config)]));
  const best = (subset: readonly BacktestRecord[]) =>
    candidates.map((c) => ({ name: c.name, s: score(subset.filter((r) => r.forecaster === c.name)) })).reduce((a, b) => (b.s < a.s ? b : a)).name;
  const fallback = best(records);
  const byKey: Record<string, string> = {};
  for (const key of new Set(keyOfRun.values())) {
    const subset = records.filter((r) => keyOfRun.get(r.runId) === key);
    const grokkedRuns = new Set(subset.filter((r) => r.actual !== null).map((r) => r.runId));
    byKey[key] = grokkedRuns.size >= minRuns ? best(subset) : fallback;
  }
  return { byKey, fallback };
}

export function selectorMethod(candidates: readonly ForecastMethod[], options: SelectorOptions = {}): ForecastMethod {
  if (candidates.length === 0) throw new Error("selector: needs at least one candidate");
  return {
    name: SELECTOR,
    fit(runs) {
      const choice = runs.length >= 2 ? chooseCandidates(runs, candidates, options) : { byKey: {}, fallback: candidates[0]!.name };
      const fitted = new Map(candidates.map((c) => [c.name, c.fit(runs)] as const));
      const forecaster: Forecaster & { choice: typeof choice } = {
        name: SELECTOR,
        choice,
        forecast(history, asOf) {
          const name = choice.byKey[selectionKey(history.config)] ?? choice.fallback;
          return { ...fitted.get(name)!.forecast(history, asOf), forecaster: `${SELECTOR}/${name}` };
        },
      };
      return forecaster;
    },
  };
}

/**
 * What the worker and the API should fit on the registry's finished runs: the selector over the
 * two laws, plus the learned forecaster when a tf instance is given (each fit then trains ~25
 * small networks: fine on demand, too slow per evaluation step).
 */
export function defaultForecastMethod(tf?: Tf): ForecastMethod {
  return selectorMethod(tf ? [firstPassageMethod, logitScaleMethod, learnedMethod(tf)] : [firstPassageMethod, logitScaleMethod]);
}
