import type { RunConfig } from "@grokscope/spec";
import { createEventDetector, type TrainEvent } from "./events.ts";
import type { Metrics } from "./metrics.ts";
import type { Tf } from "./ops.ts";
import { createTrainingSession } from "./session.ts";

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

export interface TrainDeps {
  tf: Tf;
  sink: TrainingSink;
  /** Polled before every step; true stops training early (cancel, shutdown). */
  shouldStop?: () => boolean;
  /** Yield to the event loop every this many steps (default 10), so the host stays responsive. */
  yieldEvery?: number;
}

export interface TrainSummary {
  tMem?: number;
  tGrok?: number;
  finalTrainAcc: number;
  finalTestAcc: number;
  logitScaleAtGrok?: number;
}

export interface TrainResult {
  /** Optimiser steps taken. */
  stepsDone: number;
  /** True when shouldStop() ended the run before config.steps. */
  stopped: boolean;
  summary: TrainSummary;
  /** Wall-clock ms per step, evaluations included (reporting only, never used for logic). */
  msPerStep: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Trains one seed of config on the modular task (full batch unless config.batchSize), evaluating at step 0, every
 * evalEvery steps and at the last step; events are detected online (SCIENCE.md §6).
 * Everything random comes from config.seed.
 */
export async function train(config: RunConfig, deps: TrainDeps): Promise<TrainResult> {
  const { tf, sink } = deps;
  const yieldEvery = Math.max(1, deps.yieldEvery ?? 10);
  const session = createTrainingSession(tf, config);
  // Series are keyed by the seed's index within the run (0..S−1), not by the seed value itself.
  const seedIndex = 0;
  const events = createEventDetector(seedIndex);
  let last: Metrics | undefined;
  const evaluate = async (step: number) => {
    const metrics = session.evaluate();
    last = metrics;
    await sink.onEvaluation({ step, seed: seedIndex, metrics, events: events.observe(step, metrics) });
  };

  let step = 0;
  let stopped = false;
  const started = performance.now();
  try {
    await evaluate(0);
    while (step < config.steps) {
      if (deps.shouldStop?.()) {
        stopped = true;
        break;
      }
      const next = step + 1;
      const evaluateNext = next % config.evalEvery === 0 || next === config.steps;
      // grad/update norms are computed (as tensors, no sync) only for steps an evaluation reads.
      session.step({ trackNorms: evaluateNext });
      step = next;
      if (evaluateNext) await evaluate(step);
      if (step % yieldEvery === 0) await yieldToEventLoop();
    }
  } finally {
    session.dispose();
  }
  const elapsed = performance.now() - started;
  const { t_mem: mem, t_grok: grok } = events.fired;
  return {
    stepsDone: step,
    stopped,
    summary: {
      tMem: mem?.step,
      tGrok: grok?.step,
      logitScaleAtGrok: grok?.value,
      finalTrainAcc: last?.train_acc ?? 0,
      finalTestAcc: last?.test_acc ?? 0,
    },
    msPerStep: step > 0 ? elapsed / step : 0,
  };
}
