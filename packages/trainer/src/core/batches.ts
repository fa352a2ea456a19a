import type { Rng, RngState } from "./rng.ts";

/**
 * Seeded minibatch sampler over n training examples: epochs of a fresh random permutation cut
 * into consecutive batches of `batchSize`; a last partial batch is dropped (as PyTorch's
 * DataLoader with shuffle and drop_last), so every batch has exactly min(batchSize, n) examples
 * and no example repeats within an epoch. batchSize ≥ n gives the whole split every time.
 */
export interface BatchSampler {
  /** Indices (into the training split) of the next batch, sorted ascending. */
  next(): Int32Array;
  /** Everything the next draws depend on (for checkpoints): running order, position, RNG. */
  state(): SamplerState;
  restore(state: SamplerState): void;
}

export interface SamplerState {
  order: Int32Array;
  at: number;
  rng: RngState;
}

export function createBatchSampler(n: number, batchSize: number, rng: Rng): BatchSampler {
  const size = Math.min(batchSize, n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let at = n; // force a shuffle on the first call
  return {
    next() {
      if (size === n) return order.slice();
      if (at + size > n) {
        // Fisher–Yates on the running order
        for (let i = n - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          const t = order[i]!;
          order[i] = order[j]!;
          order[j] = t;
        }
        at = 0;
      }
      const batch = order.slice(at, at + size).sort();
      at += size;
      return batch;
    },
    state: () => ({ order: order.slice(), at, rng: rng.state() }),
    restore(state) {
      if (state.order.length !== n) throw new Error(`sampler state is for ${state.order.length} examples, not ${n}`);
      order.set(state.order);
      at = state.at;
      rng.restore(state.rng);
    },
  };
}
