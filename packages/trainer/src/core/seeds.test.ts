import { beforeAll, describe, expect, it } from "vitest";
import { parseRunConfig, summarizeSeeds, type RunConfigInput } from "@grokscope/spec";
import { selectBackend } from "../backends.ts";
import { nativeKernelsAvailable } from "../native-kernels.ts";
import type { Metrics } from "./metrics.ts";
import { createTrainingSession } from "./session.ts";
import { train, type Evaluation } from "./train.ts";

const { tf } = await selectBackend("wasm");
// Both wasm flavours: its own kernels (explicit transposes, per-seed 2-D products) and OpenBLAS
// (rank-3 and transposed products passed straight through).
const backends = nativeKernelsAvailable() ? (["wasm", "wasm-openblas"] as const) : (["wasm"] as const);

const configOf = (input: RunConfigInput) => {
  const r = parseRunConfig({ p: 11, embedDim: 16, hiddenDim: 32, evalEvery: 5, steps: 30, lr: 1e-2, ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};
const series = async (input: RunConfigInput) => {
  const evaluations: Evaluation[] = [];
  const result = await train(configOf(input), { tf, sink: { onEvaluation: (e) => void evaluations.push(e) } });
  return { evaluations, result };
};
const bySeed = (evaluations: Evaluation[], seed: number) => evaluations.filter((e) => e.seed === seed);
/** Every metric within a relative tolerance (float32 sums may associate differently when batched). */
const expectClose = (got: Metrics, want: Metrics, where: string) => {
  for (const [key, w] of Object.entries(want)) {
    const g = got[key as keyof Metrics];
    const tol = 2e-4 * Math.max(1, Math.abs(w));
    expect(Math.abs(g - w), `${where} ${key}: ${g} vs ${w}`).toBeLessThanOrEqual(tol);
  }
};
const sq = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x * x, 0);

describe.each(backends)("S seeds as one batched computation (%s)", (backend) => {
  beforeAll(async () => void (await selectBackend(backend)));

  it.each([
    ["plain CE", {}],
    ["every intervention", { loss: "mse", temperature: 1.5, clamp: { target: 6, fromStep: 3 }, grokfast: {}, warmupSteps: 4, batchSize: 20, decayOrder: "torch" }],
  ] as [string, RunConfigInput][])("equals S single-seed runs, seed by seed (%s)", async (_, input) => {
    const S = 3;
    const batched = await series({ ...input, seed: 5, seeds: S });
    expect(batched.evaluations.length).toBe(S * 7); // steps 0, 5, …, 30 for every seed
    for (let i = 0; i < S; i++) {
      const single = await series({ ...input, seed: 5 + i, seeds: 1 });
      const mine = bySeed(batched.evaluations, i);
      expect(mine.map((e) => e.step)).toEqual(single.evaluations.map((e) => e.step));
      mine.forEach((e, k) => expectClose(e.metrics, single.evaluations[k]!.metrics, `seed ${i} step ${e.step}`));
      expect(mine.flatMap((e) => e.events.map((v) => [v.kind, v.step]))).toEqual(single.evaluations.flatMap((e) => e.events.map((v) => [v.kind, v.step])));
      expect(batched.result.summary.perSeed[i]).toMatchObject({ seed: i, seedValue: 5 + i, tMem: single.result.summary.tMem });
    }
    // seeds really differ (own init and split)
    expect(bySeed(batched.evaluations, 0).at(-1)!.metrics.train_loss).not.toBe(bySeed(batched.evaluations, 1).at(-1)!.metrics.train_loss);
    // medians over seeds come from spec's summarizeSeeds; the top-level fields are those medians
    const { perSeed, medians } = batched.result.summary;
    expect(medians).toEqual(summarizeSeeds(perSeed));
    expect(medians.seeds).toBe(S);
    expect(batched.result.summary).toMatchObject({ tMem: medians.tMem, tGrok: medians.tGrok, finalTrainAcc: medians.finalTrainAcc });
  });

  it("clamps each seed to the target norm independently, leaving biases alone", () => {
    const target = 4;
    const clamped = createTrainingSession(tf, configOf({ seeds: 3, seed: 2, clamp: { target, fromStep: 1 } }));
    const plain = createTrainingSession(tf, configOf({ seeds: 3, seed: 2 }));
    clamped.step();
    plain.step();
    const weights = (s: typeof plain) => s.model.params.filter((p) => p.role === "weight").map((p) => Array.from(p.variable.dataSync()));
    const biases = (s: typeof plain) => s.model.params.filter((p) => p.role === "bias").map((p) => Array.from(p.variable.dataSync()));
    // Each variable is [S, …]: seed s owns the s-th contiguous block.
    const seedNorm = (ws: number[][], s: number) => Math.sqrt(ws.reduce((acc, w) => acc + sq(w.slice((s * w.length) / 3, ((s + 1) * w.length) / 3)), 0));
    const [cw, pw] = [weights(clamped), weights(plain)];
    for (let s = 0; s < 3; s++) {
      expect(Math.abs(seedNorm(cw, s) - target) / target).toBeLessThan(1e-5);
      const scale = target / seedNorm(pw, s);
      const at = (s * cw[0]!.length) / 3;
      expect(cw[0]![at]!).toBeCloseTo(pw[0]![at]! * scale, 5); // one scalar per seed
    }
    expect(new Set([0, 1, 2].map((s) => (target / seedNorm(pw, s)).toFixed(6))).size).toBe(3); // seeds got different scales
    expect(biases(clamped)).toEqual(biases(plain));
    for (const m of clamped.evaluate()) expect(Math.abs(m.weight_norm - target) / target).toBeLessThan(1e-5);
    clamped.dispose();
    plain.dispose();
  });

  it("leaks no tensors across steps and evaluations, with every intervention on", () => {
    const before = tf.memory().numTensors;
    const s = createTrainingSession(tf, configOf({ seeds: 4, clamp: { target: 5, fromStep: 0 }, grokfast: {}, warmupSteps: 3, batchSize: 8 }));
    s.step();
    s.evaluate();
    const settled = tf.memory().numTensors;
    for (let i = 0; i < 6; i++) s.step({ trackNorms: i % 2 === 0 });
    s.evaluate();
    s.step();
    s.evaluate();
    expect(tf.memory().numTensors).toBe(settled);
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
