import type { Scalar, Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import type { RunConfig } from "@grokscope/spec";
import type { Tf } from "./ops.ts";

/**
 * Losses on logits z with a fixed output temperature τ (SCIENCE.md §4, 2606.18465):
 * the loss and all probabilities see z/τ.
 *   ce:  −log softmax(z/τ)[y]
 *   mse: Σ_c (z_c/τ − onehot(y)_c)²   (summed over classes, per example)
 * The training loss is the mean over the split's examples.
 */
export type LossKind = RunConfig["loss"];
type Save = (tensors: Tensor[]) => void;

/**
 * Cross-entropy per example from softmax (s = z/τ), which is one fast fused kernel on wasm where
 * logSoftmax is several slow ones. Exact in float32: the largest probability is exp(0)/Σexp(s−max),
 * so log Σ_c exp(s_c) = max(s) − log(max(softmax(s))), with max(softmax) ≥ 1/p (no underflow).
 */
function softmaxCrossEntropy(tf: Tf, scaled: Tensor2D, targets: Tensor2D): { probs: Tensor2D; perExample: Tensor1D } {
  const probs = tf.softmax(scaled);
  return { probs, perExample: crossEntropyFromProbs(tf, scaled, probs, targets) };
}

/** CE per example given s = z/τ and softmax(s) already computed (see softmaxCrossEntropy). */
export function crossEntropyFromProbs(tf: Tf, scaled: Tensor2D, probs: Tensor2D, targets: Tensor2D): Tensor1D {
  const logSumExp = tf.sub(tf.max(scaled, 1), tf.log(tf.max(probs, 1)));
  return tf.sub(logSumExp, tf.sum(tf.mul(targets, scaled), 1)) as Tensor1D;
}

/** Loss of each example (no gradient: used by the metrics). */
export function perExampleLoss(tf: Tf, kind: LossKind, logits: Tensor2D, targets: Tensor2D, temperature: number): Tensor1D {
  const scaled = tf.div(logits, temperature) as Tensor2D;
  if (kind === "ce") return softmaxCrossEntropy(tf, scaled, targets).perExample;
  return tf.sum(tf.squaredDifference(scaled, targets), 1) as Tensor1D;
}

/**
 * Mean loss over a fixed set of targets (N×p one-hot, a long-lived constant), with its gradient
 * written out so training needs no registered gradients:
 *   ce:  ∂/∂z = (softmax(z/τ) − y) / (N·τ)
 *   mse: ∂/∂z = 2·(z/τ − y) / (N·τ)
 * With S seeds stacked seed-major (targets S·n×p) pass `perSeed` = n: the value is then the SUM
 * over seeds of each seed's mean (Σ over all rows / n), so each seed's parameters get exactly the
 * gradient of its own mean loss — seeds share no parameters, so the sum decouples them.
 */
export function createMeanLoss(tf: Tf, kind: LossKind, targets: Tensor2D, temperature: number, perSeed?: number): (logits: Tensor2D) => Scalar {
  const n = perSeed ?? targets.shape[0];
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [logits, save] = args as [Tensor2D, Save];
    const scaled = tf.div(logits, temperature) as Tensor2D;
    if (kind === "ce") {
      const { probs, perExample } = softmaxCrossEntropy(tf, scaled, targets);
      save([probs]);
      return {
        value: tf.div(tf.sum(perExample), n),
        gradFunc: (dy: Tensor, saved: Tensor[]) => tf.mul(tf.sub(saved[0]!, targets), tf.div(dy, n * temperature)),
      };
    }
    const diff = tf.sub(scaled, targets);
    save([diff]);
    return {
      value: tf.div(tf.sum(tf.square(diff)), n),
      gradFunc: (dy: Tensor, saved: Tensor[]) => tf.mul(saved[0]!, tf.div(tf.mul(dy, 2), n * temperature)),
    };
  });
  return (logits) => op(logits) as Scalar;
}
