import type { Tensor, Tensor2D } from "@tensorflow/tfjs-core";
import type { RunConfig } from "@grokscope/spec";
import { createBatchSampler, type BatchSampler } from "./batches.ts";
import { clampWeightNormBySeed } from "./clamp.ts";
import { createDataset, type Examples, type ModularDataset } from "./data.ts";
import { createGrokfast, type Grokfast } from "./grokfast.ts";
import { createMeanLoss } from "./loss.ts";
import { createMetricInputs } from "./metric-inputs.ts";
import { computeSeedMetrics, type Metrics } from "./metrics.ts";
import { parameterNormsBySeed, sumSquaresBySeed, type TrainableModel } from "./model.ts";
import { createMlp } from "./model-mlp.ts";
import { createTransformer } from "./model-transformer.ts";
import type { Tf } from "./ops.ts";
import { createAdamW, type AdamW } from "./optimizer-adamw.ts";
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
 * The training state of config.seeds seeds trained as ONE batched computation (SCIENCE.md §4):
 * seed index i uses seed value config.seed + i for its own split, init and minibatch stream. One
 * step() moves every seed; evaluate() returns one Metrics per seed from one read-back.
 * train() drives the loop; state.ts saves and restores it; the benchmark drives it directly.
 */
export interface TrainingSession {
  config: RunConfig;
  seeds: number;
  /** One dataset (split) per seed index. */
  data: ModularDataset[];
  model: TrainableModel;
  optimizer: AdamW;
  grokfast?: Grokfast;
  /** One minibatch sampler per seed (config.batchSize only). */
  samplers?: BatchSampler[];
  /** Optimiser steps taken so far. */
  readonly stepsDone: number;
  /**
   * One AdamW step (SCIENCE.md §3–§4) of every seed on its training split, full batch unless
   * config.batchSize: gradient → Grokfast filter (if configured) → AdamW (with warm-up) → per-seed
   * weight-norm clamp (if configured and this step t ≥ clamp.fromStep).
   */
  step(options?: StepOptions): void;
  /**
   * The §5 metrics of every seed at the current parameters. grad_norm / update_norm are those of
   * the latest step, per seed: ‖∇L_s‖₂ of the raw loss gradient (before any Grokfast filter) and
   * ‖θ_after − θ_before‖₂ (clamp included); 0 before the first step, NaN if the latest step ran
   * with trackNorms false.
   */
  evaluate(): Metrics[];
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

/** The model config.model selects, with seed i initialised from seed value config.seed + i. */
export function createModel(tf: Tf, config: RunConfig): TrainableModel {
  const rngs = Array.from({ length: config.seeds }, (_, i) => createRng(deriveSeed(config.seed + i, STREAMS.init)));
  if (config.model === "transformer") {
    return createTransformer(tf, { p: config.p, dModel: config.embedDim, heads: config.heads, mlpDim: config.hiddenDim }, rngs);
  }
  return createMlp(tf, { p: config.p, embedDim: config.embedDim, hiddenDim: config.hiddenDim }, rngs);
}

export function createTrainingSession(tf: Tf, config: RunConfig): TrainingSession {
  const clampTarget = config.clamp?.target;
  if (config.clamp && clampTarget === undefined) {
    throw new Error("clamp.rho must be resolved to clamp.target (ρ·w_c, calibrated from the registry) before training");
  }
  const S = config.seeds;
  const data = Array.from({ length: S }, (_, i) =>
    createDataset({ p: config.p, op: config.op, trainFraction: config.trainFraction, seed: config.seed + i }),
  );
  const model = createModel(tf, config);
  // Constant inputs, built once (PERF-NOTES): lookup indices, one-hot targets, split masks.
  const trainInputs = model.prepareInputs(data.map((d) => d.train));
  const allInputs = model.prepareInputs(data.map((d) => d.all));
  const oneHot = (ys: Int32Array[]) =>
    tf.tidy(() => {
      const y = new Int32Array(ys.reduce((n, a) => n + a.length, 0));
      ys.reduce((at, a) => (y.set(a, at), at + a.length), 0);
      return tf.cast(tf.oneHot(tf.tensor1d(y, "int32"), config.p), "float32") as Tensor2D;
    });
  const trainTargets = oneHot(data.map((d) => d.train.y));
  const trainLoss = createMeanLoss(tf, config.loss, trainTargets, config.temperature, trainInputs.n);
  const metricInputs = createMetricInputs(tf, config.p, data[0]!.all.y, data.map((d) => d.isTrain));
  const decays = new Set(model.weightMatrices);
  const optimizer = createAdamW(tf, model.variables.map((variable) => ({ variable, decay: decays.has(variable) })), config);
  const grokfast = config.grokfast ? createGrokfast(tf, model.variables, config.grokfast) : undefined;
  const samplers =
    config.batchSize !== undefined
      ? data.map((d, i) => createBatchSampler(d.train.a.length, config.batchSize!, createRng(deriveSeed(config.seed + i, STREAMS.batch))))
      : undefined;
  const normsBySeed = (tensors: Tensor[]) => tf.sqrt(sumSquaresBySeed(tf, model.params, tensors, S));
  /** [grad_norm; update_norm] per seed ([2,S]) of the latest step when it was tracked. */
  let stepNorms: Tensor2D | undefined;

  return {
    config,
    seeds: S,
    data,
    model,
    optimizer,
    grokfast,
    samplers,
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
        if (samplers) {
          // Per-step tensors, built inside the tidy so it disposes them (the lookup's index
          // tensors are created here too, and tidy tracks them).
          const batches = samplers.map((s, i) => pick(data[i]!.train, s.next()));
          inputs = model.prepareInputs(batches);
          loss = createMeanLoss(tf, config.loss, oneHot(batches.map((b) => b.y)), config.temperature, inputs.n);
        }
        const before = track ? model.variables.map((v) => tf.clone(v)) : undefined;
        const { grads } = tf.variableGrads(() => loss(model.forward(inputs)), model.variables);
        const ordered = model.variables.map((v) => grads[v.name]!);
        const gradNorm = track ? normsBySeed(ordered) : undefined;
        optimizer.apply(grokfast ? grokfast.filter(grads) : grads);
        if (config.clamp && optimizer.step >= config.clamp.fromStep) clampWeightNormBySeed(tf, model.params, S, clampTarget!);
        if (!before || !gradNorm) return undefined;
        const updateNorm = normsBySeed(model.variables.map((v, i) => tf.sub(v, before[i]!)));
        return tf.stack([gradNorm, updateNorm]) as Tensor2D;
      });
      stepNorms = next;
    },
    evaluate() {
      const owned = tf.tidy(() => ({
        logits: model.forward(allInputs),
        embedding: tf.clone(model.embedding()),
        untracked: optimizer.step > 0 && !stepNorms ? tf.fill([2, S], NaN) : undefined,
        ...parameterNormsBySeed(tf, model),
      }));
      try {
        const { logits, embedding, untracked, ...norms } = owned;
        return computeSeedMetrics(tf, {
          logits,
          inputs: metricInputs,
          loss: config.loss,
          temperature: config.temperature,
          norms,
          embedding,
          stepNorms: stepNorms ?? (untracked as Tensor2D | undefined),
        });
      } finally {
        tf.dispose(Object.values(owned).filter((t): t is Tensor => t !== undefined));
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
