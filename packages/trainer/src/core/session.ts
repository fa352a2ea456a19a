import type { Tensor2D } from "@tensorflow/tfjs-core";
import type { RunConfig } from "@grokscope/spec";
import { createDataset, type ModularDataset } from "./data.ts";
import { createMeanLoss } from "./loss.ts";
import { computeMetrics, createMetricInputs, type Metrics } from "./metrics.ts";
import { createMlp, type Mlp } from "./model-mlp.ts";
import type { Tf } from "./ops.ts";
import { createAdamW } from "./optimizer-adamw.ts";
import { createRng, deriveSeed, STREAMS } from "./rng.ts";

/**
 * One seed's training state (data split, model, optimiser, constant inputs) with the two things
 * a run does to it: take a full-batch optimiser step, and evaluate. train() drives the loop;
 * the benchmark drives it directly.
 */
export interface TrainingSession {
  data: ModularDataset;
  model: Mlp;
  /** One full-batch AdamW step on the training split (SCIENCE.md §3). */
  step(): void;
  /** The §5 metrics at the current parameters. */
  evaluate(): Metrics;
  dispose(): void;
}

export function createTrainingSession(tf: Tf, config: RunConfig): TrainingSession {
  const data = createDataset({ p: config.p, op: config.op, trainFraction: config.trainFraction, seed: config.seed });
  const model = createMlp(tf, { p: config.p, embedDim: config.embedDim, hiddenDim: config.hiddenDim }, createRng(deriveSeed(config.seed, STREAMS.init)));
  // Constant inputs, built once (PERF-NOTES): lookup indices, one-hot targets, split masks.
  const trainInputs = model.prepareInputs(data.train);
  const allInputs = model.prepareInputs(data.all);
  const trainTargets = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(data.train.y, "int32"), config.p), "float32") as Tensor2D);
  const trainLoss = createMeanLoss(tf, config.loss, trainTargets, config.temperature);
  const metricInputs = createMetricInputs(tf, config.p, data.all.y, data.isTrain);
  const optimizer = createAdamW(
    tf,
    model.variables.map((variable) => ({ variable, decay: model.weightMatrices.includes(variable) })),
    config,
  );

  return {
    data,
    model,
    step() {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => trainLoss(model.forward(trainInputs)), model.variables);
        optimizer.apply(grads);
      });
    },
    evaluate() {
      const logits = tf.tidy(() => model.forward(allInputs));
      try {
        return computeMetrics(tf, { logits, inputs: metricInputs, loss: config.loss, temperature: config.temperature, weightMatrices: model.weightMatrices });
      } finally {
        logits.dispose();
      }
    },
    dispose() {
      optimizer.dispose();
      metricInputs.dispose();
      tf.dispose(trainTargets);
      trainInputs.dispose();
      allInputs.dispose();
      model.dispose();
    },
  };
}
