import type { Tensor2D, Tensor3D, Variable } from "@tensorflow/tfjs-core";
import type { Examples } from "./data.ts";
import type { ModelInputs, ParamGroup, ParamSpec, TrainableModel } from "./model.ts";
import type { Tf } from "./ops.ts";
import { createSeedBias, createSeedMatMul } from "./ops-batched.ts";
import type { Rng } from "./rng.ts";
import { createLastPositionAttention } from "./transformer-attention.ts";
import { createAdd, createRelu, createRowLookup, createSeedProduct } from "./transformer-ops.ts";

/**
 * One-layer transformer of Nanda et al. 2023 (2301.05217; SCIENCE.md §2), S seeds trained as ONE
 * batched computation: tokens (a, b, =) with "=" the token p (vocabulary p+1);
 * x_t = W_E[token_t] + W_pos[t]; multi-head attention (W_Q, W_K, W_V, d×d with head h on columns
 * [h·d/H, (h+1)·d/H); W_O d×d) added to the residual stream; MLP ReLU(x·W_in + b_in)·W_out + b_out
 * added to the residual; logits = x·W_U (no bias) at the last position. No LayerNorm.
 *
 * Seeds (as model-mlp.ts / ops-batched.ts): every parameter has a leading seed axis (W_E [S,p+1,d],
 * W_Q [S,d,d], b_in [S,m], …); activations are seed-major 2-D ([S·n, c], seed s on rows
 * s·n..(s+1)·n−1), so one op serves every seed and each seed still has its own init, split and
 * gradient. Per-seed products go through ops-batched's seam (one rank-3 matMul on native/GPU
 * backends; on wasm, whose rank-3 matMul is slow, S plain 2-D ones), the rest are single 2-D ops
 * over all seeds. ParamSpec.seed stays unset: norms, clamp, AdamW, Grokfast and the state file
 * handle the leading axis as for the MLP. (The model used to keep one 2-D set of variables per seed
 * and loop over seeds; state.ts still restores checkpoints saved that way, `seed${s}/${name}`.)
 *
 * Only the last position is read, so we compute q at position 2 only and k, v at all three.
 * This is exact, not an approximation: in one layer the residual stream at position 2 depends on
 * other positions only through position 2's attention, and under Nanda's causal mask position 2
 * attends to all of 0, 1, 2 — the same as without a mask. Positions 0 and 1's own outputs never
 * reach the logits. Position 2's token is always "=", so x_2, q, k_2, v_2 are one row per seed,
 * shared by all its examples (the attention's gradient sums them per seed: transformer-attention.ts).
 * Positions 0, 1 enter only through k, v; by linearity k_0 = ((W_E + W_pos[0])·W_K)[a] (likewise
 * k_1 with b, and v): row lookups into per-seed (p+1)×d tables instead of n×d×d products (exact).
 */
export interface TransformerOptions {
  p: number;
  dModel: number;
  heads: number;
  mlpDim: number;
}

export const TRANSFORMER_PARAMS = ["W_E", "W_pos", "W_Q", "W_K", "W_V", "W_O", "W_in", "b_in", "W_out", "b_out", "W_U"] as const;
export type TransformerParam = (typeof TRANSFORMER_PARAMS)[number];

/** Constant, per-split tensors for every seed; build once with prepareInputs, reuse every step. */
export interface TransformerInputs extends ModelInputs {
  /** Row lookups of a seed-major S·(p+1)-row token table at each seed's a (resp. b): [S·n, c]. */
  first: (table: Tensor2D) => Tensor2D;
  second: (table: Tensor2D) => Tensor2D;
}

export interface Transformer extends TrainableModel {
  kind: "transformer";
  params: ParamSpec[];
  /** The eleven variables by name, each [S, …]. */
  named: Record<TransformerParam, Variable>;
  prepareInputs(examples: Pick<Examples, "a" | "b">[]): TransformerInputs;
}

const GROUP: Partial<Record<TransformerParam, ParamGroup>> = {
  W_E: "embed",
  W_pos: "embed",
  W_Q: "hidden",
  W_K: "hidden",
  W_V: "hidden",
  W_O: "hidden",
  W_in: "hidden",
  W_out: "hidden",
  W_U: "readout",
};

/**
 * One Rng per seed (seed index s uses rngs[s]). Init: weight matrices N(0, 1/fan_in) (fan_in = d
 * except W_out: mlpDim), biases 0 — as the MLP (§2); each seed draws W_E, W_pos, W_Q, W_K, W_V, W_O,
 * W_in, W_out, W_U in that order from its own stream, in JS (float32), so every backend starts from
 * identical weights and seed s's are those of a 1-seed model from rngs[s].
 */
export function createTransformer(tf: Tf, options: TransformerOptions, rngs: Rng[]): Transformer {
  const { p, dModel: d, heads, mlpDim: m } = options;
  if (!Number.isInteger(d / heads)) throw new Error(`dModel ${d} must be divisible by heads ${heads}`);
  const S = rngs.length;
  const shapes: Record<TransformerParam, [number, number] | [number]> = {
    W_E: [p + 1, d],
    W_pos: [3, d],
    W_Q: [d, d],
    W_K: [d, d],
    W_V: [d, d],
    W_O: [d, d],
    W_in: [d, m],
    b_in: [m],
    W_out: [m, d],
    b_out: [d],
    W_U: [d, p],
  };
  const sizeOf = (name: TransformerParam) => shapes[name].reduce((a, b) => a * b, 1);
  const values = Object.fromEntries(TRANSFORMER_PARAMS.map((name) => [name, new Float32Array(S * sizeOf(name))])) as Record<TransformerParam, Float32Array>;
  rngs.forEach((rng, s) => {
    for (const name of TRANSFORMER_PARAMS) {
      if (!GROUP[name]) continue; // biases: zeros, no draws
      const std = 1 / Math.sqrt(name === "W_out" ? m : d);
      const out = values[name];
      const size = sizeOf(name);
      for (let i = s * size; i < (s + 1) * size; i++) out[i] = rng.normal() * std;
    }
  });
  // (tidy disposes the initial values; variables survive it)
  const named = tf.tidy(() =>
    Object.fromEntries(TRANSFORMER_PARAMS.map((name) => [name, tf.variable(tf.tensor(values[name], [S, ...shapes[name]]))])),
  ) as Record<TransformerParam, Variable>;
  const params: ParamSpec[] = TRANSFORMER_PARAMS.map((name) => ({
    name,
    variable: named[name],
    role: GROUP[name] ? "weight" : "bias",
    group: GROUP[name],
  }));
  const variables = params.map((s) => s.variable);
  const seedProduct = createSeedProduct(tf);
  const seedMatMul = createSeedMatMul(tf);
  const seedBias = createSeedBias(tf);
  const add = createAdd(tf);
  const relu = createRelu(tf);
  const attention = createLastPositionAttention(tf, d, heads);
  // Per seed, one row of a seed-axis table: W_E[s][p] ("="), W_pos[s][t].
  const perSeedRow = (row: number, rows: number) => createRowLookup(tf, Int32Array.from({ length: S }, (_, s) => s * rows + row), S * rows);
  const equalsToken = perSeedRow(p, p + 1);
  const positions = [0, 1, 2].map((t) => perSeedRow(t, 3));
  const t3 = (name: TransformerParam) => named[name] as Tensor3D;
  const [W_E, W_pos, W_Q, W_K, W_V, W_O, W_in, W_out, W_U] = [t3("W_E"), t3("W_pos"), t3("W_Q"), t3("W_K"), t3("W_V"), t3("W_O"), t3("W_in"), t3("W_out"), t3("W_U")];
  const [b_in, b_out] = [named.b_in as Tensor2D, named.b_out as Tensor2D];

  return {
    kind: "transformer",
    seeds: S,
    params,
    named,
    variables,
    weightMatrices: params.filter((s) => s.role === "weight").map((s) => s.variable),
    biases: params.filter((s) => s.role === "bias").map((s) => s.variable),
    embedding: () => tf.slice(W_E, [0, 0, 0], [S, p, d]) as Tensor3D,
    prepareInputs(examples) {
      if (examples.length !== S) throw new Error(`transformer: ${examples.length} example sets for ${S} seeds`);
      const n = examples[0]!.a.length;
      const first = new Int32Array(S * n);
      const second = new Int32Array(S * n);
      examples.forEach((ex, s) => {
        if (ex.a.length !== n) throw new Error("transformer: every seed needs the same number of examples");
        // Seed s's token table occupies rows s·(p+1)..s·(p+1)+p.
        for (let i = 0; i < n; i++) {
          first[s * n + i] = ex.a[i]! + s * (p + 1);
          second[s * n + i] = ex.b[i]! + s * (p + 1);
        }
      });
      const a = createRowLookup(tf, first, S * (p + 1));
      const b = createRowLookup(tf, second, S * (p + 1));
      return {
        n,
        first: a.lookup,
        second: b.lookup,
        dispose: () => {
          a.dispose();
          b.dispose();
        },
      };
    },
    forward(inputs) {
      const { first, second } = inputs as TransformerInputs;
      const [pos0, pos1, pos2] = positions.map((t) => t.lookup(W_pos)) as [Tensor2D, Tensor2D, Tensor2D]; // [S, d] each
      const x2 = add(equalsToken.lookup(W_E), pos2); // [S, d], the "=" position's residual stream
      // k_t (v_t) for t = 0, 1: lookups into per-seed tables (W_E·W_K)[·] + (W_pos[t]·W_K), [S·(p+1), d].
      const kv01 = (w: Tensor3D) => {
        const table = seedProduct(W_E, w);
        return [first(seedBias(table, seedMatMul(pos0, w))), second(seedBias(table, seedMatMul(pos1, w)))] as const;
      };
      const [k0, k1] = kv01(W_K);
      const [v0, v1] = kv01(W_V);
      const z = attention.attend(k0, k1, v0, v1, seedMatMul(x2, W_Q), seedMatMul(x2, W_K), seedMatMul(x2, W_V)); // [S·n, d]
      const resid = seedBias(seedMatMul(z, W_O), x2); // residual stream at position 2
      const hidden = relu(seedBias(seedMatMul(resid, W_in), b_in));
      const post = add(resid, seedBias(seedMatMul(hidden, W_out), b_out));
      return seedMatMul(post, W_U); // [S·n, p]
    },
    dispose: () => {
      attention.dispose();
      equalsToken.dispose();
      positions.forEach((t) => t.dispose());
      tf.dispose(variables);
    },
  };
}
