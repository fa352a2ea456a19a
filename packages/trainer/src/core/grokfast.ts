import type { NamedTensorMap, Variable } from "@tensorflow/tfjs-core";
import type { RunConfig } from "@grokscope/spec";
import type { Tf } from "./ops.ts";

/**
 * Grokfast-EMA gradient filter (Lee et al. 2405.20233), applied to the raw gradient before AdamW:
 *   ema ← α·ema + (1−α)·g;   g ← g + λ·ema
 * As the paper's reference `gradfilter_ema`, the EMA starts at the first gradient (not at zero), so
 * update 1 sees g·(1 + λ).
 */
export type GrokfastConfig = NonNullable<RunConfig["grokfast"]>;

export interface Grokfast {
  /** Filtered gradients, keyed like `grads`; call inside a tidy. Updates the EMA. */
  filter(grads: NamedTensorMap): NamedTensorMap;
  /** EMA buffers in the order of the variables given to createGrokfast (for checkpoints). */
  readonly buffers: Variable[];
  /** Whether the EMA holds a gradient yet (false: the next filter() starts it at g). */
  started: boolean;
  dispose(): void;
}

export function createGrokfast(tf: Tf, variables: Variable[], config: GrokfastConfig): Grokfast {
  const { alpha, lambda } = config;
  const ema = new Map(variables.map((v) => [v.name, tf.tidy(() => tf.variable(tf.zerosLike(v), false))]));
  let first = true;
  return {
    buffers: variables.map((v) => ema.get(v.name)!),
    get started() {
      return !first;
    },
    set started(value: boolean) {
      first = !value;
    },
    filter(grads) {
      const out: NamedTensorMap = {};
      for (const [name, g] of Object.entries(grads)) {
        const e = ema.get(name);
        if (!e) throw new Error(`grokfast: unknown variable ${name}`);
        const next = first ? g : tf.add(tf.mul(e, alpha), tf.mul(g, 1 - alpha));
        e.assign(next);
        out[name] = tf.add(g, tf.mul(next, lambda));
      }
      first = false;
      return out;
    },
    dispose: () => tf.dispose([...ema.values()]),
  };
}
