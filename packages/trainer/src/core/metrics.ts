import type { Tensor, Tensor1D, Tensor2D, Tensor3D } from "@tensorflow/tfjs-core";
import { METRIC_KEYS, type MetricKey } from "@grokscope/spec";
import type { LossKind } from "./loss.ts";
import type { MetricInputs } from "./metric-inputs.ts";
import type { Tf } from "./ops.ts";

export { createMetricInputs, type MetricInputs } from "./metric-inputs.ts";

/**
 * The evaluation metrics of SCIENCE.md §5 for every seed, from ONE forward pass over all valid
 * pairs: train and test numbers are per-seed masked means over that pass, and every seed's
 * numbers are read back with a single dataSync (each GPU→CPU read is a sync point). All arithmetic
 * is float32 on the backend; only the final top-5 selection of fourier_score happens on the host.
 */
export type Metrics = Record<MetricKey, number>;

/** ‖W‖ = sqrt(Σ ‖M‖_F²) over weight matrices, biases excluded (§4). A scalar tensor. */
export function weightNorm(tf: Tf, weightMatrices: Tensor[]): Tensor {
  return tf.sqrt(tf.addN(weightMatrices.map((w) => tf.sum(tf.square(w)))));
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

/** Per-seed squared norms ([S] each): §5 groups, and every parameter including biases. */
export interface SeedNorms {
  embedSq: Tensor1D;
  hiddenSq: Tensor1D;
  readoutSq: Tensor1D;
  paramSq: Tensor1D;
}

const ORDER: MetricKey[] = [
  "train_loss", "test_loss", "train_acc", "test_acc", "weight_norm", "logit_scale", "norm_embed", "norm_hidden",
  "norm_readout", "param_sq_norm", "logit_scale_train", "sc_rate", "frac_saturated", "max_prob", "logit_margin",
  "grad_norm", "update_norm",
];

/**
 * logits: z over all pairs for every seed, seed-major [S·E, p]; s = z/τ, P = softmax(s).
 *   train_loss, test_loss: mean loss of the configured kind; train_acc, test_acc: argmax accuracy
 *   weight_norm: ‖W‖; norm_embed, norm_hidden, norm_readout: per group; param_sq_norm: ‖θ‖² incl. biases
 *   logit_scale: mean over all pairs of ‖s‖₂ (2606.18465's effective logit scale); logit_scale_train: training split
 *   sc_rate: share of training points with P[y] == 1 exactly, in float32 as the backend's softmax
 *     computes it (softmax collapse, Prieto et al. 2501.04697)
 *   frac_saturated: share of all pairs with max_c P_c > 0.999; max_prob: mean over all pairs of max_c P_c
 *   logit_margin: mean over training points of s_y − max_{c≠y} s_c
 *   grad_norm, update_norm: stepNorms [2,S] of the latest step, 0 when absent (step 0)
 *   fourier_score: with F[k, j] = Σ_a E[a, j]·e^{−2πika/p} (DFT along the token axis, per column j)
 *     and P[k] = Σ_j |F[k, j]|², G[k] = P[k] + P[p−k] for k = 1..⌊p/2⌋ (just P[p/2] for even p);
 *     score = (sum of the 5 largest G[k]) / Σ_k G[k]. DC is in neither sum. Trivially 1 for p ≤ 11.
 */
export function computeSeedMetrics(
  tf: Tf,
  args: { logits: Tensor2D; inputs: MetricInputs; loss: LossKind; temperature: number; norms: SeedNorms; embedding: Tensor3D; stepNorms?: Tensor2D },
): Metrics[] {
  const { inputs, loss, temperature, norms } = args;
  const [S, E] = inputs.trainMask.shape;
  const K = inputs.dftPairWeights.shape[0];
  const p = inputs.targets.shape[1];
  const packed = tf.tidy(() => {
    const logits = tf.reshape(args.logits, [S, E, p]);
    const scaled = tf.div(logits, temperature);
    const probs = tf.softmax(scaled);
    const maxProbs = tf.max(probs, 2);
    const targetScaled = tf.sum(tf.mul(scaled, inputs.targets), 2);
    const perLoss =
      loss === "ce" ? tf.sub(tf.sub(tf.max(scaled, 2), tf.log(maxProbs)), targetScaled) : tf.sum(tf.squaredDifference(scaled, inputs.targets), 2);
    const correct = tf.cast(tf.equal(tf.argMax(logits, 2), inputs.labels), "float32");
    const lengths = tf.sqrt(tf.sum(tf.square(scaled), 2));
    const bestOther = tf.max(tf.add(scaled, inputs.otherPenalty), 2);
    const collapsed = tf.cast(tf.equal(tf.sum(tf.mul(probs, inputs.targets), 2), 1), "float32");
    const saturated = tf.cast(tf.greater(maxProbs, 0.999), "float32");
    const masked = (x: Tensor, mask: Tensor2D, n: number) => tf.div(tf.sum(tf.mul(x, mask), 1), Math.max(n, 1));
    const [tr, te] = [inputs.trainMask, inputs.testMask];
    const weightSq = tf.addN([norms.embedSq, norms.hiddenSq, norms.readoutSq]);
    // Spectrum of each seed's E along the token axis: one 2-D product [cos; sin] · [E_0 | E_1 | …].
    const [, , d] = args.embedding.shape;
    const columns = tf.reshape(tf.transpose(args.embedding, [1, 0, 2]), [p, S * d]);
    const spectrum = tf.sum(tf.reshape(tf.square(tf.matMul(inputs.dftBasis, columns as Tensor2D)), [2 * K, S, d]), 2);
    const power = tf.mul(tf.add(tf.slice(spectrum, [0, 0], [K, S]), tf.slice(spectrum, [K, 0], [K, S])), inputs.dftPairWeights);
    const scalars = tf.stack([
      masked(perLoss, tr, inputs.nTrain),
      masked(perLoss, te, inputs.nTest),
      masked(correct, tr, inputs.nTrain),
      masked(correct, te, inputs.nTest),
      tf.sqrt(weightSq),
      tf.mean(lengths, 1),
      tf.sqrt(norms.embedSq),
      tf.sqrt(norms.hiddenSq),
      tf.sqrt(norms.readoutSq),
      norms.paramSq,
      masked(lengths, tr, inputs.nTrain),
      masked(collapsed, tr, inputs.nTrain),
      tf.mean(saturated, 1),
      tf.mean(maxProbs, 1),
      masked(tf.sub(targetScaled, bestOther), tr, inputs.nTrain),
    ]);
    return tf.concat([scalars, args.stepNorms ?? tf.zeros([2, S]), power], 0);
  });
  const values = packed.dataSync(); // ONE read for every seed; outside tidy (tidy would walk a returned TypedArray)
  packed.dispose();
  return Array.from({ length: S }, (_, s) => {
    const out = {} as Metrics;
    ORDER.forEach((key, i) => (out[key] = values[i * S + s]!));
    const power = Array.from({ length: K }, (_, k) => values[(ORDER.length + k) * S + s]!);
    out.fourier_score = fourierScoreFromPower(power);
    for (const key of METRIC_KEYS) if (!(key in out)) throw new Error(`metric ${key} not computed`);
    return out;
  });
}

/** The model's parameters by group, for the single-seed form below. */
export interface MetricParams {
  /** E (p×d): the token embedding; its rows are indexed by token 0..p−1. */
  embed: Tensor2D;
  hidden: Tensor;
  readout: Tensor;
  biases: Tensor[];
}

/** One seed's metrics from 2-D logits and explicit parameters (S = 1 of computeSeedMetrics). */
export function computeMetrics(
  tf: Tf,
  args: { logits: Tensor2D; inputs: MetricInputs; loss: LossKind; temperature: number; params: MetricParams; stepNorms?: Tensor1D },
): Metrics {
  const { params } = args;
  const sq = (ts: Tensor[]) => tf.reshape(tf.addN(ts.map((t) => tf.sum(tf.square(t)))), [1]) as Tensor1D;
  const owned = tf.tidy(() => ({
    embedSq: sq([params.embed]),
    hiddenSq: sq([params.hidden]),
    readoutSq: sq([params.readout]),
    paramSq: sq([params.embed, params.hidden, params.readout, ...params.biases]),
    embedding: tf.expandDims(params.embed, 0) as Tensor3D,
    stepNorms: args.stepNorms ? (tf.reshape(args.stepNorms, [2, 1]) as Tensor2D) : undefined,
  }));
  try {
    const { embedding, stepNorms, ...norms } = owned;
    return computeSeedMetrics(tf, { ...args, norms, embedding, stepNorms })[0]!;
  } finally {
    tf.dispose(Object.values(owned).filter((t) => t !== undefined) as Tensor[]);
  }
}
