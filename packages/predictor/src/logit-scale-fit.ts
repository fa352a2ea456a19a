import type { RunConfig } from "@grokscope/spec";
import { logSlope, series } from "./history.ts";
import { fitLinear, type LinearModel } from "./linear-model.ts";
import { medianOf } from "./stats.ts";
import type { FinishedRun } from "./types.ts";

/** Calibration pieces of the logit-scale forecaster (the reasoning is in logit-scale.ts). */

/** Clock covariates: lr·λ sets the decay clock, p and the train fraction the task. */
export function covariatesOf(config: RunConfig): Record<string, number> {
  return {
    lnRate: Math.log(config.lr * Math.max(config.weightDecay, 1e-3)),
    lnP: Math.log(config.p),
    lnTrainFraction: Math.log(config.trainFraction),
  };
}
export const RELATION_COLUMNS = ["L", "lnRate", "lnP", "lnTrainFraction"] as const;

/** L at the evaluation step nearest T_grok (SCIENCE.md §6 `logit_scale_at_grok`). */
export function logitScaleAtGrok(run: FinishedRun): number | undefined {
  const tGrok = run.tGrok;
  const readings = series(run.points, "logit_scale");
  if (tGrok === undefined || readings.length === 0) return undefined;
  return readings.reduce((best, r) => (Math.abs(r.step - tGrok) < Math.abs(best.step - tGrok) ? r : best)).value;
}

/** ln T_grok = a + b·L_grok + covariates, over the grokked runs given. */
export function fitRelation(runs: readonly FinishedRun[]): LinearModel | undefined {
  const samples = runs.flatMap((r) => {
    const L = logitScaleAtGrok(r);
    return L !== undefined && r.tGrok !== undefined ? [{ row: { L, ...covariatesOf(r.config) }, lnT: Math.log(r.tGrok) }] : [];
  });
  return fitLinear(samples.map((s) => s.row), samples.map((s) => s.lnT), RELATION_COLUMNS);
}

/**
 * Typical decay of ln L per unit of the clock η·λ·t between T_mem and T_grok on free runs: the
 * trend used right after T_mem, before the run has readings enough to measure its own.
 */
export function fitSlopePrior(runs: readonly FinishedRun[]): number | undefined {
  const slopes = runs.flatMap((r) => {
    if (r.config.clamp || r.tMem === undefined || r.tGrok === undefined) return [];
    const s = logSlope(r.points, "logit_scale", r.tMem, r.tGrok);
    return s === undefined ? [] : [s / (r.config.lr * Math.max(r.config.weightDecay, 1e-3))];
  });
  return slopes.length === 0 ? undefined : medianOf(slopes);
}

/**
 * ln L_grok from the clamp dose, temperature and task size (ρ-clamped runs): before the clamp acts,
 * the run's own L says nothing about the level the clamp will hold it at, but these do: L is
 * measured on z/τ, the clamp fixes ‖W‖ = ρ·w_c, and w_c — the cell's norm at grokking — and the
 * logit scale a given norm yields both grow with p (in the recorded corpus w_c ≈ 52 at p = 59 and
 * ≈ 67 at p = 97, and L_grok at ρ = 1, τ = 1 ≈ 21 vs ≈ 30): without p every clamped run is
 * forecast at the level of the p most runs had.
 */
export const CLAMP_LEVEL_COLUMNS = ["lnRho", "lnTau", "lnP"] as const;
export function clampRow(config: RunConfig, rho: number): Record<string, number> {
  return { lnRho: Math.log(rho), lnTau: Math.log(config.temperature), lnP: Math.log(config.p) };
}

export function fitClampLevel(runs: readonly FinishedRun[]): LinearModel | undefined {
  const samples = runs.flatMap((r) => {
    const L = logitScaleAtGrok(r);
    const rho = r.config.clamp?.rho;
    return L !== undefined && L > 0 && rho !== undefined ? [{ row: clampRow(r.config, rho), lnL: Math.log(L) }] : [];
  });
  // fitLinear drops a column that does not vary (one p only): then it is the ρ, τ fit as before.
  return fitLinear(samples.map((s) => s.row), samples.map((s) => s.lnL), CLAMP_LEVEL_COLUMNS, 0.01);
}
