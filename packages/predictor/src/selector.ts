import { blendForecaster, chooseBlend, type BlendChoice } from "./selector-blend.ts";
import { LEAD_FRACTIONS, regimeOf } from "./frame.ts";
import { firstPassageMethod } from "./first-passage.ts";
import { outOfFoldRecords, recordsByKey } from "./inner-cv.ts";
import { learnedMethod } from "./learned.ts";
import { logitScaleMethod } from "./logit-scale.ts";
import type { Tf } from "./quantile-net.ts";
import type { BacktestRecord } from "./metrics-summary.ts";
import { mean } from "./stats.ts";
import type { FinishedRun, ForecastMethod, Forecaster } from "./types.ts";

/**
 * Selector: per (model, loss) — split further into clamped / free runs, because the first-passage
 * law cannot describe a clamped run while the logit-scale relation was measured on exactly those —
 * decide from the candidates' out-of-fold forecasts on the training runs (inner-cv.ts, k folds of
 * runs, so the decision never rests on a run predicting itself) how to forecast, then forecast with
 * the candidates refitted on all of them. Two ways ("combine"):
 * - "blend" (default, selector-blend.ts): stacked weights per key and a weighted mean in ln T_grok
 *   space, the 80 % interval rescaled per lead stage so that it held 80 % of the out-of-fold outcomes;
 * - "pick": the single candidate with the best out-of-fold score per key, as it forecasts.
 */
export const SELECTOR = "selector";

export const selectionKey = regimeOf;

export interface SelectorOptions {
  /** Inner folds for scoring the candidates (default 5). */
  folds?: number;
  /** Grokked runs a key needs before its own scores decide; otherwise the pooled score decides. */
  minRuns?: number;
  /** "blend" (default) weights the candidates; "pick" uses the best one per key alone. */
  combine?: "blend" | "pick";
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
  const records = outOfFoldRecords(runs, candidates, folds);
  const best = (subset: readonly BacktestRecord[]) =>
    candidates.map((c) => ({ name: c.name, s: score(subset.filter((r) => r.forecaster === c.name)) })).reduce((a, b) => (b.s < a.s ? b : a)).name;
  const fallback = best(records);
  const choice: Record<string, string> = {};
  for (const [key, subset] of recordsByKey(runs, records, selectionKey, minRuns)) choice[key] = subset ? best(subset) : fallback;
  return { byKey: choice, fallback };
}

export function selectorMethod(candidates: readonly ForecastMethod[], options: SelectorOptions = {}): ForecastMethod {
  if (candidates.length === 0) throw new Error("selector: needs at least one candidate");
  const combine = options.combine ?? "blend";
  return {
    name: SELECTOR,
    fit(runs) {
      const fitted = new Map(candidates.map((c) => [c.name, c.fit(runs)] as const));
      if (combine === "blend") {
        // With one run there is nothing to cross-validate: the first candidate, its interval as is.
        const choice: BlendChoice =
          runs.length >= 2
            ? chooseBlend(runs, candidates, options)
            : { names: candidates.map((c) => c.name), byKey: {}, fallback: candidates.map((_, i) => (i === 0 ? 1 : 0)), scale: LEAD_FRACTIONS.map(() => 1) };
        return blendForecaster(SELECTOR, choice, fitted);
      }
      const choice = runs.length >= 2 ? chooseCandidates(runs, candidates, options) : { byKey: {}, fallback: candidates[0]!.name };
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
