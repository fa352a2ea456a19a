import { describe, expect, it } from "vitest";
import { createBatchSampler } from "./batches.ts";
import { createRng } from "./rng.ts";

describe("minibatch sampler", () => {
  it("draws sorted batches of the given size, without repeats inside an epoch (last partial batch dropped)", () => {
    const s = createBatchSampler(23, 5, createRng(1));
    const epoch = Array.from({ length: 4 }, () => s.next()); // 4 batches of 5 per epoch of 23
    for (const b of epoch) {
      expect(b.length).toBe(5);
      expect(Array.from(b)).toEqual([...b].sort((x, y) => x - y));
      for (const i of b) expect(i >= 0 && i < 23).toBe(true);
    }
    expect(new Set(epoch.flatMap((b) => Array.from(b))).size).toBe(20);
    const nextEpoch = s.next(); // a fresh permutation starts here
    expect(nextEpoch.length).toBe(5);
  });

  it("is deterministic per seed and differs across seeds; batchSize ≥ n is the whole split", () => {
    const draw = (seed: number) => {
      const s = createBatchSampler(50, 8, createRng(seed));
      return Array.from({ length: 20 }, () => Array.from(s.next()).join(",")).join(";");
    };
    expect(draw(3)).toBe(draw(3));
    expect(draw(3)).not.toBe(draw(4));
    const full = createBatchSampler(7, 100, createRng(0));
    expect(Array.from(full.next())).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(full.next())).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
