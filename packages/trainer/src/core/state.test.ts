import { describe, expect, it } from "vitest";
import { parseRunConfig, type RunConfigInput } from "@grokscope/spec";
import { selectBackend } from "../backends.ts";
import { createTrainingSession } from "./session.ts";
import { loadState, peekState, saveState } from "./state.ts";
import { train, type Checkpoint, type Evaluation, type TrainDeps } from "./train.ts";

const { tf } = await selectBackend("wasm");

const configOf = (input: RunConfigInput) => {
  const r = parseRunConfig({ p: 11, embedDim: 16, hiddenDim: 32, evalEvery: 5, steps: 40, lr: 1e-2, checkpointEvery: 0, ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};
const run = async (input: RunConfigInput, deps: Partial<TrainDeps> = {}) => {
  const evaluations: Evaluation[] = [];
  const checkpoints: Checkpoint[] = [];
  const result = await train(configOf(input), {
    tf,
    sink: { onEvaluation: (e) => void evaluations.push(e) },
    onCheckpoint: async (c) => void checkpoints.push(c),
    ...deps,
  });
  return { evaluations, checkpoints, result };
};
const values = (s: ReturnType<typeof createTrainingSession>) => s.model.variables.map((v) => Array.from(v.dataSync()));

// Interventions on, so the sampler, Grokfast EMA, warm-up and clamp state all matter.
const busy: RunConfigInput = { seeds: 2, seed: 3, batchSize: 24, grokfast: {}, warmupSteps: 6, clamp: { target: 7, fromStep: 10 } };

describe("training state", () => {
  it("round-trips bit for bit: load into a fresh session, save again, same bytes", () => {
    const config = configOf(busy);
    const a = createTrainingSession(tf, config);
    for (let i = 0; i < 7; i++) a.step();
    const loop = { events: [[{ kind: "t_mem" as const, seed: 0, step: 5, value: 1 }], []], last: [{ trainAcc: 1, testAcc: 0.25 }, null] };
    const bytes = saveState(a, loop);
    expect(peekState(bytes)).toMatchObject({ step: 7, seeds: 2 });
    const b = createTrainingSession(tf, config);
    const restored = loadState(tf, b, bytes);
    expect(restored).toEqual({ step: 7, loop });
    expect(b.stepsDone).toBe(7);
    expect(values(b)).toEqual(values(a));
    expect(saveState(b, loop)).toEqual(bytes);
    // and the next step is identical too
    a.step();
    b.step();
    expect(values(b)).toEqual(values(a));
    a.dispose();
    b.dispose();
  });

  it("a run resumed from a checkpoint continues exactly as the uninterrupted run", async () => {
    const whole = await run({ ...busy, checkpointEvery: 15 });
    expect(whole.checkpoints.map((c) => [c.step, c.kind, c.seeds])).toEqual([[15, "resume", 2], [30, "resume", 2]]);
    const resumed = await run({ ...busy, checkpointEvery: 15 }, { startFrom: whole.checkpoints[0]!.state });
    // no re-emitted step 0 (nor 15): the series picks up after the checkpoint, identical to the end
    expect(resumed.evaluations[0]!.step).toBe(20);
    expect(resumed.evaluations).toEqual(whole.evaluations.filter((e) => e.step > 15));
    expect(resumed.checkpoints.map((c) => c.step)).toEqual([30]);
    expect(resumed.checkpoints[0]!.state).toEqual(whole.checkpoints[1]!.state);
    expect(resumed.result.summary).toEqual(whole.result.summary); // events before the checkpoint are carried over
    expect(resumed.result.stepsDone).toBe(40);
  });

  it("checkpointing and resuming leak no tensors", async () => {
    const before = tf.memory().numTensors;
    const whole = await run({ ...busy, steps: 12, checkpointEvery: 4 });
    expect(tf.memory().numTensors).toBe(before);
    await run({ ...busy, steps: 12 }, { startFrom: whole.checkpoints[1]!.state });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("forking with the parent's config reproduces its continuation; another intervention diverges", async () => {
    const parent = await run({ ...busy, checkpointSteps: [20], checkpointEvery: 10 });
    // step 20 is both a resume step and a kept step: one call, kind "kept"
    expect(parent.checkpoints.map((c) => [c.step, c.kind])).toEqual([[10, "resume"], [20, "kept"], [30, "resume"], [40, "resume"]]);
    const state = parent.checkpoints[1]!.state;
    const same = await run({ ...busy, steps: 40 }, { startFrom: state });
    expect(same.evaluations).toEqual(parent.evaluations.filter((e) => e.step > 20));
    const hotter = await run({ ...busy, temperature: 2, clamp: { target: 9, fromStep: 0 }, lr: 5e-3, weightDecay: 0.5, loss: "mse" }, { startFrom: state });
    expect(hotter.evaluations[0]!.step).toBe(25);
    expect(hotter.evaluations.at(-1)!.metrics.train_loss).not.toBe(same.evaluations.at(-1)!.metrics.train_loss);
    expect(Math.abs(hotter.evaluations.at(-1)!.metrics.weight_norm - 9)).toBeLessThan(1e-3);
  });

  it("rejects a state that does not fit, saying why", () => {
    const s = createTrainingSession(tf, configOf({ seeds: 2 }));
    s.step();
    const bytes = saveState(s, { events: [[], []], last: [null, null] });
    s.dispose();
    /** The error loading `state` into a fresh session of `input` raises (the session is disposed either way). */
    const errorOf = (input: RunConfigInput, state = bytes) => {
      const t = createTrainingSession(tf, configOf(input));
      try {
        loadState(tf, t, state);
        return "loaded";
      } catch (error) {
        return (error as Error).message;
      } finally {
        t.dispose();
      }
    };
    expect(errorOf({ seeds: 3 })).toMatch(/holds 2 seeds; this run trains 3/);
    expect(errorOf({ seeds: 2, hiddenDim: 48 })).toMatch(/hiddenDim = 32; this run has 48/);
    expect(errorOf({ seeds: 2, seed: 1 })).toMatch(/seed = 0; this run has 1/);
    expect(errorOf({ seeds: 2, model: "transformer", heads: 2 })).toMatch(/model = mlp/);
    expect(errorOf({ seeds: 2 }, bytes.slice(0, 40))).toMatch(/truncated|JSON/);
    expect(errorOf({ seeds: 2 }, new Uint8Array(64))).toMatch(/bad magic/);
    expect(errorOf({ seeds: 2, temperature: 3, loss: "mse" })).toBe("loaded"); // interventions may differ
  });
});
