import type { Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import type { Tf } from "./ops.ts";

/**
 * Constants the §5 metrics need over all valid pairs (same pair order for every seed): one-hot
 * targets, labels, the per-seed split masks and the DFT basis. Build once per session.
 */
export interface MetricInputs {
  /** One-hot targets over all pairs, E×p (shared by every seed: all seeds see all pairs in one order). */
  targets: Tensor2D;
  /** −∞ at the correct class, 0 elsewhere (E×p): added to s it masks the correct class out of a max. */
  otherPenalty: Tensor2D;
  labels: Tensor1D;
  /** S×E: 1 where pair i is in seed s's training / test split. */
  trainMask: Tensor2D;
  testMask: Tensor2D;
  /** Training / test pairs per seed (equal for every seed: round(trainFraction·E)). */
  nTrain: number;
  nTest: number;
  /**
   * Real DFT basis over the p token rows for the non-DC frequencies k = 1..⌊p/2⌋: rows 0..K−1
   * are cos(2πka/p), rows K..2K−1 are sin(2πka/p) (K×p each, stacked to 2K×p).
   */
  dftBasis: Tensor2D;
  /** Weight of frequency k's power in the spectrum, K×1: 2 (k and p−k) except 1 for k = p/2 (even p). */
  dftPairWeights: Tensor2D;
}

/** `isTrain`: one split mask per seed (or one mask for a single seed). */
export function createMetricInputs(
  tf: Tf,
  p: number,
  labels: Int32Array,
  isTrain: Uint8Array | readonly Uint8Array[],
): MetricInputs & { dispose(): void } {
  const masks = isTrain instanceof Uint8Array ? [isTrain] : isTrain;
  const S = masks.length;
  const E = labels.length;
  const train = new Float32Array(S * E);
  const test = new Float32Array(S * E);
  const counts = masks.map((mask, s) => {
    let n = 0;
    for (let i = 0; i < E; i++) {
      train[s * E + i] = mask[i] ? 1 : 0;
      test[s * E + i] = mask[i] ? 0 : 1;
      n += mask[i] ? 1 : 0;
    }
    return n;
  });
  const nTrain = counts[0] ?? 0;
  if (counts.some((n) => n !== nTrain)) throw new Error(`metric inputs: seeds have different training split sizes (${counts.join(", ")})`);
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
  const penalty = new Float32Array(E * p);
  for (let i = 0; i < E; i++) penalty[i * p + labels[i]!] = -Infinity;
  const labelsT = tf.tensor1d(labels, "int32");
  const inputs: MetricInputs = {
    targets: tf.tidy(() => tf.cast(tf.oneHot(labelsT, p), "float32") as Tensor2D),
    otherPenalty: tf.tensor2d(penalty, [E, p]),
    labels: labelsT,
    trainMask: tf.tensor2d(train, [S, E]),
    testMask: tf.tensor2d(test, [S, E]),
    nTrain,
    nTest: E - nTrain,
    dftBasis: tf.tensor2d(basis, [2 * K, p]),
    dftPairWeights: tf.tensor2d(weights, [K, 1]),
  };
  return {
    ...inputs,
    dispose: () =>
      tf.dispose([inputs.targets, inputs.otherPenalty, labelsT, inputs.trainMask, inputs.testMask, inputs.dftBasis, inputs.dftPairWeights]),
  };
}
