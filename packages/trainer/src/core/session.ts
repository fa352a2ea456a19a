import type { Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import type { RunConfig } from "@grokscope/spec";
import { createBatchSampler, type BatchSampler } from "./batches.ts";
import { clampWeightNorm } from "./clamp.ts";
import { createDataset, type Examples, type ModularDataset } from "./data.ts";
import { createGrokfast } from "./grokfast.ts";
import { createMeanLoss } from "./loss.ts";
import { computeMetrics, createMetricInputs, type Metrics } from "./metrics.ts";
import { createMlp, type Mlp } from "./model-mlp.ts";
import type { Tf } from "./ops.ts";
import { createAdamW } from "./optimizer-adamw.ts";
import { createRng, deriveSeed, STREAMS } from "./rng.ts";

export interface StepOptions {
  /**
   * Record grad_norm and update_norm of this step for the next evaluate() (default true).
   * Costs a few reductions and a copy of the parameters, so train() asks for it only on steps
   * that are followed by an evaluation. Nothing is read back here (no GPU→CPU sync).
   */
  trackNorms?: boolean;
}

/**
 * One seed's training state (data split, model, optimiser, constant inputs) with the two things
 * a run does to it: take an optimiser step, and evaluate. train() drives the loop; the benchmark
 * drives it directly.
 */
export interface TrainingSession {
  data: ModularDataset;
  model: Mlp;
  /** Optimiser steps taken so far. */
  readonly stepsDone: number;
  /**
   * One AdamW step (SCIENCE.md §3–§4) on the training split, full batch unless config.batchSize:
   * gradient → Grokfast filter (if configured) → AdamW (with warm-up) → weight-norm clamp (if
   * configured and this step t ≥ clamp.fromStep).
   */
  step(options?: StepOptions): void;
  /**
   * The §5 metrics at the current parameters. grad_norm / update_norm are those of the latest
   * step: ‖∇L‖₂ of the raw loss gradient (before any Grokfast filter) and ‖θ_after − θ_before‖₂
   * over all parameters (clamp included); 0 before the first step, NaN if the latest step ran
   * with trackNorms false.
   */
  evaluate(): Metrics;
  dispose(): void;
}

function pick(from: Examples, index: Int32Array): Examples {
  const out = { a: new Int32Array(index.length), b: new Int32Array(index.length), y: new Int32Array(index.length) };
  index.forEach((j, i) => {
    out.a[i] = from.a[j]!;
    out.b[i] = from.b[j]!;
    out.y[i] = from.y[j]!;
  });
  return out;
}

export function createTrainingSession(tf: Tf, config: RunConfig): TrainingSession {
  const clampTarget = config.clamp?.target;
  if (config.clamp && clampTarget === undefined) {
    throw new Error("clamp.rho must be resolved to clamp.target (ρ·w_c, calibrated from the registry) before training");
  }
  const data = createDataset({ p: config.p, op: config.op, trainFraction: config.trainFraction, seed: config.seed });
  const model = createMlp(tf, { p: config.p, embedDim: config.embedDim, hiddenDim: config.hiddenDim }, createRng(deriveSeed(config.seed, STREAMS.init)));
  // Constant inputs, built once (PERF-NOTES): lookup indices, one-hot targets, split masks.
  const trainInputs = model.prepareInputs(data.train);
  const allInputs = model.prepareInputs(data.all);
  const oneHot = (y: Int32Array) => tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(y, "int32"), config.p), "float32") as Tensor2D);
  const trainTargets = oneHot(data.train.y);
  const trainLoss = createMeanLoss(tf, config.loss, trainTargets, config.temperature);
  const metricInputs = createMetricInputs(tf, config.p, data.all.y, data.isTrain);
  const optimizer = createAdamW(
    tf,
    model.variables.map((variable) => ({ variable, decay: model.weightMatrices.includes(variable) })),
    config,
  );
  const grokfast = config.grokfast ? createGrokfast(tf, model.variables, config.grokfast) : undefined;
  const sampler: BatchSampler | undefined =
    config.batchSize !== undefined ? createBatchSampler(data.train.a.length, config.batchSize, createRng(deriveSeed(config.seed, STREAMS.batch))) : undefined;
  const globalNorm = (tensors: Tensor[]) => tf.sqrt(tf.addN(tensors.map((t) => tf.sum(tf.square(t)))));
  /** [grad_norm, update_norm] of the latest step when it was tracked. */
  let stepNorms: Tensor1D | undefined;

  return {
    data,
    model,
    get stepsDone() {
      return optimizer.step;
    },
    step(options = {}) {
      const track = options.trackNorms ?? true;
      stepNorms?.dispose();
      stepNorms = undefined;
      const next = tf.tidy(() => {
        let loss = trainLoss;
        let inputs = trainInputs;
        if (sampler) {
          // Per-step tensors, built inside the tidy so it disposes them.
          const batch = pick(data.train, sampler.next());
          inputs = model.prepareInputs(batch);
          loss = createMeanLoss(tf, config.loss, oneHot(batch.y), config.temperature);
        }
        const before = track ? model.variables.map((v) => tf.clone(v)) : undefined;
        const { grads } = tf.variableGrads(() => loss(model.forward(inputs)), model.variables);
        const gradNorm = track ? globalNorm(Object.values(grads)) : undefined;
        optimizer.apply(grokfast ? grokfast.filter(grads) : grads);
        if (config.clamp && optimizer.step >= config.clamp.fromStep) clampWeightNorm(tf, model.weightMatrices, clampTarget!);
        if (!before || !gradNorm) return undefined;
        const updateNorm = globalNorm(model.variables.map((v, i) => tf.sub(v, before[i]!)));
        return tf.stack([gradNorm, updateNorm]) as Tensor1D;
      });
      stepNorms = next;
    },
    evaluate() {
      const logits = tf.tidy(() => model.forward(allInputs));
      const untracked = optimizer.step > 0 && !stepNorms ? tf.tensor1d([NaN, NaN]) : undefined;
      try {
        const { E, W1, W2 } = model.params;
        return computeMetrics(tf, {
          logits,
          inputs: metricInputs,
          loss: config.loss,
          temperature: config.temperature,
          params: { embed: E as Tensor2D, hidden: W1, readout: W2, biases: model.biases },
          stepNorms: stepNorms ?? untracked,
        });
      } finally {
        logits.dispose();
        untracked?.dispose();
      }
    },
    dispose() {
      stepNorms?.dispose();
      grokfast?.dispose();
      optimizer.dispose();
      metricInputs.dispose();
      tf.dispose(trainTargets);
      trainInputs.dispose();
      allInputs.dispose();
      model.dispose();
    },
  };
}
