import type { NamedTensorMap, Tensor, Variable } from "@tensorflow/tfjs-core";
import type { RunConfig } from "@grokscope/spec";
import type { Tf } from "./ops.ts";

/**
 * Full-batch AdamW (SCIENCE.md §3) with decoupled weight decay λ on weight matrices only.
 * Moments and bias correction as torch.optim.AdamW:
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²
 *   P ← P − (lr / (1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + ε)
 * Decay order (`decayOrder`):
 *   "after": Adam update, then P ← P − lr·λ·P (decay after the Adam step, as 2606.18465's code does)
 *   "torch": P ← P − lr·λ·P first, then the Adam update (torch.optim.AdamW)
 * Linear warm-up (`warmupSteps` W > 0): update t (1-based) uses lr_t = lr·min(1, t/W) in place of
 * lr in both the Adam move and the decay, as a PyTorch LR scheduler would (lr/W at t = 1, lr from t = W).
 */
export type AdamWConfig = Pick<RunConfig, "lr" | "beta1" | "beta2" | "eps" | "weightDecay" | "decayOrder"> &
  Partial<Pick<RunConfig, "warmupSteps">>;

/** The learning rate of update t (1-based) under a linear warm-up of `warmupSteps` updates. */
export function learningRateAt(lr: number, warmupSteps: number, t: number): number {
  return warmupSteps > 0 && t < warmupSteps ? (lr * t) / warmupSteps : lr;
}

export interface AdamW {
  /** Number of updates applied so far (t in the bias correction). */
  readonly step: number;
  /** Applies one update; `grads` is keyed by variable name (tf.variableGrads' shape). */
  apply(grads: NamedTensorMap): void;
  /** First and second moments, in the order of the params given to createAdamW (for checkpoints). */
  readonly moments: { m: Variable; v: Variable }[];
  /** Sets t (after loading moments from a checkpoint). */
  setStep(t: number): void;
  dispose(): void;
}

export function createAdamW(tf: Tf, params: { variable: Variable; decay: boolean }[], config: AdamWConfig): AdamW {
  const { lr: baseLr, beta1, beta2, eps, weightDecay, decayOrder } = config;
  const warmupSteps = config.warmupSteps ?? 0;
  const state = tf.tidy(() =>
    params.map(({ variable, decay }) => ({
      variable,
      decay: decay && weightDecay > 0,
      m: tf.variable(tf.zerosLike(variable), false),
      v: tf.variable(tf.zerosLike(variable), false),
    })),
  );
  let t = 0;

  return {
    get step() {
      return t;
    },
    moments: state.map(({ m, v }) => ({ m, v })),
    setStep(step) {
      t = step;
    },
    apply(grads) {
      t += 1;
      const lr = learningRateAt(baseLr, warmupSteps, t);
      // Scalars in float64 on the host, as PyTorch computes them in Python floats.
      const stepSize = lr / (1 - beta1 ** t);
      const invSqrtBc2 = 1 / Math.sqrt(1 - beta2 ** t);
      const keep = 1 - lr * weightDecay;
      tf.tidy(() => {
        for (const s of state) {
          const g = grads[s.variable.name];
          if (!g) throw new Error(`no gradient for variable ${s.variable.name}`);
          let param: Tensor = s.variable;
          if (s.decay && decayOrder === "torch") param = tf.mul(param, keep);
          const m = tf.add(tf.mul(s.m, beta1), tf.mul(g, 1 - beta1));
          const v = tf.add(tf.mul(s.v, beta2), tf.mul(tf.square(g), 1 - beta2));
          const denom = tf.add(tf.mul(tf.sqrt(v), invSqrtBc2), eps);
          param = tf.sub(param, tf.mul(tf.div(m, denom), stepSize));
          if (s.decay && decayOrder === "after") param = tf.mul(param, keep);
          s.m.assign(m);
          s.v.assign(v);
          s.variable.assign(param);
        }
      });
    },
    dispose: () => state.forEach((s) => tf.dispose([s.m, s.v])),
  };
}
