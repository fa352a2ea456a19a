import type { Tensor, Tensor2D, Tensor3D } from "@tensorflow/tfjs-core";
import type { Tf } from "./ops.ts";

/**
 * Differentiable ops over S seeds trained as one computation (SCIENCE.md §4 "Seeds"). Parameters
 * carry a leading seed axis ([S, rows, cols]); activations are 2-D and seed-major ([S·N, cols],
 * rows s·N..(s+1)·N−1 belong to seed s). As in ops.ts every op has a hand-written gradient
 * (tfjs-core registers none), every tensor a gradient needs goes through save([...]), and
 * transposes are explicit so the products stay plain, non-transposed matMuls (PERF-NOTES).
 */
type Save = (tensors: Tensor[]) => void;

/**
 * Marks a BatchMatMul kernel function whose rank-3 and transposed products cost what plain
 * ones do (wasm-native-kernels.ts: OpenBLAS takes batches and transposes as arguments).
 */
export const FAST_PRODUCTS = Symbol.for("grokscope.fastProducts");

/** Whether this backend runs rank-3 and transposed products on a real kernel. */
function hasFastProducts(tf: Tf): boolean {
  const backend = tf.getBackend();
  if (backend !== "wasm" && backend !== "cpu") return true; // tensorflow, webgl, webgpu
  const kernel = tf.getKernel("BatchMatMul", backend);
  return kernel !== undefined && FAST_PRODUCTS in kernel.kernelFunc;
}

/**
 * THE seam for batched products op(a[s])·op(b[s]) (op = transpose of the last two axes when asked;
 * a [S,m,k], b [S,k,n] → [S,m,n]), forward only.
 * wasm's own kernel runs rank-3 BatchMatMul on a scalar loop and only batch-1, non-transposed
 * operands on its fast XNNPACK path (PERF-NOTES), so there (and on cpu) transposes are explicit and
 * we run S plain 2-D matMuls on seed blocks (seedBlock below) and concatenate the products; the
 * native and GPU backends, and wasm with OpenBLAS, have real batched kernels: one rank-3 matMul.
 */
export function batchedMatMul(tf: Tf, a: Tensor3D, b: Tensor3D, transposeA = false, transposeB = false): Tensor3D {
  if (hasFastProducts(tf)) return tf.matMul(a, b, transposeA, transposeB);
  const left = transposeA ? swapLast(tf, a) : a;
  const right = transposeB ? swapLast(tf, b) : b;
  const S = left.shape[0];
  const products = Array.from({ length: S }, (_, s) => tf.matMul(seedBlock(tf, left, s), seedBlock(tf, right, s)));
  return tf.reshape(S === 1 ? products[0]! : tf.concat(products, 0), [S, left.shape[1], right.shape[2]]) as Tensor3D;
}

/**
 * Seed s's block x[s] of x [S,r,c] as a 2-D tensor, copying only that block. Not tf.unstack or
 * tf.slice: on wasm both first copy the WHOLE input out of the heap (backend.readSync), so S blocks
 * cost O(S²) — measured at S = 12, [12,3764,256]: unstack 779 ms, one slice 67 ms, this 7.5 ms.
 * SparseSegmentSum with one row per segment is an exact row copy in wasm's C++ kernels.
 */
function seedBlock(tf: Tf, x: Tensor3D, s: number): Tensor2D {
  const [S, r, c] = x.shape;
  if (S === 1) return tf.reshape(x, [r, c]) as Tensor2D;
  return tf.sparse.sparseSegmentSum(tf.reshape(x, [S * r, c]) as Tensor2D, tf.range(s * r, (s + 1) * r, 1, "int32"), tf.range(0, r, 1, "int32")) as Tensor2D;
}

const swapLast = (tf: Tf, x: Tensor) => tf.transpose(x, [0, 2, 1]) as Tensor3D;

/** a[s]·b[s] with dA = dy·bᵀ, dB = aᵀ·dy per seed, all through the seam. */
export function createBatchedMatMul(tf: Tf): (a: Tensor3D, b: Tensor3D) => Tensor3D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [a, b, save] = args as [Tensor3D, Tensor3D, Save];
    save([a, b]);
    return {
      value: batchedMatMul(tf, a, b),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sa, sb] = saved as [Tensor3D, Tensor3D];
        const g = dy as Tensor3D;
        return [batchedMatMul(tf, g, sb, false, true), batchedMatMul(tf, sa, g, true, false)];
      },
    };
  });
  return (a, b) => op(a, b) as Tensor3D;
}

/** Seed-major activations x [S·N, k] times per-seed weights w [S,k,n] → [S·N, n]. */
export function createSeedMatMul(tf: Tf): (x: Tensor2D, w: Tensor3D) => Tensor2D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [x, w, save] = args as [Tensor2D, Tensor3D, Save];
    const [S, k, n] = w.shape;
    const x3 = tf.reshape(x, [S, x.shape[0] / S, k]) as Tensor3D;
    save([x3, w]);
    return {
      value: tf.reshape(batchedMatMul(tf, x3, w), [x.shape[0], n]),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sx, sw] = saved as [Tensor3D, Tensor3D];
        const g = tf.reshape(dy, [S, sx.shape[1], n]) as Tensor3D;
        return [tf.reshape(batchedMatMul(tf, g, sw, false, true), [S * sx.shape[1], k]), batchedMatMul(tf, sx, g, true, false)];
      },
    };
  });
  return (x, w) => op(x, w) as Tensor2D;
}

/**
 * Per seed, [x·w_top; x·w_bottom] for w [S,2k,m] split into two k-row blocks, flattened to a
 * seed-major (S·2r × m) table: the batched form of ops.ts createStackedBlockProducts (the MLP's
 * first layer as lookup tables). Rows s·2r..s·2r+r−1 are x[s]·w_top[s], the next r x[s]·w_bottom[s].
 * Without slicing w: viewed as [2S,k,m] (a free reshape) its batch 2s+h is seed s's half h, so
 * with x repeated per half ([2S,r,k]) one batched product gives the table in exactly that order.
 */
export function createSeedBlockTable(tf: Tf): (x: Tensor3D, w: Tensor3D) => Tensor2D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [x, w, save] = args as [Tensor3D, Tensor3D, Save];
    const [S, r, k] = x.shape;
    const m = w.shape[2];
    const halves = tf.reshape(w, [2 * S, k, m]) as Tensor3D;
    // concat, not tf.tile: wasm's Tile is a generic per-element loop, 25× slower here.
    const perSeed = tf.reshape(x, [S, 1, r, k]);
    const xTwice = tf.reshape(tf.concat([perSeed, perSeed], 1), [2 * S, r, k]) as Tensor3D;
    save([xTwice, halves]);
    return {
      value: tf.reshape(batchedMatMul(tf, xTwice, halves), [S * 2 * r, m]),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sx, sw] = saved as [Tensor3D, Tensor3D];
        const g = tf.reshape(dy, [2 * S, r, m]) as Tensor3D;
        const dxTwice = batchedMatMul(tf, g, sw, false, true); // [2S, r, k]: both halves' share of dx
        const dx = tf.sum(tf.reshape(dxTwice, [S, 2, r, k]), 1);
        return [dx, tf.reshape(batchedMatMul(tf, sx, g, true, false), [S, 2 * k, m])];
      },
    };
  });
  return (x, w) => op(x, w) as Tensor2D;
}

/**
 * x [S·N, c] + b[s] on seed s's rows (b [S, c]). db = per-seed column sums of dy, as one
 * SparseSegmentSum with segment = seed (the batched form of ops.ts createAddBias, same reason:
 * on wasm it is much faster than tf.sum over an axis).
 */
export function createSeedBias(tf: Tf): (x: Tensor2D, b: Tensor2D) => Tensor2D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [x, b] = args as [Tensor2D, Tensor2D, Save];
    const [S, c] = b.shape;
    const rows = x.shape[0];
    return {
      value: tf.reshape(tf.add(tf.reshape(x, [S, rows / S, c]), tf.reshape(b, [S, 1, c])), [rows, c]),
      gradFunc: (dy: Tensor) => {
        const seedOfRow = new Int32Array(rows);
        for (let i = 0; i < rows; i++) seedOfRow[i] = Math.floor((i * S) / rows);
        const sums = tf.sparse.sparseSegmentSum(dy as Tensor2D, tf.range(0, rows, 1, "int32"), tf.tensor1d(seedOfRow, "int32"));
        return [dy, sums];
      },
    };
  });
  return (x, b) => op(x, b) as Tensor2D;
}

/** Row-wise concatenation of 2-D blocks; each block's gradient is its slice of dy. */
export function createConcatRows(tf: Tf): (parts: Tensor2D[]) => Tensor2D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const parts = args.slice(0, -1) as Tensor2D[];
    const sizes = parts.map((t) => t.shape[0]);
    return {
      value: parts.length === 1 ? tf.clone(parts[0]!) : tf.concat(parts, 0),
      // Row blocks of dy by SparseSegmentSum, not tf.split: see seedBlock (wasm's Slice copies all of dy per block).
      gradFunc: (dy: Tensor) => {
        if (parts.length === 1) return [dy];
        let at = 0;
        return sizes.map((n) => {
          const rows = tf.range(at, (at += n), 1, "int32");
          return tf.sparse.sparseSegmentSum(dy as Tensor2D, rows, tf.range(0, n, 1, "int32"));
        });
      },
    };
  });
  return (parts) => op(...parts) as Tensor2D;
}

