import { latest, logSlope, series, truncate } from "./history.ts";
import type { ForecastContext } from "./frame.ts";

/**
 * Features of a run as known at the forecast step, for the learned forecaster: the config knobs
 * the science says matter (SCIENCE.md §3–§4, §7) and summaries of the readings so far that the two
 * laws use (V = ‖θ‖², L and their trends) plus the losses and the time since memorisation.
 * Logs where the quantity is a scale (rates, norms, losses); NaN where a reading is missing
 * (the model substitutes the training mean).
 */
export const FEATURE_NAMES = [
  "lnP",
  "lnLr",
  "lnWeightDecay",
  "lnTemperature",
  "trainFraction",
  "clamped",
  "clampRho",
  "mse",
  "transformer",
  "lnTMem",
  "lnSinceMem",
  "lnV",
  "lnVMem",
  "vSlope",
  "lnL",
  "lSlope",
  "lnTrainLoss",
  "lnTestLoss",
  "testAcc",
] as const;

const ln = (x: number | undefined) => (x !== undefined && x > 0 ? Math.log(x) : Number.NaN);

export function featuresOf(ctx: ForecastContext): number[] {
  const { config, visible, asOf, tMem } = ctx;
  const from = tMem + (asOf - tMem) / 2;
  // Slopes per unit of the decay clock ηλ·t, so runs with different lr·λ share a scale.
  const clock = config.lr * Math.max(config.weightDecay, 1e-3);
  const perClock = (s: number | undefined) => (s === undefined ? 0 : s / clock);
  const values: Record<(typeof FEATURE_NAMES)[number], number> = {
    lnP: Math.log(config.p),
    lnLr: Math.log(config.lr),
    lnWeightDecay: Math.log(Math.max(config.weightDecay, 1e-3)),
    lnTemperature: Math.log(config.temperature),
    trainFraction: config.trainFraction,
    clamped: config.clamp ? 1 : 0,
    clampRho: config.clamp?.rho ?? 0,
    mse: config.loss === "mse" ? 1 : 0,
    transformer: config.model === "transformer" ? 1 : 0,
    lnTMem: Math.log(Math.max(tMem, 1)),
    lnSinceMem: Math.log(1 + asOf - tMem),
    lnV: ln(latest(visible, "param_sq_norm")?.value),
    lnVMem: ln(latest(truncate(visible, tMem), "param_sq_norm")?.value),
    vSlope: perClock(logSlope(visible, "param_sq_norm", from, asOf)),
    lnL: ln(latest(visible, "logit_scale")?.value),
    lSlope: perClock(logSlope(visible, "logit_scale", from, asOf)),
    lnTrainLoss: ln(latest(visible, "train_loss")?.value),
    lnTestLoss: ln(latest(visible, "test_loss")?.value),
    testAcc: series(visible, "test_acc").at(-1)?.value ?? Number.NaN,
  };
  return FEATURE_NAMES.map((name) => values[name]);
}
