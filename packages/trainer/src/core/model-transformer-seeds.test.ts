import { beforeAll, describe, expect, it } from "vitest";
import { METRIC_KEYS, parseRunConfig, type RunConfigInput } from "@grokscope/spec";
import { selectBackend } from "../backends.ts";
import { nativeKernelsAvailable } from "../native-kernels.ts";
import { readFileSync } from "node:fs";
import type { Metrics } from "./metrics.ts";
import type { Transformer } from "./model-transformer.ts";
import { createTrainingSession } from "./session.ts";
import { loadState, saveState } from "./state.ts";
import { decodeState } from "./state-format.ts";
import { train, type Checkpoint, type Evaluation, type TrainDeps } from "./train.ts";

const { tf } = await selectBackend("wasm");
// Both wasm flavours: per-seed 2-D products with explicit transposes, and OpenBLAS's rank-3 ones.
const backends = nativeKernelsAvailable() ? (["wasm", "wasm-openblas"] as const) : (["wasm"] as const);

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

/** Every metric within a relative tolerance (float32 sums may associate differently when batched). */
const expectClose = (got: Metrics, want: Metrics, where: string) => {
  for (const [key, w] of Object.entries(want)) {
    const g = got[key as keyof Metrics];
    expect(Math.abs(g - w), `${where} ${key}: ${g} vs ${w}`).toBeLessThanOrEqual(2e-4 * Math.max(1, Math.abs(w)));
  }
};

describe.each(backends)("transformer through train() (config.model = transformer, %s)", (backend) => {
  beforeAll(async () => void (await selectBackend(backend)));

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

  it("seeds stay apart: a batched run's seed equals its one-seed run even when the other seeds' data and weights differ", async () => {
    // Mixing rows or weights of seeds (a shifted or reversed seed index, a sum over all seeds) would move some seed.
    const batched = await run({ seeds: 3, seed: 7, steps: 20, grokfast: {}, batchSize: 20 });
    for (const seed of [0, 1, 2]) {
      const single = await run({ seeds: 1, seed: 7 + seed, steps: 20, grokfast: {}, batchSize: 20 });
      const mine = batched.evaluations.filter((e) => e.seed === seed);
      expect(mine.map((e) => e.step)).toEqual(single.evaluations.map((e) => e.step));
      mine.forEach((e, k) => expectClose(e.metrics, single.evaluations[k]!.metrics, `seed ${seed} step ${e.step}`));
    }
    // deterministic: the same config and seed give the identical series
    expect((await run({ seeds: 3, seed: 7, steps: 20, grokfast: {}, batchSize: 20 })).evaluations).toEqual(batched.evaluations);
  });

  // Written once by the code before the seed axis (2-D variables `seed${s}/${name}` per seed); see the file's note.
  const legacy = JSON.parse(readFileSync(new URL("./model-transformer-legacy-checkpoint.json", import.meta.url), "utf8")) as {
    config: RunConfigInput;
    step: number;
    state: string;
    fresh: { seed: number; step: number; metrics: Metrics; events: Evaluation["events"] }[];
  };
  const legacyState = new Uint8Array(Buffer.from(legacy.state, "base64"));
  const expectSeries = (got: Evaluation[], want: typeof legacy.fresh) => {
    expect(got.map((e) => [e.seed, e.step])).toEqual(want.map((e) => [e.seed, e.step]));
    got.forEach((e, k) => {
      expectClose(e.metrics, want[k]!.metrics, `seed ${e.seed} step ${e.step}`);
      expect(e.events).toEqual(want[k]!.events);
    });
  };

  it("trains as the per-seed-variable code did (same init draws, same maths) and restores its checkpoints", async () => {
    // from scratch: the old code's series
    expectSeries((await run(legacy.config)).evaluations, legacy.fresh);
    // the old checkpoint's variables land in seed s's block of each [S, …] variable, bit for bit
    const session = createTrainingSession(tf, configOf(legacy.config));
    expect(loadState(tf, session, legacyState).step).toBe(legacy.step);
    const { blobs } = decodeState(legacyState);
    const model = session.model as Transformer;
    for (const [name, variable] of Object.entries(model.named)) {
      const size = variable.size / 2;
      for (const s of [0, 1]) expect(variable.dataSync().slice(s * size, (s + 1) * size), `seed${s}/${name}`).toEqual(blobs.get(`param:seed${s}/${name}`));
    }
    expect(session.optimizer.moments[2]!.v.dataSync().slice(64)).toEqual(blobs.get("adam.v:seed1/W_Q"));
    expect(session.grokfast!.buffers[10]!.dataSync().slice(0, 56)).toEqual(blobs.get("grokfast:seed0/W_U"));
    // saved again, it is in the seed-axis layout (one entry per variable, as the MLP's)
    const { header } = decodeState(saveState(session, { events: [[], []], last: [null, null] }));
    expect((header.params as { name: string }[]).map((p) => p.name)).toEqual(model.params.map((p) => p.name));
    session.dispose();
    // resumed: the old code's continuation (sampler, AdamW, Grokfast and clamp state all carried over)
    expectSeries((await run(legacy.config, { startFrom: legacyState })).evaluations, legacy.fresh.filter((e) => e.step > legacy.step));
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
