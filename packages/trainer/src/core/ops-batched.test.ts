import { beforeAll, describe, expect, it } from "vitest";
import type { Tensor, Tensor2D, Tensor3D } from "@tensorflow/tfjs-core";
import { selectBackend } from "../backends.ts";
import { nativeKernelsAvailable } from "../native-kernels.ts";
import { createAddBias, createMatMul, createStackedBlockProducts } from "./ops.ts";
import { batchedMatMul, createBatchedMatMul, createConcatRows, createSeedBias, createSeedBlockTable, createSeedMatMul } from "./ops-batched.ts";

const { tf } = await selectBackend("wasm");
// Both wasm flavours: its own kernels (explicit transposes, per-seed 2-D products) and OpenBLAS
// (rank-3 and transposed products passed straight through).
const backends = nativeKernelsAvailable() ? (["wasm", "wasm-openblas"] as const) : (["wasm"] as const);

/** Σ z ⊙ R as a scalar with its own gradient (tfjs-core registers none for Mul/Sum). */
const weightedSum = (r: Tensor) =>
  tf.customGrad<Tensor>((...args: unknown[]) => ({ value: tf.sum(tf.mul(args[0] as Tensor, r)), gradFunc: (dy: Tensor) => tf.mul(dy, r) }));
const rand = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, "float32", seed);
const arr = (t: Tensor) => Array.from(t.dataSync());
const expectNear = (a: Tensor, b: Tensor) => arr(a).forEach((x, i) => expect(x).toBeCloseTo(arr(b)[i]!, 4));
/** Gradients of Σ f(xs) ⊙ R with respect to every input. */
const gradsOf = (f: (...xs: Tensor[]) => Tensor, xs: Tensor[], seed: number) => {
  const r = rand(f(...xs).shape, seed);
  const loss = weightedSum(r);
  return tf.grads((...ys: Tensor[]) => loss(f(...ys)))(xs);
};

describe.each(backends)("batched ops (S seeds) (%s)", (backend) => {
  beforeAll(async () => void (await selectBackend(backend)));

  it("the seam equals rank-3 tf.matMul, and the op's gradient equals each seed's 2-D gradient", () => {
    tf.tidy(() => {
      const [a, b] = [rand([3, 5, 4], 1) as Tensor3D, rand([3, 4, 6], 2) as Tensor3D];
      expectNear(batchedMatMul(tf, a, b), tf.matMul(a, b));
      const batched = gradsOf((x, y) => createBatchedMatMul(tf)(x as Tensor3D, y as Tensor3D), [a, b], 3);
      const r = rand([3, 5, 6], 3);
      const mm = createMatMul(tf);
      for (let s = 0; s < 3; s++) {
        const pick = (t: Tensor) => tf.squeeze(tf.slice(t, [s, 0, 0], [1, -1, -1]), [0]) as Tensor2D;
        const loss = weightedSum(pick(r));
        const [ga, gb] = tf.grads((x: Tensor, y: Tensor) => loss(mm(x as Tensor2D, y as Tensor2D)))([pick(a), pick(b)]);
        expectNear(pick(batched[0]!), ga!);
        expectNear(pick(batched[1]!), gb!);
      }
    });
  });

  it("seed matMul, bias and block table match the single-seed ops seed by seed (values and gradients)", () => {
    tf.tidy(() => {
      const S = 2;
      const n = 4;
      const [x, w, b, e, w1] = [rand([S * n, 3], 4), rand([S, 3, 5], 5), rand([S, 5], 6), rand([S, 7, 2], 7), rand([S, 4, 5], 8)];
      const seedOp = (xx: Tensor, ww: Tensor, bb: Tensor) => createSeedBias(tf)(createSeedMatMul(tf)(xx as Tensor2D, ww as Tensor3D), bb as Tensor2D);
      const gBatched = gradsOf(seedOp, [x, w, b], 9);
      const r = rand([S * n, 5], 9);
      const tBatched = gradsOf((ee, ww) => createSeedBlockTable(tf)(ee as Tensor3D, ww as Tensor3D), [e, w1], 10);
      const rt = rand([S * 14, 5], 10);
      for (let s = 0; s < S; s++) {
        const rows = (t: Tensor, k: number) => tf.slice(t, [s * k, 0], [k, -1]) as Tensor2D;
        const of3 = (t: Tensor) => tf.squeeze(tf.slice(t, [s, 0, 0], [1, -1, -1]), [0]) as Tensor2D;
        const of2 = (t: Tensor) => tf.reshape(tf.slice(t, [s, 0], [1, -1]), [-1]);
        const single = (xx: Tensor, ww: Tensor, bb: Tensor) => createAddBias(tf)(createMatMul(tf)(xx as Tensor2D, ww as Tensor2D), bb as never);
        expectNear(rows(seedOp(x, w, b), n), single(rows(x, n), of3(w), of2(b)));
        const loss = weightedSum(rows(r, n));
        const [gx, gw, gb] = tf.grads((xx: Tensor, ww: Tensor, bb: Tensor) => loss(single(xx, ww, bb)))([rows(x, n), of3(w), of2(b)]);
        expectNear(rows(gBatched[0]!, n), gx!);
        expectNear(of3(gBatched[1]!), gw!);
        expectNear(of2(gBatched[2]!), gb!);
        const lossT = weightedSum(rows(rt, 14));
        const [ge, gw1] = tf.grads((ee: Tensor, ww: Tensor) => lossT(createStackedBlockProducts(tf)(ee as Tensor2D, ww as Tensor2D)))([of3(e), of3(w1)]);
        expectNear(of3(tBatched[0]!), ge!);
        expectNear(of3(tBatched[1]!), gw1!);
      }
    });
  });

  it("concatRows hands each block its slice of the gradient", () => {
    tf.tidy(() => {
      const parts = [rand([2, 3], 11), rand([4, 3], 12)];
      const [g0, g1] = gradsOf((...ps: Tensor[]) => createConcatRows(tf)(ps as Tensor2D[]), parts, 13);
      const r = rand([6, 3], 13);
      expectNear(g0!, tf.slice(r, [0, 0], [2, 3]));
      expectNear(g1!, tf.slice(r, [2, 0], [4, 3]));
    });
  });
});
