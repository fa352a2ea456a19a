import type { Tensor, Tensor1D, Tensor2D, Tensor3D, Variable } from "@tensorflow/tfjs-core";
import type { Examples } from "./data.ts";
import type { Tf } from "./ops.ts";

/**
 * What the session needs from a model that trains S seeds at once (SCIENCE.md §2, §4 "Seeds").
 * Variables either carry a leading seed axis (both models: the MLP's E [S,p,d], the transformer's
 * W_Q [S,d,d]) or belong to one seed (`seed` set; no model uses this now). Per-seed norms, the
 * clamp and the state file work from `params` alone, whatever the layout.
 */
export type ParamGroup = "embed" | "hidden" | "readout";

export interface ParamSpec {
  /** Stable name within the model (e.g. "W1", "W_Q"): keys the saved state. */
  name: string;
  variable: Variable;
  /** Weight matrices (embeddings, linear weights) get decay, clamp and ‖W‖; biases only ‖θ‖² (§2). */
  role: "weight" | "bias";
  /** Which §5 norm group a weight matrix reports under (norm_embed / norm_hidden / norm_readout). */
  group?: ParamGroup;
  /** The seed index this variable belongs to; undefined: a leading axis of length S indexes seeds. */
  seed?: number;
}

/** Constant, per-split inputs for every seed (build once, reuse); `n` examples per seed. */
export interface ModelInputs {
  n: number;
  dispose(): void;
}

export interface TrainableModel {
  kind: "mlp" | "transformer";
  seeds: number;
  params: ParamSpec[];
  /** Every trainable variable, in params order. */
  variables: Variable[];
  weightMatrices: Variable[];
  biases: Variable[];
  /** One example set per seed, all of the same length. */
  prepareInputs(examples: Pick<Examples, "a" | "b">[]): ModelInputs;
  /** Logits z, seed-major: [S·n, p], rows s·n..(s+1)·n−1 are seed s's. */
  forward(inputs: ModelInputs): Tensor2D;
  /** The p×d token embedding of every seed, [S,p,d], for fourier_score. Call inside a tidy. */
  embedding(): Tensor3D;
  dispose(): void;
}

/**
 * Σ of squares per seed ([S]) of `tensors`, aligned with `specs` (the variables themselves, or
 * their gradients / updates, which share the layout). No read-back.
 */
export function sumSquaresBySeed(tf: Tf, specs: ParamSpec[], tensors: Tensor[], seeds: number): Tensor1D {
  const parts = specs.map((spec, i) => {
    const t = tensors[i]!;
    if (spec.seed === undefined) return tf.sum(tf.reshape(tf.square(t), [seeds, -1]), 1) as Tensor1D;
    // One seed's variable: its scalar at position `seed`, zeros elsewhere.
    return tf.pad(tf.reshape(tf.sum(tf.square(t)), [1]), [[spec.seed, seeds - spec.seed - 1]]) as Tensor1D;
  });
  return (parts.length === 0 ? tf.zeros([seeds]) : tf.addN(parts)) as Tensor1D;
}

/** Multiplies each seed's variables among `specs` by scale[seed] (scale: [S]), in place. */
export function scaleBySeed(tf: Tf, specs: ParamSpec[], scale: Tensor1D, seeds: number): void {
  tf.tidy(() => {
    for (const spec of specs) {
      const v = spec.variable;
      const factor =
        spec.seed === undefined ? tf.reshape(scale, [seeds, ...v.shape.slice(1).map(() => 1)]) : tf.slice(scale, [spec.seed], [1]);
      v.assign(tf.mul(v, factor));
    }
  });
}

/** Squared norms per seed of each §5 group, of the weight matrices, and of every parameter. */
export function parameterNormsBySeed(tf: Tf, model: TrainableModel): { embedSq: Tensor1D; hiddenSq: Tensor1D; readoutSq: Tensor1D; paramSq: Tensor1D } {
  const of = (keep: (s: ParamSpec) => boolean) => {
    const specs = model.params.filter(keep);
    return sumSquaresBySeed(tf, specs, specs.map((s) => s.variable), model.seeds);
  };
  return {
    embedSq: of((s) => s.group === "embed"),
    hiddenSq: of((s) => s.group === "hidden"),
    readoutSq: of((s) => s.group === "readout"),
    paramSq: of(() => true),
  };
}
