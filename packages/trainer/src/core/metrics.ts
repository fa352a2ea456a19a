import type { Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import { METRIC_KEYS, type MetricKey } from "@grokscope/spec";
import type { LossKind } from "./loss.ts";
import type { Tf } from "./ops.ts";

/**
 * The evaluation metrics of SCIENCE.md §5, from ONE forward pass over all valid pairs:
 * the train and test numbers are masked means over that pass, and everything is read back
 * with a single dataSync (each GPU→CPU read is a sync point). All arithmetic is float32 on the
 * backend; only the final top-5 selection of fourier_score happens on the host.
 */
export type Metrics = Record<MetricKey, number>;

/** Constants over all pairs: one-hot targets, labels, split masks, DFT basis. Build once. */
export interface MetricInputs {
  targets: Tensor2D;
  /** targets as bool, for masking out the correct class. */
  isTarget: Tensor2D;
  labels: Tensor1D;
  trainMask: Tensor1D;
  testMask: Tensor1D;
  nTrain: number;
  nTest: number;
  /**
   * Real DFT basis over the p token rows for the non-DC frequencies k = 1..⌊p/2⌋: rows 0..K−1
   * are cos(2πka/p), rows K..2K−1 are sin(2πka/p) (K×p each, stacked to 2K×p).
   */
  dftBasis: Tensor2D;
  /** Weight of frequency k's power in the spectrum: 2 (k and p−k) except 1 for k = p/2 (even p). */
  dftPairWeights: Tensor1D;
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
  const K = Math.floor(p / 2);
  const basis = new Float32Array(2 * K * p);
  const weights = new Float32Array(K);
  for (let k = 1; k <= K; k++) {
    weights[k - 1] = 2 * k === p ? 1 : 2;
    for (let a = 0; a < p; a++) {
      // (k·a mod p) keeps the angle small, so cos/sin are accurate for large p too
      const angle = (2 * Math.PI * ((k * a) % p)) / p;
      basis[(k - 1) * p + a] = Math.cos(angle);
      basis[(K + k - 1) * p + a] = Math.sin(angle);
    }
  }
  const labelsT = tf.tensor1d(labels, "int32");
  const targets = tf.tidy(() => tf.cast(tf.oneHot(labelsT, p), "float32") as Tensor2D);
  const inputs: MetricInputs = {
    targets,
    isTarget: tf.tidy(() => tf.cast(targets, "bool") as Tensor2D),
    labels: labelsT,
    trainMask: tf.tensor1d(train),
    testMask: tf.tensor1d(test),
    nTrain,
    nTest: labels.length - nTrain,
    dftBasis: tf.tensor2d(basis, [2 * K, p]),
    dftPairWeights: tf.tensor1d(weights),
  };
  return {
    ...inputs,
    dispose: () => tf.dispose([inputs.targets, inputs.isTarget, labelsT, inputs.trainMask, inputs.testMask, inputs.dftBasis, inputs.dftPairWeights]),
  };
}

/** ‖W‖ = sqrt(Σ ‖M‖_F²) over weight matrices, biases excluded (§4). A scalar tensor. */
export function weightNorm(tf: Tf, weightMatrices: Tensor[]): Tensor {
  return tf.sqrt(tf.addN(weightMatrices.map((w) => tf.sum(tf.square(w)))));
}

/** The model's parameters by group, as the metrics need them. */
export interface MetricParams {
  /** E (p×d): the token embedding; its rows are indexed by token 0..p−1. */
  embed: Tensor2D;
  /** W1 */
  hidden: Tensor;
  /** W2 */
  readout: Tensor;
  biases: Tensor[];
}

/** How many non-DC frequencies fourier_score counts. */
export const FOURIER_TOP = 5;

/**
 * fourier_score from the per-frequency power G[k] (k = 1..⌊p/2⌋, k and p−k already merged):
 * Σ of the FOURIER_TOP largest G[k] / Σ_k G[k]. 0 when E has no non-DC power.
 */
export function fourierScoreFromPower(power: ArrayLike<number>): number {
  const sorted = Array.from(power).sort((a, b) => b - a);
  const total = sorted.reduce((s, x) => s + x, 0);
  if (!(total > 0)) return 0;
  return sorted.slice(0, FOURIER_TOP).reduce((s, x) => s + x, 0) / total;
}

/**
 * logits: the model's z over all pairs (same row order as `inputs`); s = z/τ, P = softmax(s).
 *   train_loss, test_loss: mean loss of the configured kind; train_acc, test_acc: argmax accuracy
 *   weight_norm: ‖W‖ over E, W1, W2; norm_embed, norm_hidden, norm_readout: ‖E‖_F, ‖W1‖_F, ‖W2‖_F
 *   param_sq_norm: ‖θ‖² over every parameter, biases included
 *   logit_scale: mean over all pairs of ‖s‖₂ (2606.18465's effective logit scale);
 *   logit_scale_train: the same over the training split
 *   sc_rate: share of training points with P[y] == 1 exactly, in float32 as the backend's softmax
 *     computes it (softmax collapse, Prieto et al. 2501.04697)
 *   frac_saturated: share of all pairs with max_c P_c > 0.999; max_prob: mean over all pairs of max_c P_c
 *   logit_margin: mean over training points of s_y − max_{c≠y} s_c
 *   grad_norm, update_norm: from `stepNorms` ([‖g‖₂, ‖θ_after − θ_before‖₂] of the latest step),
 *     0 when absent (step 0)
 *   fourier_score: with F[k, j] = Σ_a E[a, j]·e^{−2πika/p} (DFT along the token axis, per column j)
 *     and P[k] = Σ_j |F[k, j]|², merge each frequency with its mirror, G[k] = P[k] + P[p−k] for
 *     k = 1..⌊p/2⌋ (just P[p/2] for even p); score = (sum of the 5 largest G[k]) / Σ_k G[k].
 *     DC (k = 0) is in neither sum. With ⌊p/2⌋ ≤ 5 (p ≤ 11) the score is trivially 1.
 */
export function computeMetrics(
  tf: Tf,
  args: { logits: Tensor2D; inputs: MetricInputs; loss: LossKind; temperature: number; params: MetricParams; stepNorms?: Tensor1D },
): Metrics {
  const { logits, inputs, loss, temperature, params } = args;
  const K = inputs.dftPairWeights.shape[0];
  const packed = tf.tidy(() => {
    const scaled = tf.div(logits, temperature) as Tensor2D;
    const probs = tf.softmax(scaled);
    const maxProbs = tf.max(probs, 1) as Tensor1D;
    const perLoss: Tensor1D =
      loss === "ce"
        ? tf.sub(tf.sub(tf.max(scaled, 1), tf.log(maxProbs)), tf.sum(tf.mul(inputs.targets, scaled), 1))
        : tf.sum(tf.squaredDifference(scaled, inputs.targets), 1);
    const correct = tf.cast(tf.equal(tf.argMax(logits, 1), inputs.labels), "float32") as Tensor1D;
    const norms = tf.sqrt(tf.sum(tf.square(scaled), 1)) as Tensor1D;
    const correctScaled = tf.sum(tf.mul(scaled, inputs.targets), 1) as Tensor1D;
    const bestOther = tf.max(tf.where(inputs.isTarget, tf.fill(scaled.shape, -Infinity), scaled), 1) as Tensor1D;
    const correctProb = tf.sum(tf.mul(probs, inputs.targets), 1);
    const collapsed = tf.cast(tf.equal(correctProb, 1), "float32") as Tensor1D;
    const saturated = tf.cast(tf.greater(maxProbs, 0.999), "float32") as Tensor1D;
    const masked = (x: Tensor1D, mask: Tensor1D, n: number) => tf.div(tf.sum(tf.mul(x, mask)), Math.max(n, 1));
    const sq = (t: Tensor) => tf.sum(tf.square(t));
    const [embedSq, hiddenSq, readoutSq] = [sq(params.embed), sq(params.hidden), sq(params.readout)];
    const weightSq = tf.addN([embedSq, hiddenSq, readoutSq]);
    const paramSq = params.biases.length > 0 ? tf.addN([weightSq, ...params.biases.map(sq)]) : weightSq;
    // Spectrum of E along the token axis: [cos; sin]·E is (2K×d); power per frequency, mirrored pairs merged.
    const spectrum = tf.sum(tf.square(tf.matMul(inputs.dftBasis, params.embed)), 1);
    const power = tf.mul(tf.add(tf.slice(spectrum, 0, K), tf.slice(spectrum, K, K)), inputs.dftPairWeights);
    const scalars = tf.stack([
      masked(perLoss, inputs.trainMask, inputs.nTrain),
      masked(perLoss, inputs.testMask, inputs.nTest),
      masked(correct, inputs.trainMask, inputs.nTrain),
      masked(correct, inputs.testMask, inputs.nTest),
      tf.sqrt(weightSq),
      tf.mean(norms),
      tf.sqrt(embedSq),
      tf.sqrt(hiddenSq),
      tf.sqrt(readoutSq),
      paramSq,
      masked(norms, inputs.trainMask, inputs.nTrain),
      masked(collapsed, inputs.trainMask, inputs.nTrain),
      tf.mean(saturated),
      tf.mean(maxProbs),
      masked(tf.sub(correctScaled, bestOther), inputs.trainMask, inputs.nTrain),
    ]);
    return tf.concat([scalars, args.stepNorms ?? tf.zeros([2]), power]);
  });
  const values = packed.dataSync(); // read outside tidy: tidy would walk a returned TypedArray
  packed.dispose();
  const order: MetricKey[] = [
    "train_loss",
    "test_loss",
    "train_acc",
    "test_acc",
    "weight_norm",
    "logit_scale",
    "norm_embed",
    "norm_hidden",
    "norm_readout",
    "param_sq_norm",
    "logit_scale_train",
    "sc_rate",
    "frac_saturated",
    "max_prob",
    "logit_margin",
    "grad_norm",
    "update_norm",
  ];
  const out = {} as Metrics;
  order.forEach((key, i) => (out[key] = values[i]!));
  out.fourier_score = fourierScoreFromPower(values.subarray(order.length, order.length + K));
  for (const key of METRIC_KEYS) if (!(key in out)) throw new Error(`metric ${key} not computed`);
  return out;
}
