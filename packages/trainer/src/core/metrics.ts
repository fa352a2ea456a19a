import type { Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import { METRIC_KEYS, type MetricKey } from "@grokscope/spec";
import { perExampleLoss, type LossKind } from "./loss.ts";
import type { Tf } from "./ops.ts";

/**
 * The evaluation metrics of SCIENCE.md §5, from ONE forward pass over all valid pairs:
 * the train and test numbers are masked means over that pass, and everything is read back
 * with a single dataSync (each GPU→CPU read is a sync point).
 */
export type Metrics = Record<MetricKey, number>;

/** Constants over all pairs: one-hot targets, labels and split masks. Build once. */
export interface MetricInputs {
  targets: Tensor2D;
  labels: Tensor1D;
  trainMask: Tensor1D;
  testMask: Tensor1D;
  nTrain: number;
  nTest: number;
}

export function createMetricInputs(tf: Tf, p: number, labels: Int32Array, isTrain: Uint8Array): MetricInputs & { dispose(): void } {
  const train = new Float32Array(labels.length);
  const test = new Float32Array(labels.length);
  let nTrain = 0;
  for (let i = 0; i < labels.length; i++) {
    train[i] = isTrain[i] ? 1 : 0;
    test[i] = 1 - train[i]!;
    nTrain += train[i]!;
  }
  const labelsT = tf.tensor1d(labels, "int32");
  const inputs = {
    targets: tf.tidy(() => tf.cast(tf.oneHot(labelsT, p), "float32") as Tensor2D),
    labels: labelsT,
    trainMask: tf.tensor1d(train),
    testMask: tf.tensor1d(test),
    nTrain,
    nTest: labels.length - nTrain,
  };
  return { ...inputs, dispose: () => tf.dispose([inputs.targets, labelsT, inputs.trainMask, inputs.testMask]) };
}

/** ‖W‖ = sqrt(Σ ‖M‖_F²) over weight matrices, biases excluded (§4). A scalar tensor. */
export function weightNorm(tf: Tf, weightMatrices: Tensor[]): Tensor {
  return tf.sqrt(tf.addN(weightMatrices.map((w) => tf.sum(tf.square(w)))));
}

/**
 * logits: the model's z over all pairs (same row order as `inputs`).
 *   *_loss: mean loss of the configured kind; *_acc: argmax accuracy;
 *   weight_norm: ‖W‖; logit_scale: L = mean over all pairs of ‖z/τ‖₂ (2606.18465's effective logit scale).
 */
export function computeMetrics(
  tf: Tf,
  args: { logits: Tensor2D; inputs: MetricInputs; loss: LossKind; temperature: number; weightMatrices: Tensor[] },
): Metrics {
  const { logits, inputs, loss, temperature, weightMatrices } = args;
  const packed = tf.tidy(() => {
    const perLoss: Tensor1D = perExampleLoss(tf, loss, logits, inputs.targets, temperature);
    const correct = tf.cast(tf.equal(tf.argMax(logits, 1), inputs.labels), "float32") as Tensor1D;
    const norms = tf.sqrt(tf.sum(tf.square(tf.div(logits, temperature)), 1));
    const masked = (x: Tensor1D, mask: Tensor1D, n: number) => tf.div(tf.sum(tf.mul(x, mask)), Math.max(n, 1));
    return tf.stack([
      masked(perLoss, inputs.trainMask, inputs.nTrain),
      masked(perLoss, inputs.testMask, inputs.nTest),
      masked(correct, inputs.trainMask, inputs.nTrain),
      masked(correct, inputs.testMask, inputs.nTest),
      weightNorm(tf, weightMatrices),
      tf.mean(norms),
    ]);
  });
  const values = packed.dataSync(); // read outside tidy: tidy would walk a returned TypedArray
  packed.dispose();
  const order: MetricKey[] = ["train_loss", "test_loss", "train_acc", "test_acc", "weight_norm", "logit_scale"];
  const out = {} as Metrics;
  order.forEach((key, i) => (out[key] = values[i]!));
  for (const key of METRIC_KEYS) if (!(key in out)) throw new Error(`metric ${key} not computed`);
  return out;
}
