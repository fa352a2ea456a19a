import { describe, expect, it } from "vitest";
import type { Tensor2D } from "@tensorflow/tfjs-core";
import { selectBackend } from "../backends.ts";
import { computeMetrics, createMetricInputs } from "./metrics.ts";
import { perExampleLoss } from "./loss.ts";
import { createMlp } from "./model-mlp.ts";
import { createRng } from "./rng.ts";

const { tf } = await selectBackend("wasm");

// Four "pairs", three classes, τ = 2. Rows 0, 1 train; rows 2, 3 test.
const z = [[2, 0, 0], [0, 1, 0], [0, 0, 3], [0, 2, 1]];
const labels = Int32Array.from([0, 2, 2, 0]);
const isTrain = Uint8Array.from([1, 1, 0, 0]);
const tau = 2;
const ce = (row: number[], y: number) => Math.log(row.reduce((s, x) => s + Math.exp(x / tau), 0)) - row[y]! / tau;
const mse = (row: number[], y: number) => row.reduce((s, x, c) => s + (x / tau - (c === y ? 1 : 0)) ** 2, 0);

describe("losses with temperature", () => {
  it("ce and mse per example equal hand-computed values", () => {
    const targets = tf.cast(tf.oneHot(tf.tensor1d(labels, "int32"), 3), "float32") as Tensor2D;
    const logits = tf.tensor2d(z);
    const gotCe = perExampleLoss(tf, "ce", logits, targets, tau).dataSync();
    const gotMse = perExampleLoss(tf, "mse", logits, targets, tau).dataSync();
    // e.g. row 0: log(e + 2) − 1 = 0.5514; mse row 1: 0² + 0.5² + (0 − 1)² = 1.25
    expect(gotCe[0]).toBeCloseTo(Math.log(Math.E + 2) - 1, 6);
    expect(gotMse[1]).toBeCloseTo(1.25, 6);
    z.forEach((row, i) => {
      expect(gotCe[i]).toBeCloseTo(ce(row, labels[i]!), 5);
      expect(gotMse[i]).toBeCloseTo(mse(row, labels[i]!), 5);
    });
    // Exact far into saturation, where log(softmax) would underflow: z = (200, 0, 0)/τ.
    expect(perExampleLoss(tf, "ce", tf.tensor2d([[0, 200, 0]]), tf.tensor2d([[1, 0, 0]]), tau).dataSync()[0]).toBeCloseTo(100, 4);
  });
});

describe("metrics", () => {
  it("accuracy, losses, weight norm and logit scale on a hand-computed case", () => {
    const inputs = createMetricInputs(tf, 3, labels, isTrain);
    const m = computeMetrics(tf, {
      logits: tf.tensor2d(z),
      inputs,
      loss: "ce",
      temperature: tau,
      weightMatrices: [tf.tensor2d([[3, 4]]), tf.tensor2d([[12]])],
    });
    expect(m.train_acc).toBe(0.5); // row 0 right, row 1 wrong
    expect(m.test_acc).toBe(0.5); // row 2 right, row 3 wrong
    expect(m.weight_norm).toBeCloseTo(13, 5); // sqrt(9 + 16 + 144)
    expect(m.logit_scale).toBeCloseTo((1 + 0.5 + 1.5 + Math.sqrt(1.25)) / 4, 6); // mean ‖z/τ‖ over all pairs
    expect(m.train_loss).toBeCloseTo((ce(z[0]!, 0) + ce(z[1]!, 2)) / 2, 5);
    expect(m.test_loss).toBeCloseTo((ce(z[2]!, 2) + ce(z[3]!, 0)) / 2, 5);
    inputs.dispose();
  });

  it("the MLP reports E, W1, W2 as weight matrices (biases excluded), initialised N(0, 1/fan_in)", async () => {
    const mlp = createMlp(tf, { p: 11, embedDim: 64, hiddenDim: 96 }, createRng(5));
    expect(mlp.weightMatrices).toEqual([mlp.params.E, mlp.params.W1, mlp.params.W2]);
    expect(mlp.biases).toEqual([mlp.params.b1, mlp.params.b2]);
    const std = (t: { dataSync(): ArrayLike<number> }) => {
      const xs = Array.from(t.dataSync());
      return Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);
    };
    expect(std(mlp.params.E)).toBeCloseTo(1 / Math.sqrt(64), 2);
    expect(std(mlp.params.W1)).toBeCloseTo(1 / Math.sqrt(128), 2);
    expect(std(mlp.params.W2)).toBeCloseTo(1 / Math.sqrt(96), 2);
    expect(std(mlp.params.b1)).toBe(0);
    // Same seed on another backend: identical initial weights (drawn in JS).
    const cpu = await selectBackend("cpu");
    const other = createMlp(cpu.tf, { p: 11, embedDim: 64, hiddenDim: 96 }, createRng(5));
    expect(Array.from(other.params.W1.dataSync())).toEqual(Array.from(mlp.params.W1.dataSync()));
    other.dispose();
    await selectBackend("wasm");
    mlp.dispose();
  });
});
