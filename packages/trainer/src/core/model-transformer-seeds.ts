import type { Tensor2D, Tensor3D } from "@tensorflow/tfjs-core";
import type { ModelInputs, ParamGroup, ParamSpec, TrainableModel } from "./model.ts";
import { createTransformer, type Transformer, type TransformerInputs, type TransformerOptions } from "./model-transformer.ts";
import type { Tf } from "./ops.ts";
import { createConcatRows } from "./ops-batched.ts";
import type { Rng } from "./rng.ts";

/**
 * The one-layer transformer (model-transformer.ts) as a TrainableModel over S seeds: one set of
 * 2-D variables per seed, forwarded seed by seed, logits concatenated seed-major.
 *
 * Why a loop over seeds and not the leading-axis layout of the MLP: the attention op
 * (transformer-attention.ts) has a hand-written gradient built on the fact that the "=" position's
 * q, k₂, v₂ are ONE row shared by every example; with S seeds they become S rows, each shared by
 * its own seed's examples, and every "sum over examples" in that gradient becomes a seed-segmented
 * sum. That rewrite (plus batched versions of its lookups) is real work with its own gradient
 * checks; until it is done, S forwards in one graph keep each seed exact and still train all seeds
 * in one step, one optimiser call and one read-back per evaluation. The rest of the session
 * (AdamW, Grokfast, per-seed clamp and norms, state) is layout-agnostic through ParamSpec.seed.
 */
interface SeedTransformerInputs extends ModelInputs {
  perSeed: TransformerInputs[];
}

export function createSeedTransformers(tf: Tf, options: TransformerOptions, rngs: Rng[]): TrainableModel & { models: Transformer[] } {
  const S = rngs.length;
  const models = rngs.map((rng) => createTransformer(tf, options, rng));
  const concatRows = createConcatRows(tf);
  const params: ParamSpec[] = models.flatMap((model, seed) => {
    const groupOf = new Map<unknown, ParamGroup>();
    for (const group of ["embed", "hidden", "readout"] as const) for (const v of model.normGroups[group]) groupOf.set(v, group);
    return Object.entries(model.params).map(([name, variable]) => ({
      name: `seed${seed}/${name}`,
      variable,
      role: model.weightMatrices.includes(variable) ? ("weight" as const) : ("bias" as const),
      group: groupOf.get(variable),
      seed,
    }));
  });

  return {
    kind: "transformer",
    seeds: S,
    models,
    params,
    variables: params.map((s) => s.variable),
    weightMatrices: params.filter((s) => s.role === "weight").map((s) => s.variable),
    biases: params.filter((s) => s.role === "bias").map((s) => s.variable),
    prepareInputs(examples): SeedTransformerInputs {
      if (examples.length !== S) throw new Error(`transformer: ${examples.length} example sets for ${S} seeds`);
      const perSeed = models.map((m, s) => m.prepareInputs(examples[s]!));
      return { n: perSeed[0]!.n, perSeed, dispose: () => perSeed.forEach((i) => i.dispose()) };
    },
    forward(inputs) {
      const { perSeed } = inputs as SeedTransformerInputs;
      return concatRows(models.map((m, s) => m.forward(perSeed[s]!))) as Tensor2D;
    },
    embedding: () => tf.stack(models.map((m) => m.embedding())) as Tensor3D,
    dispose: () => models.forEach((m) => m.dispose()),
  };
}
