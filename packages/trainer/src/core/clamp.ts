import type { Variable } from "@tensorflow/tfjs-core";
import { weightNorm } from "./metrics.ts";
import { scaleBySeed, sumSquaresBySeed, type ParamSpec } from "./model.ts";
import type { Tf } from "./ops.ts";

/**
 * Weight-norm clamp (SCIENCE.md §4): multiply every weight matrix by one scalar so that
 * ‖W‖ = sqrt(Σ ‖M‖_F²) equals `target`. Biases and optimiser moments are untouched. Runs on the
 * backend without reading the norm back (no sync).
 */
export function clampWeightNorm(tf: Tf, weightMatrices: Variable[], target: number): void {
  tf.tidy(() => {
    const scale = tf.div(target, weightNorm(tf, weightMatrices));
    for (const w of weightMatrices) w.assign(tf.mul(w, scale));
  });
}

/**
 * The same clamp for S seeds trained together: each seed's weight matrices get their own scalar,
 * target / ‖W_s‖, so every seed lands on the target independently (the paper clamps each run).
 * Biases are untouched. No read-back.
 */
export function clampWeightNormBySeed(tf: Tf, params: ParamSpec[], seeds: number, target: number): void {
  const weights = params.filter((s) => s.role === "weight");
  tf.tidy(() => {
    const norms = tf.sqrt(sumSquaresBySeed(tf, weights, weights.map((s) => s.variable), seeds));
    scaleBySeed(tf, weights, tf.div(target, norms), seeds);
  });
}
