import type { Tensor2D, Tensor1D, Variable } from "@tensorflow/tfjs-core";
import type { Examples } from "./data.ts";
import { createAddBias, createGelu, createMatMul, createPairLookup, createStackedBlockProducts, type Tf } from "./ops.ts";
import type { Rng } from "./rng.ts";

/**
 * The paper's MLP (SCIENCE.md §2, 2606.18465): shared embedding E (p×d); [E[a]; E[b]] (2d)
 * → W1 (2d×H) + b1 → GeLU → W2 (H×p) + b2 → logits. No LayerNorm.
 *
 * Speed without changing the maths: [E[a]; E[b]]·W1 = (E·W1_top)[a] + (E·W1_bottom)[b], so the
 * first layer is two row lookups into the p×H tables E·W1_top and E·W1_bottom (a (2p×H) table
 * T, rows 0..p−1 for a and p..2p−1 for b) instead of an N×2d×H product.
 */
export interface MlpOptions {
  p: number;
  embedDim: number;
  hiddenDim: number;
}

/** Constant, per-split tensors; build once with prepareInputs, reuse every step. */
export interface MlpInputs {
  n: number;
  lookup: (table: Tensor2D) => Tensor2D;
  dispose: () => void;
}

export interface Mlp {
  kind: "mlp";
  params: { E: Variable; W1: Variable; b1: Variable; W2: Variable; b2: Variable };
  /** Weight matrices (embeddings, linear weights): norms, clamps and weight decay act on these only. */
  weightMatrices: Variable[];
  biases: Variable[];
  /** Every trainable variable, in a fixed order. */
  variables: Variable[];
  prepareInputs(examples: Pick<Examples, "a" | "b">): MlpInputs;
  /** Logits z (N×p). */
  forward(inputs: MlpInputs): Tensor2D;
  dispose(): void;
}

/** N(0, 1/fan_in) in float32, drawn in JS so every backend starts from identical weights. */
function normalMatrix(rng: Rng, rows: number, cols: number, fanIn: number): Float32Array {
  const std = 1 / Math.sqrt(fanIn);
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal() * std;
  return out;
}

export function createMlp(tf: Tf, options: MlpOptions, rng: Rng): Mlp {
  const { p, embedDim: d, hiddenDim: H } = options;
  // Init: weight matrices N(0, 1/fan_in) with fan_in = d for E, 2d for W1, H for W2; biases 0 (§2).
  // (tidy disposes the initial values; variables survive it)
  const [E, W1, b1, W2, b2] = tf.tidy(() => [
    tf.variable(tf.tensor2d(normalMatrix(rng, p, d, d), [p, d])),
    tf.variable(tf.tensor2d(normalMatrix(rng, 2 * d, H, 2 * d), [2 * d, H])),
    tf.variable(tf.zeros([H])),
    tf.variable(tf.tensor2d(normalMatrix(rng, H, p, H), [H, p])),
    tf.variable(tf.zeros([p])),
  ]) as [Variable, Variable, Variable, Variable, Variable];
  const matMul = createMatMul(tf);
  const addBias = createAddBias(tf);
  const gelu = createGelu(tf);
  const firstLayerTable = createStackedBlockProducts(tf);

  return {
    kind: "mlp",
    params: { E, W1, b1, W2, b2 },
    weightMatrices: [E, W1, W2],
    biases: [b1, b2],
    variables: [E, W1, b1, W2, b2],
    prepareInputs(examples) {
      const second = new Int32Array(examples.b.length);
      for (let i = 0; i < second.length; i++) second[i] = examples.b[i]! + p;
      const { lookup, dispose } = createPairLookup(tf, examples.a, second, 2 * p);
      return { n: examples.a.length, lookup, dispose };
    },
    forward(inputs) {
      const table = firstLayerTable(E as Tensor2D, W1 as Tensor2D); // [E·W1_top; E·W1_bottom], 2p×H
      const hidden = gelu(addBias(inputs.lookup(table), b1 as Tensor1D));
      return addBias(matMul(hidden, W2 as Tensor2D), b2 as Tensor1D);
    },
    dispose: () => tf.dispose([E, W1, b1, W2, b2]),
  };
}
