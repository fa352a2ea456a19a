import { summarizeSeeds, type RunConfig, type SeedOutcome, type SeedsSummary } from "@grokscope/spec";
import { createEventDetector, type TrainEvent } from "./events.ts";
import type { Metrics } from "./metrics.ts";
import type { Tf } from "./ops.ts";
import { createTrainingSession } from "./session.ts";
import { loadState, saveState, type LoopState } from "./state.ts";

/** One evaluation of one seed (by index within the run): what the sink receives every evalEvery steps. */
export interface Evaluation {
  step: number;
  seed: number;
  metrics: Metrics;
  events: TrainEvent[];
}

/** Where core reports (DESIGN.md §3): tests keep evaluations in memory, the worker writes them to the DB. */
export interface TrainingSink {
  onEvaluation(evaluation: Evaluation): void | Promise<void>;
}

/** A saved state handed to the host: "resume" every checkpointEvery steps, "kept" at checkpointSteps. */
export interface Checkpoint {
  step: number;
  kind: "resume" | "kept";
  seeds: number;
  state: Uint8Array;
}

export interface TrainDeps {
  tf: Tf;
  sink: TrainingSink;
  /** Polled before every step; true stops training early (cancel, shutdown). */
  shouldStop?: () => boolean;
  /** Yield to the event loop every this many steps (default 10), so the host stays responsive. */
  yieldEvery?: number;
  /** A saved state (state.ts) to resume or fork from: the loop continues at its step, without re-evaluating it. */
  startFrom?: Uint8Array;
  /** Called (and awaited) after the step and evaluation at each checkpoint step. */
  onCheckpoint?: (c: Checkpoint) => Promise<void>;
  /**
   * Asked when shouldStop() ends training early: true also hands onCheckpoint a resume state of
   * the step reached (a shutdown the run will be resumed from), false does not (a cancel).
   */
  checkpointOnStop?: () => boolean;
}

/** One seed's outcome (SCIENCE.md §6); `seed` is the index within the run, `seedValue` = config.seed + seed. */
export interface SeedSummary extends SeedOutcome {
  seed: number;
  seedValue: number;
  finalTrainAcc: number;
  finalTestAcc: number;
}

/** Top-level fields are the medians over seeds (for one seed: that seed's values). */
export interface TrainSummary {
  tMem?: number;
  tGrok?: number;
  finalTrainAcc: number;
  finalTestAcc: number;
  logitScaleAtGrok?: number;
  perSeed: SeedSummary[];
  /** spec's summarizeSeeds over perSeed: censored medians, grokked / memorised counts, delay. */
  medians: SeedsSummary;
}

export interface TrainResult {
  /** Optimiser steps taken (including those of the state it started from). */
  stepsDone: number;
  /** True when shouldStop() ended the run before config.steps. */
  stopped: boolean;
  summary: TrainSummary;
  /** Wall-clock ms per step taken by this call, evaluations included (reporting only, never used for logic). */
  msPerStep: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Trains config.seeds seeds of config as one batched computation (full batch unless
 * config.batchSize), evaluating at step 0 (unless started from a state), every evalEvery steps
 * and at the last step; events are detected online per seed (SCIENCE.md §6). Everything random
 * comes from config.seed (seed index i uses config.seed + i).
 */
export async function train(config: RunConfig, deps: TrainDeps): Promise<TrainResult> {
  const { tf, sink } = deps;
  const yieldEvery = Math.max(1, deps.yieldEvery ?? 10);
  const session = createTrainingSession(tf, config);
  const S = session.seeds;
  // Series are keyed by the seed's index within the run (0..S−1), not by the seed value itself.
  const detectors = Array.from({ length: S }, (_, i) => createEventDetector(i));
  const loop: LoopState = { events: detectors.map(() => []), last: detectors.map(() => null) };
  const evaluate = async (step: number) => {
    const all = session.evaluate(); // one read-back for every seed
    for (let i = 0; i < S; i++) {
      const metrics = all[i]!;
      loop.last[i] = { trainAcc: metrics.train_acc, testAcc: metrics.test_acc };
      const events = detectors[i]!.observe(step, metrics);
      loop.events[i]!.push(...events);
      await sink.onEvaluation({ step, seed: i, metrics, events });
    }
  };
  const keep = new Set(config.checkpointSteps);
  const isCheckpointStep = (step: number) => keep.has(step) || (config.checkpointEvery > 0 && step % config.checkpointEvery === 0);
  const checkpointAt = async (step: number) => {
    if (!deps.onCheckpoint || !isCheckpointStep(step)) return;
    const kept = keep.has(step);
    await deps.onCheckpoint({ step, kind: kept ? "kept" : "resume", seeds: S, state: saveState(session, loop) });
  };

  // stopAfterGrok: once every seed has grokked, train that many steps more, ending on an evaluation.
  const pastGrokStop = (step: number) => {
    if (config.stopAfterGrok === undefined) return false;
    const grokSteps = detectors.map((d) => d.fired.t_grok?.step);
    return grokSteps.every((t) => t !== undefined) && step >= Math.max(...(grokSteps as number[])) + config.stopAfterGrok;
  };

  let step = 0;
  let startStep = 0;
  let stopped = false;
  const started = performance.now();
  try {
    if (deps.startFrom) {
      const restored = loadState(tf, session, deps.startFrom);
      step = startStep = restored.step;
      restored.loop.events.forEach((events, i) => detectors[i]!.restore(events));
      loop.events = restored.loop.events.map((e) => [...e]);
      loop.last = [...restored.loop.last];
    } else {
      await evaluate(0);
    }
    while (step < config.steps) {
      if (deps.shouldStop?.()) {
        stopped = true;
        // (A checkpoint step already saved its state right after it was trained.)
        if (deps.onCheckpoint && deps.checkpointOnStop?.() && step > startStep && !isCheckpointStep(step)) {
          await deps.onCheckpoint({ step, kind: "resume", seeds: S, state: saveState(session, loop) });
        }
        break;
      }
      const next = step + 1;
      const evaluateNext = next % config.evalEvery === 0 || next === config.steps;
      // grad/update norms are computed (as tensors, no sync) only for steps an evaluation reads.
      session.step({ trackNorms: evaluateNext });
      step = next;
      if (evaluateNext) await evaluate(step);
      await checkpointAt(step);
      if (evaluateNext && pastGrokStop(step)) break;
      if (step % yieldEvery === 0) await yieldToEventLoop();
    }
  } finally {
    session.dispose();
  }
  const elapsed = performance.now() - started;
  const perSeed: SeedSummary[] = detectors.map((d, i) => ({
    seed: i,
    seedValue: config.seed + i,
    tMem: d.fired.t_mem?.step,
    tGrok: d.fired.t_grok?.step,
    logitScaleAtGrok: d.fired.t_grok?.value,
    finalTrainAcc: loop.last[i]?.trainAcc ?? 0,
    finalTestAcc: loop.last[i]?.testAcc ?? 0,
  }));
  const medians = summarizeSeeds(perSeed);
  return {
    stepsDone: step,
    stopped,
    summary: {
      tMem: medians.tMem,
      tGrok: medians.tGrok,
      logitScaleAtGrok: medians.logitScaleAtGrok,
      finalTrainAcc: medians.finalTrainAcc ?? 0,
      finalTestAcc: medians.finalTestAcc ?? 0,
      perSeed,
      medians,
    },
    msPerStep: step > startStep ? elapsed / (step - startStep) : 0,
  };
}
