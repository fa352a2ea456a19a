import { describe, expect, it } from "vitest";
import { METRIC_KEYS, parseRunConfig, type RunConfigInput } from "@grokscope/spec";
import { selectBackend } from "../backends.ts";
import { createTrainingSession } from "./session.ts";
import { train, type Checkpoint, type Evaluation, type TrainDeps } from "./train.ts";

const { tf } = await selectBackend("wasm");

const configOf = (input: RunConfigInput) => {
  const r = parseRunConfig({ model: "transformer", p: 11, embedDim: 16, heads: 2, hiddenDim: 32, trainFraction: 0.6, lr: 1e-2, weightDecay: 0.1, evalEvery: 10, checkpointEvery: 0, ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};
const run = async (input: RunConfigInput, deps: Partial<TrainDeps> = {}) => {
  const evaluations: Evaluation[] = [];
  const checkpoints: Checkpoint[] = [];
  const result = await train(configOf(input), { tf, sink: { onEvaluation: (e) => void evaluations.push(e) }, onCheckpoint: async (c) => void checkpoints.push(c), ...deps });
  return { evaluations, checkpoints, result };
};

describe("transformer through train() (config.model = transformer)", () => {
  it("trains every seed: all §5 metrics finite, training loss falls, training accuracy > 90 %", async () => {
    const { evaluations, result } = await run({ seeds: 2, steps: 120 });
    expect(result.summary.perSeed.length).toBe(2);
    for (const seed of [0, 1]) {
      const mine = evaluations.filter((e) => e.seed === seed);
      expect(mine.map((e) => e.step)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
      for (const e of mine) {
        expect(Object.keys(e.metrics).sort()).toEqual([...METRIC_KEYS].sort());
        expect(Object.values(e.metrics).every(Number.isFinite)).toBe(true);
      }
      const [first, last] = [mine[0]!.metrics, mine.at(-1)!.metrics];
      expect(last.train_loss).toBeLessThan(first.train_loss * 0.5);
      expect(last.train_acc).toBeGreaterThan(0.9);
      expect(first.norm_embed * first.norm_hidden * first.norm_readout).toBeGreaterThan(0);
      // ‖W‖² is the sum of the three groups; biases only add to ‖θ‖²
      expect(last.weight_norm ** 2).toBeCloseTo(last.norm_embed ** 2 + last.norm_hidden ** 2 + last.norm_readout ** 2, 2);
      expect(last.param_sq_norm).toBeGreaterThanOrEqual(last.weight_norm ** 2 * (1 - 1e-5));
    }
    expect(result.summary.perSeed.every((s) => s.finalTrainAcc > 0.9)).toBe(true);
  });

  it("seed i of a batched run equals a one-seed run of seed value seed + i; resume is exact", async () => {
    const batched = await run({ seeds: 2, seed: 4, steps: 20, checkpointEvery: 10, clamp: { target: 8, fromStep: 5 } });
    const single = await run({ seeds: 1, seed: 5, steps: 20, clamp: { target: 8, fromStep: 5 } });
    const mine = batched.evaluations.filter((e) => e.seed === 1);
    mine.forEach((e, k) => {
      const want = single.evaluations[k]!.metrics;
      for (const [key, w] of Object.entries(want)) expect(Math.abs(e.metrics[key as keyof typeof want] - w), key).toBeLessThanOrEqual(2e-4 * Math.max(1, Math.abs(w)));
    });
    expect(Math.abs(mine.at(-1)!.metrics.weight_norm - 8)).toBeLessThan(8e-5);
    const resumed = await run({ seeds: 2, seed: 4, steps: 20, checkpointEvery: 10, clamp: { target: 8, fromStep: 5 } }, { startFrom: batched.checkpoints[0]!.state });
    expect(resumed.evaluations).toEqual(batched.evaluations.filter((e) => e.step > 10));
  });

  it("leaks no tensors across steps", () => {
    const before = tf.memory().numTensors;
    const s = createTrainingSession(tf, configOf({ seeds: 2, grokfast: {}, batchSize: 16, clamp: { target: 6, fromStep: 0 } }));
    s.step();
    s.evaluate();
    const settled = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) s.step({ trackNorms: i % 2 === 0 });
    s.evaluate();
    s.step();
    s.evaluate();
    expect(tf.memory().numTensors).toBe(settled);
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
