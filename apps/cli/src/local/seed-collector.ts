import type { SeedOutcome } from "@grokscope/spec";
import type { Evaluation, TrainingSink } from "@grokscope/trainer/core";

/** What a local run keeps of one seed: its events and its last evaluation, not the whole series. */
export interface SeedRecord extends SeedOutcome {
  /** ‖W‖ at the T_grok evaluation: what w_c calibration pools (packages/db criticalNorm). */
  weightNormAtGrok?: number;
  lastStep?: number;
}

export interface SeedCollector {
  /** A sink whose evaluations are filed under mapSeed(evaluation.seed) (a per-seed fallback call maps 0 → i). */
  sink(mapSeed?: (seed: number) => number, onEvaluation?: (e: Evaluation, seed: number) => void): TrainingSink;
  /** Seed indices that reported at least one evaluation. */
  seen(): number[];
  /** Seeds 0..count−1 in order; a seed that never reported counts as an empty (censored) outcome. */
  records(count: number): SeedRecord[];
}

/**
 * The in-memory sink of `--local` and the fidelity bench: reads per-seed evaluations
 * ({step, seed, metrics, events}), so it works whether train() trains one seed per call or all
 * of config.seeds batched; medians are then taken with summarizeSeeds (SCIENCE.md §6).
 */
export function createSeedCollector(): SeedCollector {
  const bySeed = new Map<number, SeedRecord>();
  return {
    sink(mapSeed = (s) => s, onEvaluation) {
      return {
        onEvaluation(e) {
          const seed = mapSeed(e.seed);
          const r = bySeed.get(seed) ?? {};
          bySeed.set(seed, r);
          for (const ev of e.events) {
            if (ev.kind === "t_mem") r.tMem ??= ev.step;
            if (ev.kind === "t_grok" && r.tGrok === undefined) {
              r.tGrok = ev.step;
              // The event's value is L at the T_grok evaluation (SCIENCE.md §6 logit_scale_at_grok).
              r.logitScaleAtGrok = ev.value ?? e.metrics.logit_scale;
              if (ev.step === e.step) r.weightNormAtGrok = e.metrics.weight_norm;
            }
          }
          r.lastStep = e.step;
          r.finalTrainAcc = e.metrics.train_acc;
          r.finalTestAcc = e.metrics.test_acc;
          onEvaluation?.(e, seed);
        },
      };
    },
    seen: () => [...bySeed.keys()].sort((a, b) => a - b),
    records: (count) => Array.from({ length: count }, (_, i) => ({ ...(bySeed.get(i) ?? {}) })),
  };
}
