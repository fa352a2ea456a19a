import { describe, expect, it } from "vitest";
import type { Tensor } from "@tensorflow/tfjs-core";
import { selectBackend } from "../backends.ts";
import { createAdamW, learningRateAt } from "./optimizer-adamw.ts";

const { tf } = await selectBackend("cpu");
const hp = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.5 };

/** A scalar AdamW in float64, written from torch.optim.AdamW's documented algorithm. */
function reference(p0: number[], grads: number[][], decay: boolean, order: "after" | "torch", warmup = 0) {
  const p = [...p0];
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  grads.forEach((g, k) => {
    const t = k + 1;
    const lr = warmup > 0 ? hp.lr * Math.min(1, t / warmup) : hp.lr;
    for (let i = 0; i < p.length; i++) {
      if (decay && order === "torch") p[i]! *= 1 - lr * hp.weightDecay;
      m[i] = hp.beta1 * m[i]! + (1 - hp.beta1) * g[i]!;
      v[i] = hp.beta2 * v[i]! + (1 - hp.beta2) * g[i]! ** 2;
      const mHat = m[i]! / (1 - hp.beta1 ** t);
      const vHat = v[i]! / (1 - hp.beta2 ** t);
      p[i]! -= (lr * mHat) / (Math.sqrt(vHat) + hp.eps);
      if (decay && order === "after") p[i]! -= lr * hp.weightDecay * p[i]!;
    }
  });
  return p;
}

describe("AdamW", () => {
  it.each(["after", "torch"] as const)("one step matches the hand-computed update (decayOrder %s)", (order) => {
    const w = tf.variable(tf.tensor1d([1, -2]));
    const b = tf.variable(tf.tensor1d([0.5]));
    const opt = createAdamW(tf, [{ variable: w, decay: true }, { variable: b, decay: false }], { ...hp, decayOrder: order });
    opt.apply({ [w.name]: tf.tensor1d([0.1, -0.3]), [b.name]: tf.tensor1d([0.2]) });
    // Step 1: m̂ = g, v̂ = g², so the Adam move is lr·g/(|g| + ε) ≈ ±lr; then or before it, P·(1 − lr·λ).
    const expected = order === "after" ? [(1 - 0.01 * (0.1 / (0.1 + 1e-8))) * 0.995, (-2 + 0.01 * (0.3 / (0.3 + 1e-8))) * 0.995] : [0.995 - 0.01, -1.99 + 0.01];
    const got = Array.from(w.dataSync());
    expect(got[0]).toBeCloseTo(expected[0]!, 6);
    expect(got[1]).toBeCloseTo(expected[1]!, 6);
    expect(b.dataSync()[0]).toBeCloseTo(0.5 - 0.01 * (0.2 / (0.2 + 1e-8)), 6); // biases: no decay
    // The two orders really differ at this precision: 0.98505 ("after") vs 0.985 ("torch").
    expect(Math.abs(got[0]! - (order === "after" ? 0.985 : 0.98505))).toBeGreaterThan(3e-5);
    opt.dispose();
    tf.dispose([w, b]);
  });

  it.each(["after", "torch"] as const)("three steps match a float64 reference, bias correction included (%s)", (order) => {
    const p0 = [0.3, -1.2, 2.5];
    const grads = [[0.5, -0.1, 0.02], [-0.2, -0.4, 0.3], [0.05, 0.6, -0.7]];
    for (const decay of [true, false]) {
      const w = tf.variable(tf.tensor1d(p0));
      const opt = createAdamW(tf, [{ variable: w, decay }], { ...hp, decayOrder: order });
      for (const g of grads) opt.apply({ [w.name]: tf.tensor1d(g) });
      expect(opt.step).toBe(3);
      const want = reference(p0, grads, decay, order);
      Array.from(w.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 6));
      opt.dispose();
      w.dispose();
    }
  });

  it("linear warm-up: lr/W at update 1 rising to lr at update W, then flat", () => {
    expect([1, 2, 3, 4, 5, 100].map((t) => learningRateAt(0.01, 4, t))).toEqual([0.0025, 0.005, 0.0075, 0.01, 0.01, 0.01]);
    expect(learningRateAt(0.01, 0, 1)).toBe(0.01);
  });

  it.each(["after", "torch"] as const)("warm-up scales both the Adam move and the decay (%s)", (order) => {
    const p0 = [0.3, -1.2, 2.5];
    const grads = [[0.5, -0.1, 0.02], [-0.2, -0.4, 0.3], [0.05, 0.6, -0.7], [0.1, 0.1, 0.1]];
    const w = tf.variable(tf.tensor1d(p0));
    const opt = createAdamW(tf, [{ variable: w, decay: true }], { ...hp, decayOrder: order, warmupSteps: 3 });
    // one step: the move is ≈ lr/3 per coordinate, not lr
    opt.apply({ [w.name]: tf.tensor1d(grads[0]!) });
    expect(w.dataSync()[0]).toBeCloseTo(reference(p0, grads.slice(0, 1), true, order, 3)[0]!, 6);
    expect(Math.abs(w.dataSync()[0]! - reference(p0, grads.slice(0, 1), true, order)[0]!)).toBeGreaterThan(1e-3);
    for (const g of grads.slice(1)) opt.apply({ [w.name]: tf.tensor1d(g) });
    const want = reference(p0, grads, true, order, 3);
    Array.from(w.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 6));
    opt.dispose();
    w.dispose();
  });

  it("keeps its moments as variables and leaks no tensors per step", () => {
    const w = tf.variable(tf.ones([4, 4]));
    const opt = createAdamW(tf, [{ variable: w, decay: true }], { ...hp, decayOrder: "after" });
    const g: Record<string, Tensor> = { [w.name]: tf.ones([4, 4]) };
    opt.apply(g);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) opt.apply(g);
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before - 2);
  });
});
