import { describe, expect, it } from "vitest";
import type { Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import { selectBackend } from "../backends.ts";
import { createMeanLoss } from "./loss.ts";
import { createAddBias, createGelu, createMatMul, createPairLookup, createStackedBlockProducts } from "./ops.ts";

// tfjs-core registers no gradients by itself; load tf's own ones as the reference.
await import("@tensorflow/tfjs-core/dist/register_all_gradients.js" as string);

const close = (actual: Tensor, expected: Tensor, tol = 1e-5) => {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.dataSync();
  const e = expected.dataSync();
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - e[i]!) / (1 + Math.abs(e[i]!)));
  expect(worst).toBeLessThan(tol);
};

describe.each(["wasm", "cpu"] as const)("custom gradients equal tf's built-in gradients (%s)", (backend) => {
  it("matMul", async () => {
    const { tf } = await selectBackend(backend);
    const a = tf.randomNormal([7, 5], 0, 1, "float32", 1) as Tensor2D;
    const b = tf.randomNormal([5, 3], 0, 1, "float32", 2) as Tensor2D;
    const r = tf.randomNormal([7, 3], 0, 1, "float32", 3);
    const mm = createMatMul(tf);
    const ours = tf.grads((x: Tensor, y: Tensor) => tf.sum(tf.mul(mm(x as Tensor2D, y as Tensor2D), r)))([a, b]);
    const ref = tf.grads((x: Tensor, y: Tensor) => tf.sum(tf.mul(tf.matMul(x as Tensor2D, y as Tensor2D), r)))([a, b]);
    close(mm(a, b), tf.matMul(a, b));
    close(ours[0]!, ref[0]!);
    close(ours[1]!, ref[1]!);
    expect(tf.sum(tf.abs(ours[1]!)).dataSync()[0]).toBeGreaterThan(0.1); // a real gradient, not zeros
  });

  it("pair lookup = one-hot(first)·T + one-hot(second)·T, including unused last rows", async () => {
    const { tf } = await selectBackend(backend);
    const first = Int32Array.from([0, 2, 2, 1, 0]);
    const second = Int32Array.from([3, 4, 3, 3, 5]); // rows 6, 7 unused: the gradient must still have 8 rows
    const rows = 8;
    const table = tf.randomNormal([rows, 4], 0, 1, "float32", 4) as Tensor2D;
    const r = tf.randomNormal([5, 4], 0, 1, "float32", 5);
    const { lookup, dispose } = createPairLookup(tf, first, second, rows);
    const oneHot = (idx: Int32Array) => tf.cast(tf.oneHot(tf.tensor1d(idx, "int32"), rows), "float32") as Tensor2D;
    const reference = (t: Tensor2D) => tf.add(tf.matMul(oneHot(first), t), tf.matMul(oneHot(second), t));
    close(lookup(table), reference(table));
    const ours = tf.grad((t: Tensor) => tf.sum(tf.mul(lookup(t as Tensor2D), r)))(table);
    const ref = tf.grad((t: Tensor) => tf.sum(tf.mul(reference(t as Tensor2D), r)))(table);
    close(ours, ref);
    dispose();
  });

  it("stacked block products [x·w_top; x·w_bottom]", async () => {
    const { tf } = await selectBackend(backend);
    const x = tf.randomNormal([3, 4], 0, 1, "float32", 6) as Tensor2D;
    const w = tf.randomNormal([8, 5], 0, 1, "float32", 7) as Tensor2D;
    const r = tf.randomNormal([6, 5], 0, 1, "float32", 8);
    const op = createStackedBlockProducts(tf);
    const reference = (a: Tensor2D, b: Tensor2D) =>
      tf.concat([tf.matMul(a, tf.slice(b, [0, 0], [4, 5])), tf.matMul(a, tf.slice(b, [4, 0], [4, 5]))], 0);
    close(op(x, w), reference(x, w));
    const ours = tf.grads((a: Tensor, b: Tensor) => tf.sum(tf.mul(op(a as Tensor2D, b as Tensor2D), r)))([x, w]);
    const ref = tf.grads((a: Tensor, b: Tensor) => tf.sum(tf.mul(reference(a as Tensor2D, b as Tensor2D), r)))([x, w]);
    close(ours[0]!, ref[0]!);
    close(ours[1]!, ref[1]!);
  });

  it("exact GeLU and bias add", async () => {
    const { tf } = await selectBackend(backend);
    const x = tf.mul(tf.randomNormal([6, 5], 0, 1, "float32", 9), 3) as Tensor2D;
    const b = tf.randomNormal([5], 0, 1, "float32", 10) as Tensor1D;
    const gelu = createGelu(tf);
    const addBias = createAddBias(tf);
    const refGelu = (t: Tensor) => tf.mul(t, tf.mul(0.5, tf.add(1, tf.erf(tf.div(t, Math.SQRT2)))));
    expect(gelu(tf.tensor2d([[1, -1, 0]])).dataSync()[0]).toBeCloseTo(0.8413447, 6); // Φ(1) = 0.8413447
    close(gelu(x), refGelu(x));
    close(tf.grad((t: Tensor) => tf.sum(gelu(t as Tensor2D)))(x), tf.grad((t: Tensor) => tf.sum(refGelu(t)))(x), 2e-6);
    const ours = tf.grads((t: Tensor, c: Tensor) => tf.sum(tf.square(addBias(t as Tensor2D, c as Tensor1D))))([x, b]);
    const ref = tf.grads((t: Tensor, c: Tensor) => tf.sum(tf.square(tf.add(t, c))))([x, b]);
    close(ours[0]!, ref[0]!);
    close(ours[1]!, ref[1]!);
  });

  it.each(["ce", "mse"] as const)("mean %s loss with τ", async (kind) => {
    const { tf } = await selectBackend(backend);
    const z = tf.mul(tf.randomNormal([5, 4], 0, 1, "float32", 11), 4) as Tensor2D;
    const y = tf.cast(tf.oneHot(tf.tensor1d([0, 3, 1, 1, 2], "int32"), 4), "float32") as Tensor2D;
    const tau = 1.7;
    const loss = createMeanLoss(tf, kind, y, tau);
    const reference = (t: Tensor) =>
      kind === "ce"
        ? tf.mean(tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(tf.div(t, tau))), 1)))
        : tf.mean(tf.sum(tf.square(tf.sub(tf.div(t, tau), y)), 1));
    close(loss(z), reference(z));
    close(tf.grad((t: Tensor) => loss(t as Tensor2D))(z), tf.grad(reference)(z));
  });
});
