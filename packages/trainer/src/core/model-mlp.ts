import type { Tensor2D, Tensor3D, Variable } from "@tensorflow/tfjs-core";
import type { Examples } from "./data.ts";
import type { ModelInputs, ParamSpec, TrainableModel } from "./model.ts";
import { createGelu, createPairLookup, type Tf } from "./ops.ts";
import { createSeedBias, createSeedBlockTable, createSeedMatMul } from "./ops-batched.ts";
import type { Rng } from "./rng.ts";

/**
 * The paper's MLP (SCIENCE.md §2, 2606.18465) for S seeds at once: per seed, shared embedding E
 * (p×d); [E[a]; E[b]] (2d) → W1 (2d×H) + b1 → GeLU → W2 (H×p) + b2 → logits. No LayerNorm.
 * Every parameter has a leading seed axis: E [S,p,d], W1 [S,2d,H], b1 [S,H], W2 [S,H,p], b2 [S,p].
 *
 * Speed without changing the maths: [E[a]; E[b]]·W1 = (E·W1_top)[a] + (E·W1_bottom)[b], so the
 * first layer is two row lookups into the p×H tables E·W1_top and E·W1_bottom (per seed a 2p×H
 * table; all seeds' tables stacked to S·2p rows, so one lookup serves every seed) instead of an
 * N×2d×H product.
 */
export interface MlpOptions {
  p: number;
  embedDim: number;
  hiddenDim: number;
}

/** Constant, per-split tensors for every seed; build once with prepareInputs, reuse every step. */
export interface MlpInputs extends ModelInputs {
  lookup: (table: Tensor2D) => Tensor2D;
}

export interface Mlp extends TrainableModel {
  kind: "mlp";
  params: ParamSpec[];
  /** The five variables by name. */
  named: { E: Variable; W1: Variable; b1: Variable; W2: Variable; b2: Variable };
  prepareInputs(examples: Pick<Examples, "a" | "b">[]): MlpInputs;
}

/** N(0, 1/fan_in) in float32 into `out` at `offset`, drawn in JS so every backend starts from identical weights. */
function fillNormal(rng: Rng, out: Float32Array, offset: number, count: number, fanIn: number): void {
  const std = 1 / Math.sqrt(fanIn);
  for (let i = 0; i < count; i++) out[offset + i] = rng.normal() * std;
}

/** One Rng per seed (seed index s uses rngs[s]); seed s's weights equal a 1-seed model's from rngs[s]. */
export function createMlp(tf: Tf, options: MlpOptions, rngs: Rng[]): Mlp {
  const { p, embedDim: d, hiddenDim: H } = options;
  const S = rngs.length;
  // Init: weight matrices N(0, 1/fan_in) with fan_in = d for E, 2d for W1, H for W2; biases 0 (§2).
  // Each seed draws E, W1, W2 in that order from its own stream, as the single-seed model did.
  const e = new Float32Array(S * p * d);
  const w1 = new Float32Array(S * 2 * d * H);
  const w2 = new Float32Array(S * H * p);
  rngs.forEach((rng, s) => {
    fillNormal(rng, e, s * p * d, p * d, d);
    fillNormal(rng, w1, s * 2 * d * H, 2 * d * H, 2 * d);
    fillNormal(rng, w2, s * H * p, H * p, H);
  });
  // (tidy disposes the initial values; variables survive it)
  const [E, W1, b1, W2, b2] = tf.tidy(() => [
    tf.variable(tf.tensor3d(e, [S, p, d])),
    tf.variable(tf.tensor3d(w1, [S, 2 * d, H])),
    tf.variable(tf.zeros([S, H])),
    tf.variable(tf.tensor3d(w2, [S, H, p])),
    tf.variable(tf.zeros([S, p])),
  ]) as [Variable, Variable, Variable, Variable, Variable];
  const seedMatMul = createSeedMatMul(tf);
  const seedBias = createSeedBias(tf);
  const gelu = createGelu(tf);
  const firstLayerTable = createSeedBlockTable(tf);
  const params: ParamSpec[] = [
    { name: "E", variable: E, role: "weight", group: "embed" },
    { name: "W1", variable: W1, role: "weight", group: "hidden" },
    { name: "b1", variable: b1, role: "bias" },
    { name: "W2", variable: W2, role: "weight", group: "readout" },
    { name: "b2", variable: b2, role: "bias" },
  ];

  return {
    kind: "mlp",
    seeds: S,
    params,
    named: { E, W1, b1, W2, b2 },
    weightMatrices: [E, W1, W2],
    biases: [b1, b2],
    variables: [E, W1, b1, W2, b2],
    prepareInputs(examples) {
      if (examples.length !== S) throw new Error(`mlp: ${examples.length} example sets for ${S} seeds`);
      const n = examples[0]!.a.length;
      const first = new Int32Array(S * n);
      const second = new Int32Array(S * n);
      examples.forEach((ex, s) => {
        if (ex.a.length !== n) throw new Error("mlp: every seed needs the same number of examples");
        // Seed s's table occupies rows s·2p..s·2p+2p−1: a indexes the top half, b the bottom.
        for (let i = 0; i < n; i++) {
          first[s * n + i] = ex.a[i]! + s * 2 * p;
          second[s * n + i] = ex.b[i]! + p + s * 2 * p;
        }
      });
      const { lookup, dispose } = createPairLookup(tf, first, second, S * 2 * p);
      return { n, lookup, dispose };
    },
    forward(inputs) {
      const { lookup } = inputs as MlpInputs;
      const table = firstLayerTable(E as Tensor3D, W1 as Tensor3D); // S·2p×H
      const hidden = gelu(seedBias(lookup(table), b1 as Tensor2D));
      return seedBias(seedMatMul(hidden, W2 as Tensor3D), b2 as Tensor2D);
    },
    embedding: () => E as Tensor3D,
    dispose: () => tf.dispose([E, W1, b1, W2, b2]),
  };
}
