import type { RunConfig } from "@grokscope/spec";
import { frameForecast, groupOf, priorOf, type Prior } from "./frame.ts";
import { evaluateLinear, fitLinear, type LinearModel } from "./linear-model.ts";
import { residualSpread } from "./predictive.ts";
import type { FinishedRun, ForecastMethod, Forecaster } from "./types.ts";

/**
 * Config-only onset forecaster: what the registry says about a run before any reading exists
 * (the API's predictOnset, and a baseline in the backtest that shows what the readings add).
 * Per (model, loss) group, ln T_grok is regressed on the knobs the laws say move it: ln η and
 * ln λ (the first-passage delay is ∝ 1/(κηλ), SCIENCE.md §8), ln τ and the clamp dose ρ (the
 * logit-scale collapse, §7), ln p and the train fraction (T_mem, §7). The regression replaces
 * the group's flat log-normal prior; with too few grokked runs for it, that prior is used as is.
 */
export const CONFIG_ONSET = "config";

const FEATURES = ["lnP", "lnLr", "lnWeightDecay", "lnTemperature", "trainFraction", "clampRho"] as const;

function configRow(config: RunConfig): Record<string, number> {
  return {
    lnP: Math.log(config.p),
    lnLr: Math.log(config.lr),
    lnWeightDecay: Math.log(Math.max(config.weightDecay, 1e-3)),
    lnTemperature: Math.log(config.temperature),
    trainFraction: config.trainFraction,
    // An absolute clamp target is not comparable across cells; only the dose ρ is a feature.
    clampRho: config.clamp?.rho ?? 0,
  };
}

interface ConfigGroup {
  linear: LinearModel;
  sigma: number;
  grokShare: number;
}
export interface ConfigOnsetModel {
  groups: Record<string, ConfigGroup>;
  priors: Record<string, Prior>;
}

/** The ridge is strong (1.0 on standardised columns): a registry holds few runs per group. */
const RIDGE = 1;

export function fitConfigOnset(runs: readonly FinishedRun[]): ConfigOnsetModel {
  const model: ConfigOnsetModel = { groups: {}, priors: {} };
  for (const key of new Set(runs.map((r) => groupOf(r.config)))) {
    const groupRuns = runs.filter((r) => groupOf(r.config) === key);
    const prior = priorOf(groupRuns);
    if (prior) model.priors[key] = prior;
    const grokked = groupRuns.filter((r) => r.tGrok !== undefined && r.tGrok > 0);
    const rows = grokked.map((r) => configRow(r.config));
    const y = grokked.map((r) => Math.log(r.tGrok!));
    const linear = fitLinear(rows, y, FEATURES, RIDGE);
    if (!linear) continue;
    const residuals = rows.map((row, i) => y[i]! - evaluateLinear(linear, row));
    const spread = residualSpread(residuals, linear.columns.length + 1);
    model.groups[key] = { linear, sigma: spread.sigma, grokShare: grokked.length / groupRuns.length };
  }
  return model;
}

/** The run's own prior: the regression's ln T_grok and residual σ, else the group's record. */
export function configPrior(model: ConfigOnsetModel, config: RunConfig): Prior | undefined {
  const key = groupOf(config);
  const group = model.groups[key];
  const groupPrior = model.priors[key];
  if (!group || !groupPrior) return groupPrior;
  return { ...groupPrior, logT: evaluateLinear(group.linear, configRow(config)), sigma: group.sigma, grokShare: group.grokShare };
}

export function configOnsetForecaster(model: ConfigOnsetModel): Forecaster {
  return {
    name: CONFIG_ONSET,
    // Readings are never used (predict gives nothing), so every forecast is the config prior,
    // conditioned by frameForecast on not having grokked by asOf.
    forecast: (history, asOf) => frameForecast(CONFIG_ONSET, history, asOf, () => undefined, configPrior(model, history.config)),
  };
}

export const configOnsetMethod: ForecastMethod = { name: CONFIG_ONSET, fit: (runs) => configOnsetForecaster(fitConfigOnset(runs)) };
