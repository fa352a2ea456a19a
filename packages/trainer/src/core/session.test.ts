import { describe, expect, it } from "vitest";
import type { Tensor, Tensor2D } from "@tensorflow/tfjs-core";
import { parseRunConfig, type RunConfigInput } from "@grokscope/spec";
import { selectBackend } from "../backends.ts";
import { clampWeightNorm } from "./clamp.ts";
import { createMeanLoss } from "./loss.ts";
import type { Metrics } from "./metrics.ts";
import { createTrainingSession } from "./session.ts";

const { tf } = await selectBackend("wasm");

const configOf = (input: RunConfigInput) => {
  const r = parseRunConfig({ p: 11, embedDim: 16, hiddenDim: 32, evalEvery: 10, ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};
const read = (ts: Tensor[]) => ts.map((t) => Float64Array.from(t.dataSync()));
const norm = (arrays: ArrayLike<number>[]) => Math.sqrt(arrays.reduce((s, a) => s + Array.from(a).reduce((t, x) => t + x * x, 0), 0));
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("training session: step norms", () => {
  it("grad_norm = ‖∇L‖ and update_norm = ‖θ_after − θ_before‖ of the latest step; 0 before any step, NaN if untracked", () => {
    const session = createTrainingSession(tf, configOf({ seed: 2 }));
    const { model, data } = session;
    const [m0] = session.evaluate() as [Metrics];
    expect([m0.grad_norm, m0.update_norm]).toEqual([0, 0]);
    // Reference gradient from the same loss on the same (untouched) parameters.
    const inputs = model.prepareInputs([data[0]!.train]);
    const targets = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(data[0]!.train.y, "int32"), 11), "float32") as Tensor2D);
    const loss = createMeanLoss(tf, "ce", targets, 1);
    const { grads, value } = tf.variableGrads(() => loss(model.forward(inputs)), model.variables);
    const wantGrad = norm(read(Object.values(grads)));
    tf.dispose([...Object.values(grads), value, targets]);
    inputs.dispose();
    const before = read(model.variables);
    session.step();
    const after = read(model.variables);
    const wantUpdate = norm(after.map((a, i) => a.map((x, j) => x - before[i]![j]!)));
    const [m1] = session.evaluate() as [Metrics];
    expect(wantGrad).toBeGreaterThan(0);
    expect(relErr(m1.grad_norm, wantGrad)).toBeLessThan(1e-5);
    expect(relErr(m1.update_norm, wantUpdate)).toBeLessThan(1e-4);
    session.step({ trackNorms: false });
    const [m2] = session.evaluate() as [Metrics];
    expect(Number.isNaN(m2.grad_norm) && Number.isNaN(m2.update_norm)).toBe(true);
    expect(session.stepsDone).toBe(2);
    session.dispose();
  });
});

describe("weight-norm clamp", () => {
  it("clampWeightNorm hits the target, leaves biases alone", () => {
    const ws = [tf.variable(tf.tensor2d([[1, 2], [3, 4]])), tf.variable(tf.tensor1d([5, 6, 7]))];
    const bias = tf.variable(tf.tensor1d([9, 9]));
    clampWeightNorm(tf, ws, 2.5);
    expect(relErr(norm(read(ws)), 2.5)).toBeLessThan(1e-5);
    expect(Array.from(ws[0]!.dataSync())[1]! / Array.from(ws[0]!.dataSync())[0]!).toBeCloseTo(2, 5); // one common scale
    expect(Array.from(bias.dataSync())).toEqual([9, 9]);
    tf.dispose([...ws, bias]);
  });

  it("is inactive before fromStep, then holds ‖W‖ = target after every step; biases as unclamped", () => {
    const target = 3;
    const clamped = createTrainingSession(tf, configOf({ seed: 1, clamp: { target, fromStep: 2 } }));
    const plain = createTrainingSession(tf, configOf({ seed: 1 }));
    clamped.step();
    plain.step();
    // step 1 < fromStep: identical to the plain run
    expect(read(clamped.model.variables)).toEqual(read(plain.model.variables));
    expect(relErr(clamped.evaluate()[0]!.weight_norm, target)).toBeGreaterThan(0.1);
    clamped.step();
    plain.step();
    // step 2 ≥ fromStep: E, W1, W2 are the plain ones times one scalar; biases unchanged
    expect(relErr(clamped.evaluate()[0]!.weight_norm, target)).toBeLessThan(1e-5);
    expect(relErr(norm(read(clamped.model.weightMatrices)), target)).toBeLessThan(1e-5);
    const scale = target / norm(read(plain.model.weightMatrices));
    const [cE, pE] = [read([clamped.model.variables[0]!])[0]!, read([plain.model.variables[0]!])[0]!];
    for (let i = 0; i < 10; i++) expect(cE[i]!).toBeCloseTo(pE[i]! * scale, 5);
    expect(read(clamped.model.biases)).toEqual(read(plain.model.biases));
    for (let i = 0; i < 5; i++) clamped.step();
    expect(relErr(clamped.evaluate()[0]!.weight_norm, target)).toBeLessThan(1e-5);
    clamped.dispose();
    plain.dispose();
  });
});

describe("optimiser options in a session", () => {
  it("warmupSteps scales the first update by 1/W", () => {
    const firstUpdate = (warmupSteps: number) => {
      const s = createTrainingSession(tf, configOf({ seed: 3, warmupSteps }));
      s.step();
      const u = s.evaluate()[0]!.update_norm;
      s.dispose();
      return u;
    };
    const ratio = firstUpdate(1000) / firstUpdate(0);
    expect(ratio).toBeGreaterThan(0.00099);
    expect(ratio).toBeLessThan(0.00101);
  });

  it("grokfast changes the trajectory; λ = 0 leaves it exactly as plain", () => {
    const run = (grokfast?: { alpha?: number; lambda?: number }) => {
      const s = createTrainingSession(tf, configOf({ seed: 4, grokfast }));
      for (let i = 0; i < 3; i++) s.step();
      const m = s.evaluate()[0]!;
      s.dispose();
      return m;
    };
    const plain = run();
    expect(run({ lambda: 0 })).toEqual(plain);
    const filtered = run({});
    expect(filtered.train_loss).not.toBe(plain.train_loss);
    // step 3 of Grokfast: the filtered gradient is g + 2·ema, and Adam normalises, so update norms stay comparable
    expect(filtered.update_norm).toBeGreaterThan(0);
  });

  it("batchSize: deterministic per seed, different from full batch, trains; batchSize ≥ N_train equals full batch", () => {
    const run = (input: RunConfigInput, steps = 30) => {
      const s = createTrainingSession(tf, configOf({ lr: 1e-2, ...input }));
      const first = s.evaluate()[0]!;
      for (let i = 0; i < steps; i++) s.step();
      const last = s.evaluate()[0]!;
      s.dispose();
      return { first, last };
    };
    const a = run({ seed: 5, batchSize: 16 });
    expect(run({ seed: 5, batchSize: 16 })).toEqual(a);
    const full = run({ seed: 5 });
    expect(a.last).not.toEqual(full.last);
    expect(a.last.train_loss).toBeLessThan(a.first.train_loss * 0.8);
    expect(run({ seed: 5, batchSize: 10_000 }, 5)).toEqual(run({ seed: 5 }, 5));
  });

  it("leaks no tensors with every intervention on", () => {
    const before = tf.memory().numTensors;
    const s = createTrainingSession(tf, configOf({ clamp: { target: 5, fromStep: 0 }, grokfast: {}, warmupSteps: 3, batchSize: 8 }));
    s.step();
    s.evaluate();
    const settled = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) s.step({ trackNorms: i % 2 === 0 });
    s.step();
    s.evaluate();
    expect(tf.memory().numTensors).toBe(settled);
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
