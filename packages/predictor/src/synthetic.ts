import { parseRunConfig, type RunConfig, type RunConfigInput } from "@grokscope/spec";
import { createRng } from "./stats.ts";
import type { CorpusRun, CorpusSeed, HistoryPoint } from "./types.ts";

/**
 * Synthetic corpus with known laws, so the bench and tests run before the real sweep exists.
 * Free (unclamped) runs obey the first-passage law exactly up to per-seed noise: V = ‖θ‖² rises
 * until T_mem, then decays as exp(−2κηλ t) and the run groks when V passes V*. Clamped runs obey
 * ln T_grok = a + b·L (the paper's logit-scale collapse) with L = c·ρ³/τ once the clamp acts
 * (logits of this 3-matrix MLP scale with ‖W‖³). Values echo SCIENCE.md §7 (T_mem ≈ 200,
 * T_grok ≈ 1,800 at ρ = 1, ≈ 6,000 at ρ = 1.15 for τ = 1); they are not the paper's data.
 */
export const SYNTHETIC_LAW = {
  ce: { kappa: 0.4, vStar: 4000 },
  mse: { kappa: 0.6, vStar: 2500 },
  logit: { a: 5.19, b: 0.23, c: 10 },
} as const;

export interface SyntheticOptions {
  runs?: number;
  seedsPerRun?: number;
  /** Seed of the generator (configs and noise). */
  seed?: number;
  /** Log-normal σ of per-seed delay noise (0 = the laws hold exactly). */
  noise?: number;
  /** Share of clamped runs and of MSE runs. */
  clampedShare?: number;
  mseShare?: number;
  steps?: number;
  evalEvery?: number;
  /** Runs per sweep id (runs of a sweep are held out together); 0 = no sweep ids. */
  runsPerSweep?: number;
}

const pick = <T>(u: number, xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(u * xs.length))]!;

/** Logistic from `floor` to `top` that crosses `level` exactly at step `at`. */
function rise(t: number, at: number, width: number, floor: number, top: number, level: number): number {
  const shift = Math.log((level - floor) / (top - level));
  return floor + (top - floor) / (1 + Math.exp(-((t - at) / width + shift)));
}

export interface SeedTruth {
  tMem: number;
  tGrok: number;
  vMem: number;
}

/** One seed's readings from its ground truth (see the module comment for the dynamics). */
export function syntheticSeed(config: RunConfig, truth: SeedTruth, rng: { normal(): number }, measurementNoise = 0.005): CorpusSeed {
  const law = SYNTHETIC_LAW[config.loss];
  const vStar = law.vStar;
  const { tMem, tGrok, vMem } = truth;
  const clampFrom = config.clamp?.fromStep;
  const rho = config.clamp?.rho ?? 1;
  // Free runs: the decay rate that makes V reach V* exactly at this seed's T_grok.
  const rate = Math.log(vMem / vStar) / Math.max(1, tGrok - tMem);
  const vAt = (t: number) => {
    if (clampFrom !== undefined && t >= clampFrom) return rho * rho * vStar;
    if (t <= tMem) return vMem * Math.exp(Math.log(0.6) * (1 - t / tMem));
    return Math.max(0.8 * vStar, vMem * Math.exp(-rate * (t - tMem)));
  };
  const lAt = (v: number) => (config.loss === "mse" ? 1 + 0.05 * Math.log(v / vStar) : (SYNTHETIC_LAW.logit.c * (v / vStar) ** 1.5) / config.temperature);
  const floor = 1 / config.p;
  const points: HistoryPoint[] = [];
  for (let step = config.evalEvery; step <= config.steps; step += config.evalEvery) {
    const v = vAt(step) * (1 + measurementNoise * rng.normal());
    const trainAcc = Math.min(1, rise(step, tMem, tMem / 12, 0, 1.001, 0.99));
    const testAcc = rise(step, tGrok, Math.max(20, (tGrok - tMem) / 25), floor, 0.998, 0.9);
    points.push({
      step,
      metrics: {
        train_acc: trainAcc,
        test_acc: testAcc,
        train_loss: Math.max(1e-4, 4.6 * (1 - trainAcc) + 0.01),
        test_loss: 2 + 8 * (1 - testAcc) * Math.min(1, step / tMem),
        param_sq_norm: v,
        weight_norm: Math.sqrt(0.98 * v),
        logit_scale: lAt(v) * (1 + measurementNoise * rng.normal()),
      },
    });
  }
  // Events as the trainer detects them (SCIENCE.md §6): first evaluation step over the threshold.
  const first = (key: "train_acc" | "test_acc", level: number) => points.find((p) => p.metrics[key]! >= level)?.step;
  const seedTMem = first("train_acc", 0.99);
  const seedTGrok = first("test_acc", 0.9);
  return { ...(seedTMem !== undefined ? { tMem: seedTMem } : {}), ...(seedTGrok !== undefined ? { tGrok: seedTGrok } : {}), points };
}

/** The seed's true T_grok under the laws (may exceed the budget: then the seed does not grok). */
export function lawTGrok(config: RunConfig, tMem: number, vMem: number): number {
  if (config.clamp?.rho !== undefined && config.loss === "ce") {
    const { a, b, c } = SYNTHETIC_LAW.logit;
    return Math.max(tMem + 100, Math.exp(a + (b * c * config.clamp.rho ** 3) / config.temperature));
  }
  const law = SYNTHETIC_LAW[config.loss];
  return tMem + Math.log(vMem / (law.vStar)) / (2 * law.kappa * config.lr * config.weightDecay);
}

function configOf(input: RunConfigInput): RunConfig {
  const parsed = parseRunConfig(input);
  if (!parsed.ok) throw new Error(`synthetic config: ${JSON.stringify(parsed.issues)}`);
  return parsed.config;
}

export function generateSyntheticCorpus(options: SyntheticOptions = {}): CorpusRun[] {
  const { runs = 48, seedsPerRun = 3, seed = 1, noise = 0.1, clampedShare = 0.3, mseShare = 0.15, steps = 8000, evalEvery = 10, runsPerSweep = 4 } = options;
  const rng = createRng(seed);
  const out: CorpusRun[] = [];
  for (let i = 0; i < runs; i++) {
    const kind = rng.uniform();
    const loss = kind < mseShare ? "mse" : "ce";
    const clamped = loss === "ce" && kind > 1 - clampedShare;
    const config = configOf({
      p: pick(rng.uniform(), [59, 97, 113]),
      lr: pick(rng.uniform(), [5e-4, 1e-3, 2e-3]),
      weightDecay: pick(rng.uniform(), [0.5, 1, 2]),
      trainFraction: pick(rng.uniform(), [0.3, 0.4, 0.5]),
      temperature: clamped ? pick(rng.uniform(), [1, 1.3, 1.7]) : 1,
      loss,
      ...(clamped ? { clamp: { rho: pick(rng.uniform(), [1, 1.05, 1.1, 1.15]), fromStep: 500 } } : {}),
      steps,
      evalEvery,
      seeds: seedsPerRun,
      seed: 100 * i,
    });
    const baseTMem = 200 * Math.sqrt(config.p / 97) * (0.4 / config.trainFraction);
    const lnRatio = 0.4 + 1.6 * rng.uniform();
    const seeds = Array.from({ length: seedsPerRun }, () => {
      const tMem = Math.round(baseTMem * Math.exp(0.1 * rng.normal()));
      const vMem = SYNTHETIC_LAW[loss].vStar * Math.exp(lnRatio * Math.exp(0.05 * rng.normal()));
      const tGrok = tMem + (lawTGrok(config, tMem, vMem) - tMem) * Math.exp(noise * rng.normal());
      return syntheticSeed(config, { tMem, tGrok, vMem }, rng);
    });
    out.push({ id: `synthetic-${i}`, ...(runsPerSweep > 0 ? { sweepId: `sweep-${Math.floor(i / runsPerSweep)}` } : {}), config, seeds });
  }
  return out;
}
