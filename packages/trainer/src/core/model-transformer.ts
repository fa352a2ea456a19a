import type { Tensor1D, Tensor2D, Variable } from "@tensorflow/tfjs-core";
import type { Examples } from "./data.ts";
import { createAddBias, createMatMul, type Tf } from "./ops.ts";
import type { Rng } from "./rng.ts";
import { createLastPositionAttention } from "./transformer-attention.ts";
import { createAdd, createAddRow, createRelu, createRowLookup } from "./transformer-ops.ts";

/**
 * One-layer transformer of Nanda et al. 2023 (2301.05217; SCIENCE.md §2): tokens (a, b, =) with
 * "=" the token p (vocabulary p+1); x_t = W_E[token_t] + W_pos[t]; multi-head attention
 * (W_Q, W_K, W_V, d×d with head h on columns [h·d/H, (h+1)·d/H); W_O d×d) added to the residual
 * stream; MLP ReLU(x·W_in + b_in)·W_out + b_out added to the residual; logits = x·W_U (no bias)
 * at the last position. No LayerNorm.
 *
 * Only the last position is read, so we compute q at position 2 only and k, v at all three.
 * This is exact, not an approximation: in one layer the residual stream at position 2 depends on
 * other positions only through position 2's attention, and under Nanda's causal mask position 2
 * attends to all of 0, 1, 2 — the same as without a mask. Positions 0 and 1's own outputs never
 * reach the logits. Position 2's token is always "=", so x_2, q, k_2, v_2 are one row shared by
 * every example.
 */
export interface TransformerOptions {
  p: number;
  dModel: number;
  heads: number;
  mlpDim: number;
}

/** Constant, per-split tensors; build once with prepareInputs, reuse every step. */
export interface TransformerInputs {
  n: number;
  /** Row lookups of a (p+1)-row token table at [a; b] (2n rows) and of a 3-row position table at [0 ×n; 1 ×n]. */
  tokens: (table: Tensor2D) => Tensor2D;
  positions: (table: Tensor2D) => Tensor2D;
  dispose: () => void;
}

export interface Transformer {
  kind: "transformer";
  params: Record<"W_E" | "W_pos" | "W_Q" | "W_K" | "W_V" | "W_O" | "W_in" | "b_in" | "W_out" | "b_out" | "W_U", Variable>;
  variables: Variable[];
  /** Weight matrices (norms, decay, clamp act on these only) and biases. */
  weightMatrices: Variable[];
  biases: Variable[];
  normGroups: { embed: Variable[]; hidden: Variable[]; readout: Variable[] };
  /** The p×d token embedding (the first p rows of W_E, without "="), for fourier_score. */
  embedding(): Tensor2D;
  prepareInputs(examples: Pick<Examples, "a" | "b">): TransformerInputs;
  /** Logits z (N×p). */
  forward(inputs: TransformerInputs): Tensor2D;
  dispose(): void;
}

/** N(0, 1/fan_in) in float32, drawn in JS so every backend starts from identical weights. */
function normalMatrix(tf: Tf, rng: Rng, rows: number, cols: number, fanIn: number): Variable {
  const std = 1 / Math.sqrt(fanIn);
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal() * std;
  return tf.variable(tf.tensor2d(out, [rows, cols]));
}

export function createTransformer(tf: Tf, options: TransformerOptions, rng: Rng): Transformer {
  const { p, dModel: d, heads, mlpDim: m } = options;
  if (!Number.isInteger(d / heads)) throw new Error(`dModel ${d} must be divisible by heads ${heads}`);
  // Init: weight matrices N(0, 1/fan_in) (fan_in = d except W_out: mlpDim), biases 0 — as the MLP (§2).
  const params = tf.tidy(() => ({
    W_E: normalMatrix(tf, rng, p + 1, d, d),
    W_pos: normalMatrix(tf, rng, 3, d, d),
    W_Q: normalMatrix(tf, rng, d, d, d),
    W_K: normalMatrix(tf, rng, d, d, d),
    W_V: normalMatrix(tf, rng, d, d, d),
    W_O: normalMatrix(tf, rng, d, d, d),
    W_in: normalMatrix(tf, rng, d, m, d),
    b_in: tf.variable(tf.zeros([m])),
    W_out: normalMatrix(tf, rng, m, d, m),
    b_out: tf.variable(tf.zeros([d])),
    W_U: normalMatrix(tf, rng, d, p, d),
  }));
  const { W_E, W_pos, W_Q, W_K, W_V, W_O, W_in, b_in, W_out, b_out, W_U } = params;
  const matMul = createMatMul(tf);
  const addBias = createAddBias(tf);
  const add = createAdd(tf);
  const addRow = createAddRow(tf);
  const relu = createRelu(tf);
  const attention = createLastPositionAttention(tf, d, heads);
  // The "=" position: W_E[p] + W_pos[2], one row for every example.
  const equalsToken = createRowLookup(tf, Int32Array.of(p), p + 1);
  const lastPosition = createRowLookup(tf, Int32Array.of(2), 3);
  const variables = [W_E, W_pos, W_Q, W_K, W_V, W_O, W_in, b_in, W_out, b_out, W_U];
  const as2 = (v: Variable) => v as Tensor2D;

  return {
    kind: "transformer",
    params,
    variables,
    weightMatrices: [W_E, W_pos, W_Q, W_K, W_V, W_O, W_in, W_out, W_U],
    biases: [b_in, b_out],
    normGroups: { embed: [W_E, W_pos], hidden: [W_Q, W_K, W_V, W_O, W_in, W_out], readout: [W_U] },
    embedding: () => tf.slice(W_E, [0, 0], [p, d]) as Tensor2D,
    prepareInputs(examples) {
      const n = examples.a.length;
      const tokenRows = new Int32Array(2 * n);
      tokenRows.set(examples.a, 0);
      tokenRows.set(examples.b, n);
      const positionRows = new Int32Array(2 * n).fill(1, n);
      const tokens = createRowLookup(tf, tokenRows, p + 1);
      const positions = createRowLookup(tf, positionRows, 3);
      return {
        n,
        tokens: tokens.lookup,
        positions: positions.lookup,
        dispose: () => {
          tokens.dispose();
          positions.dispose();
        },
      };
    },
    forward(inputs) {
      // Positions 0, 1 enter only through k, v; by linearity k_t = (W_E·W_K)[token_t] + (W_pos·W_K)[t]
      // (same for v): lookups into (p+1)×d tables instead of two 2n×d×d products (exact; ~4× less work).
      const [wE, wPos, wK, wV] = [as2(W_E), as2(W_pos), as2(W_K), as2(W_V)];
      const k01 = add(inputs.tokens(matMul(wE, wK)), inputs.positions(matMul(wPos, wK))); // 2n×d
      const v01 = add(inputs.tokens(matMul(wE, wV)), inputs.positions(matMul(wPos, wV)));
      const x2 = add(equalsToken.lookup(wE), lastPosition.lookup(wPos)); // 1×d
      const z = attention.attend(k01, v01, matMul(x2, as2(W_Q)), matMul(x2, wK), matMul(x2, wV));
      const resid = addRow(matMul(z, as2(W_O)), x2); // n×d, residual stream at position 2
      const hidden = relu(addBias(matMul(resid, as2(W_in)), b_in as Tensor1D));
      const post = add(resid, addBias(matMul(hidden, as2(W_out)), b_out as Tensor1D));
      return matMul(post, as2(W_U));
    },
    dispose: () => {
      attention.dispose();
      equalsToken.dispose();
      lastPosition.dispose();
      tf.dispose(variables);
    },
  };
}
