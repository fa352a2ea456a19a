import { describe, expect, it } from "vitest";
import type { Tensor2D } from "@tensorflow/tfjs-core";
import { selectBackend } from "../backends.ts";
import { computeMetrics, createMetricInputs, fourierScoreFromPower } from "./metrics.ts";
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

// E is p×d (3×2): ‖E‖² = 1 + 4 + 4 = 9; ‖W1‖² = 16; ‖W2‖² = 144; biases add 1 + 4 + 4 = 9.
const params = {
  embed: tf.tensor2d([[1, 2], [2, 0], [0, 0]]),
  hidden: tf.tensor2d([[4]]),
  readout: tf.tensor2d([[12]]),
  biases: [tf.tensor1d([1, 2]), tf.tensor1d([2])],
};
const softmax = (row: number[]) => {
  const e = row.map((x) => Math.exp(x / tau));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

describe("metrics", () => {
  it("accuracy, losses, weight norm and logit scale on a hand-computed case", () => {
    const inputs = createMetricInputs(tf, 3, labels, isTrain);
    const m = computeMetrics(tf, {
      logits: tf.tensor2d(z),
      inputs,
      loss: "ce",
      temperature: tau,
      params,
    });
    expect(m.train_acc).toBe(0.5); // row 0 right, row 1 wrong
    expect(m.test_acc).toBe(0.5); // row 2 right, row 3 wrong
    expect(m.weight_norm).toBeCloseTo(13, 5); // sqrt(9 + 16 + 144)
    expect(m.norm_embed).toBeCloseTo(3, 6);
    expect(m.norm_hidden).toBeCloseTo(4, 6);
    expect(m.norm_readout).toBeCloseTo(12, 6);
    expect(m.param_sq_norm).toBeCloseTo(178, 4); // 169 + 9: biases count here
    expect(m.logit_scale_train).toBeCloseTo((1 + 0.5) / 2, 6); // rows 0, 1 only
    // margins (z_y − max_{c≠y} z_c)/τ: row 0 (2 − 0)/2 = 1, row 1 (0 − 1)/2 = −0.5
    expect(m.logit_margin).toBeCloseTo(0.25, 6);
    const maxProbs = z.map((row) => Math.max(...softmax(row)));
    expect(m.max_prob).toBeCloseTo(maxProbs.reduce((a, b) => a + b, 0) / 4, 6);
    expect(m.frac_saturated).toBe(0);
    expect(m.sc_rate).toBe(0);
    expect(m.grad_norm).toBe(0); // no step yet
    expect(m.update_norm).toBe(0);
    expect(m.logit_scale).toBeCloseTo((1 + 0.5 + 1.5 + Math.sqrt(1.25)) / 4, 6); // mean ‖z/τ‖ over all pairs
    expect(m.train_loss).toBeCloseTo((ce(z[0]!, 0) + ce(z[1]!, 2)) / 2, 5);
    expect(m.test_loss).toBeCloseTo((ce(z[2]!, 2) + ce(z[3]!, 0)) / 2, 5);
    inputs.dispose();
  });

  it("softmax collapse is judged in float32, saturation and margins over the right rows", () => {
    // τ = 2. s = z/τ. Rows 0–2 train, 3–4 test.
    const zs = [[40, 0, 0], [30, 0, 0], [0, 0, 40], [0, 60, 0], [1, 0, 0]];
    const y = Int32Array.from([0, 0, 0, 1, 0]);
    const inputs = createMetricInputs(tf, 3, y, Uint8Array.from([1, 1, 1, 0, 0]));
    const m = computeMetrics(tf, { logits: tf.tensor2d(zs), inputs, loss: "ce", temperature: tau, params });
    // Row 0: s = (20, 0, 0): P_y = 1/(1 + 2e⁻²⁰) = 1 − 4e⁻⁹, below float32's resolution at 1 ⇒ exactly 1.0
    // (a float64 check would say no). Row 1: s = (15, 0, 0): 1 − 6e⁻⁷ < 1 in float32. Row 2: wrong class.
    // Row 3 collapses too but is a test pair, so it does not count.
    expect(1 / (1 + 2 * Math.exp(-20))).toBeLessThan(1);
    expect(m.sc_rate).toBeCloseTo(1 / 3, 6);
    expect(m.frac_saturated).toBeCloseTo(4 / 5, 6); // all but row 4 have max P > 0.999
    const maxProbs = zs.map((row) => Math.max(...softmax(row)));
    expect(m.max_prob).toBeCloseTo(maxProbs.reduce((a, b) => a + b, 0) / 5, 6);
    expect(m.logit_margin).toBeCloseTo((20 + 15 - 20) / 3, 5);
    expect(m.logit_scale_train).toBeCloseTo((20 + 15 + 20) / 3, 4);
    expect(m.logit_scale).toBeCloseTo((20 + 15 + 20 + 30 + 0.5) / 5, 4);
    inputs.dispose();
  });

  it("grad_norm and update_norm pass through from stepNorms", () => {
    const inputs = createMetricInputs(tf, 3, labels, isTrain);
    const m = computeMetrics(tf, { logits: tf.tensor2d(z), inputs, loss: "mse", temperature: tau, params, stepNorms: tf.tensor1d([2.5, 0.125]) });
    expect(m.grad_norm).toBe(2.5);
    expect(m.update_norm).toBe(0.125);
    expect(m.train_loss).toBeCloseTo((mse(z[0]!, 0) + mse(z[1]!, 2)) / 2, 5);
    inputs.dispose();
  });

  it("fourier_score: 5 strongest of the non-DC frequencies, k and p − k merged, DC excluded", () => {
    // p = 13 has 6 frequency pairs. Column k−1 of E carries frequency k with amplitude k (cos or
    // sin); the last column is DC only. Power of pair k ∝ k², so the score is (4+9+16+25+36)/91.
    const p = 13;
    const rows = Array.from({ length: p }, (_, a) => [
      ...[1, 2, 3, 4, 5, 6].map((k) => k * (k % 2 ? Math.cos : Math.sin)((2 * Math.PI * k * a) / p)),
      10,
    ]);
    const y = Int32Array.from({ length: p }, (_, i) => i);
    const inputs = createMetricInputs(tf, p, y, new Uint8Array(p).fill(1));
    const withE = (embed: number[][]) =>
      computeMetrics(tf, { logits: tf.zeros([p, p]), inputs, loss: "ce", temperature: 1, params: { ...params, embed: tf.tensor2d(embed) } });
    expect(withE(rows).fourier_score).toBeCloseTo(90 / 91, 5);
    // A pseudo-random E against a direct float64 DFT.
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    const e = Array.from({ length: p }, () => Array.from({ length: 4 }, rand));
    const power = (k: number) =>
      [0, 1, 2, 3].reduce((s, j) => {
        let re = 0;
        let im = 0;
        e.forEach((row, a) => {
          re += row[j]! * Math.cos((2 * Math.PI * k * a) / p);
          im -= row[j]! * Math.sin((2 * Math.PI * k * a) / p);
        });
        return s + re * re + im * im;
      }, 0);
    const pairs = [1, 2, 3, 4, 5, 6].map((k) => power(k) + power(p - k)).sort((a, b) => b - a);
    const want = pairs.slice(0, 5).reduce((a, b) => a + b, 0) / pairs.reduce((a, b) => a + b, 0);
    expect(want).toBeLessThan(0.99);
    expect(withE(e).fourier_score).toBeCloseTo(want, 5);
    expect(fourierScoreFromPower([0, 0, 0])).toBe(0);
    expect(fourierScoreFromPower([1, 1, 1, 1, 1, 5])).toBe(0.9);
    inputs.dispose();
  });

  it("the MLP reports E, W1, W2 as weight matrices (biases excluded), initialised N(0, 1/fan_in)", async () => {
    const mlp = createMlp(tf, { p: 11, embedDim: 64, hiddenDim: 96 }, [createRng(5)]);
    expect(mlp.weightMatrices).toEqual([mlp.named.E, mlp.named.W1, mlp.named.W2]);
    expect(mlp.biases).toEqual([mlp.named.b1, mlp.named.b2]);
    const std = (t: { dataSync(): ArrayLike<number> }) => {
      const xs = Array.from(t.dataSync());
      return Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);
    };
    expect(std(mlp.named.E)).toBeCloseTo(1 / Math.sqrt(64), 2);
    expect(std(mlp.named.W1)).toBeCloseTo(1 / Math.sqrt(128), 2);
    expect(std(mlp.named.W2)).toBeCloseTo(1 / Math.sqrt(96), 2);
    expect(std(mlp.named.b1)).toBe(0);
    // Same seed on another backend: identical initial weights (drawn in JS).
    const cpu = await selectBackend("cpu");
    const other = createMlp(cpu.tf, { p: 11, embedDim: 64, hiddenDim: 96 }, [createRng(5)]);
    expect(Array.from(other.named.W1.dataSync())).toEqual(Array.from(mlp.named.W1.dataSync()));
    other.dispose();
    await selectBackend("wasm");
    mlp.dispose();
  });
});
