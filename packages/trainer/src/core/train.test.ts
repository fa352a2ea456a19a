import { describe, expect, it } from "vitest";
import { METRIC_KEYS, parseRunConfig, type RunConfigInput } from "@grokscope/spec";
import { selectBackend } from "../backends.ts";
import { loadNativeKernels, nativeKernelsAvailable } from "../native-kernels.ts";
import { createTrainingSession } from "./session.ts";
import { train, type Evaluation } from "./train.ts";

const { tf } = await selectBackend("wasm");

const configOf = (input: RunConfigInput) => {
  const r = parseRunConfig({ embedDim: 32, hiddenDim: 64, evalEvery: 10, ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};
const collect = () => {
  const evaluations: Evaluation[] = [];
  return { evaluations, sink: { onEvaluation: (e: Evaluation) => void evaluations.push(e) } };
};

describe("train", () => {
  it("evaluates at step 0, every evalEvery steps and at the last step, awaiting a slow sink", async () => {
    const steps: number[] = [];
    let pending = 0;
    const sink = {
      async onEvaluation(e: Evaluation) {
        expect(pending).toBe(0); // never called again before the previous call finished
        pending++;
        await new Promise((r) => setTimeout(r, 5));
        pending--;
        steps.push(e.step);
      },
    };
    const result = await train(configOf({ p: 11, steps: 25 }), { tf, sink });
    expect(steps).toEqual([0, 10, 20, 25]);
    expect(result).toMatchObject({ stepsDone: 25, stopped: false });
    expect(result.msPerStep).toBeGreaterThan(0);
  });

  it("is deterministic: same config and seed ⇒ identical metric series; another seed differs", async () => {
    const run = async (seed: number) => {
      const { evaluations, sink } = collect();
      await train(configOf({ p: 11, steps: 40, seed, decayOrder: "torch", temperature: 1.5 }), { tf, sink });
      return evaluations.map((e) => e.metrics);
    };
    const a = await run(3);
    expect(await run(3)).toEqual(a);
    expect(await run(4)).not.toEqual(a);
    expect(a.at(-1)!.train_loss).toBeLessThan(a[0]!.train_loss);
    // Every §5 metric at every evaluation, finite; the step norms recorded for each evaluated step.
    for (const m of a) expect(Object.values(m).every(Number.isFinite)).toBe(true);
    expect(Object.keys(a[0]!).sort()).toEqual([...METRIC_KEYS].sort());
    expect(a.slice(1).every((m) => m.grad_norm > 0 && m.update_norm > 0)).toBe(true);
  });

  it.runIf(nativeKernelsAvailable())("is deterministic on wasm-openblas too, with OpenBLAS splitting each product over threads", async () => {
    // Products of 0.4·23² × 256 × 23 and up: above OpenBLAS's threading threshold (M·N·K ≥ 2^18).
    const run = async () => {
      const { evaluations, sink } = collect();
      await train(configOf({ p: 23, embedDim: 64, hiddenDim: 256, steps: 20, seed: 3 }), { tf, sink });
      return evaluations.map((e) => e.metrics);
    };
    await selectBackend("wasm-openblas");
    const threads = loadNativeKernels().threads(); // 1 unless OPENBLAS_NUM_THREADS says otherwise
    loadNativeKernels().threads(2);
    try {
      const a = await run();
      expect(await run()).toEqual(a);
      expect(a.at(-1)!.train_loss).toBeLessThan(a[0]!.train_loss);
    } finally {
      loadNativeKernels().threads(threads);
      await selectBackend("wasm");
    }
  });

  it("leaks no tensors across steps or runs", async () => {
    const before = tf.memory().numTensors;
    const session = createTrainingSession(tf, configOf({ p: 13, steps: 50 }));
    session.step();
    session.evaluate();
    const afterFirst = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) session.step();
    session.evaluate();
    expect(tf.memory().numTensors).toBe(afterFirst);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await train(configOf({ p: 13, steps: 20, loss: "mse" }), { tf, sink: collect().sink });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("stops early when asked, reporting how far it got", async () => {
    let polls = 0;
    const result = await train(configOf({ p: 11, steps: 10_000 }), { tf, sink: collect().sink, shouldStop: () => ++polls > 30 });
    expect(result).toMatchObject({ stopped: true, stepsDone: 30 });
  });

  it("with stopAfterGrok, stops that many steps after the last seed groks, on an evaluation, with the same series", async () => {
    // p = 13 at lr 0.03: seed 0 groks at step 420, seed 1 at 780 (probed).
    const cell = { p: 13, lr: 0.03, weightDecay: 1, trainFraction: 0.9, steps: 800, embedDim: 16, hiddenDim: 32 };
    const full = collect();
    const whole = await train(configOf(cell), { tf, sink: full.sink });
    const tGrok = whole.summary.tGrok!;
    expect(tGrok).toBeLessThan(700);
    const early = collect();
    const stopped = await train(configOf({ ...cell, stopAfterGrok: 35 }), { tf, sink: early.sink });
    expect(stopped.stepsDone).toBe(Math.ceil((tGrok + 35) / 10) * 10); // the first evaluation at or past it
    expect(stopped.stopped).toBe(false); // finished, not cancelled
    expect(early.evaluations).toEqual(full.evaluations.filter((e) => e.step <= stopped.stepsDone));
    expect(stopped.summary.tGrok).toBe(tGrok);
    // With two seeds it waits for the later one: seed 1 groks too late for a stop within 800 steps.
    const twoSeeds = await train(configOf({ ...cell, seeds: 2, stopAfterGrok: 35 }), { tf, sink: collect().sink });
    const [first, second] = twoSeeds.summary.perSeed.map((s) => s.tGrok ?? Infinity);
    expect(first).toBe(tGrok);
    expect(second! + 35).toBeGreaterThan(800);
    expect(twoSeeds.stepsDone).toBe(800);
  });

  // A small cell that memorises fast and then generalises (SCIENCE.md §6): p = 23, 60 % train,
  // lr 1e-2, λ = 2, β2 = 0.98. Seeds 0–3 all reach train 1.0 by step ~70 and test ≥ 0.67 by 600.
  it.each([0, 1])("memorises, then test accuracy rises (seed %i)", async (seed) => {
    const { evaluations, sink } = collect();
    const result = await train(configOf({ p: 23, trainFraction: 0.6, lr: 1e-2, weightDecay: 2, beta2: 0.98, steps: 600, seed }), { tf, sink });
    expect(result.summary.tMem).toBeDefined();
    expect(result.summary.tMem!).toBeLessThanOrEqual(200);
    expect(result.summary.finalTrainAcc).toBe(1);
    const atMem = evaluations.find((e) => e.step === result.summary.tMem)!;
    expect(atMem.metrics.test_acc).toBeLessThan(0.2); // memorised, not generalised
    expect(result.summary.finalTestAcc).toBeGreaterThan(0.5);
    expect(evaluations.flatMap((e) => e.events).map((e) => e.kind)).toEqual(expect.arrayContaining(["t_mem", "test_acc_50"]));
  });
});
