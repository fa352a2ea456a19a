import { median, summarizeSeeds, type RunConfig, type SeedsSummary } from "@grokscope/spec";
import { train as coreTrain, type Tf } from "@grokscope/trainer/core";
import { createSeedCollector, type SeedRecord } from "./seed-collector.ts";

export interface LocalRun {
  config: RunConfig;
  summary: SeedsSummary;
  seeds: SeedRecord[];
  /** Wall ms per optimiser step for the whole run (all seeds, evaluations included). */
  msPerStep: number;
}

export interface LocalDeps {
  tf: Tf;
  log?: (msg: string) => void;
  /** The trainer (injectable for tests); defaults to packages/trainer core train(). */
  train?: typeof coreTrain;
}

/**
 * Trains config.seeds seeds in-process with an in-memory sink. train() reports per-seed
 * evaluations; when it trained only seed 0 of a multi-seed config (the one-seed trainer), the
 * other seeds are trained one per call with seed value seed + i — the same seeds the batched
 * trainer uses (spec: "seed index i of the run uses seed value seed + i").
 */
export async function trainLocal(config: RunConfig, deps: LocalDeps): Promise<LocalRun> {
  const trainFn = deps.train ?? coreTrain;
  const log = deps.log ?? (() => {});
  const collector = createSeedCollector();
  const progressEvery = Math.max(config.evalEvery, Math.ceil(config.steps / 10 / config.evalEvery) * config.evalEvery);
  const onEvaluation = (e: { step: number; events: { kind: string; step: number }[] }, seed: number) => {
    for (const ev of e.events) if (ev.kind === "t_mem" || ev.kind === "t_grok") log(`seed ${seed}: ${ev.kind === "t_mem" ? "T_mem" : "T_grok"} at step ${ev.step}`);
    if (seed === 0 && e.step > 0 && e.step % progressEvery === 0) log(`step ${e.step}/${config.steps}`);
  };
  const started = performance.now();
  await trainFn(config, { tf: deps.tf, sink: collector.sink(undefined, onEvaluation) });
  if (config.seeds > 1 && collector.seen().length <= 1) {
    for (let i = 1; i < config.seeds; i++) {
      await trainFn({ ...config, seed: config.seed + i, seeds: 1 }, { tf: deps.tf, sink: collector.sink(() => i, onEvaluation) });
    }
  }
  const msPerStep = (performance.now() - started) / Math.max(1, config.steps);
  const seeds = collector.records(config.seeds);
  return { config, seeds, summary: summarizeSeeds(seeds), msPerStep };
}

/**
 * w_c of a cell without a registry, as packages/db criticalNorm defines it: the median, over every
 * grokked seed of the cell's unclamped τ = 1 runs, of ‖W‖ at that seed's T_grok evaluation.
 */
export function criticalNormOf(runs: readonly LocalRun[]): number | undefined {
  return median(runs.flatMap((r) => r.seeds.map((s) => s.weightNormAtGrok)));
}

export const PAPER_WC_HINT = "paper, CE: w_c = 54.49 at p = 59, 65.85 at p = 97";

/**
 * clamp.rho → an absolute target ρ·w_c when w_c is known (--wc, or calibrated from a control cell
 * of the same local sweep); without it, the clear refusal (no registry to calibrate from).
 */
export function resolveLocalClamp(config: RunConfig, wc: number | undefined): { ok: true; config: RunConfig } | { ok: false; error: string } {
  const clamp = config.clamp;
  if (!clamp || clamp.rho === undefined) return { ok: true, config };
  if (wc === undefined) {
    return {
      ok: false,
      error: `clamp.rho: --local has no registry to calibrate w_c from; give an absolute --clamp-target NORM instead of --clamp-rho, or --wc W to clamp to ρ·W (${PAPER_WC_HINT})`,
    };
  }
  return { ok: true, config: { ...config, clamp: { target: clamp.rho * wc, fromStep: clamp.fromStep } } };
}
