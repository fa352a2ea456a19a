import type { Variable } from "@tensorflow/tfjs-core";
import { weightNorm } from "./metrics.ts";
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
