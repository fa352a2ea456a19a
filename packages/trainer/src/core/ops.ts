import type * as TfCore from "@tensorflow/tfjs-core";
import type { Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";

/**
 * Differentiable ops with hand-written gradients that stay on tfjs-wasm's fast kernels
 * (PERF-NOTES "Two fixes worth 10×"): wasm's XNNPACK matmul is fast only for non-transposed,
 * batch-1 operands, and tf.gather's gradient needs UnsortedSegmentSum, which wasm lacks.
 * Every tensor a gradient needs from the forward pass goes through save([...]): tensors captured
 * by closure are disposed before backprop. Long-lived constants (index tensors) may be closed over.
 *
 * Every op on the training path has its own gradient here, so training needs no registered
 * gradients (tfjs-core alone registers none; only the @tensorflow/tfjs union package does).
 */
export type Tf = typeof TfCore;
type Save = (tensors: Tensor[]) => void;

/** a·b with gradients dA = dy·bᵀ, dB = aᵀ·dy via explicit transposes + plain matMul. */
export function createMatMul(tf: Tf): (a: Tensor2D, b: Tensor2D) => Tensor2D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [a, b, save] = args as [Tensor2D, Tensor2D, Save];
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sa, sb] = saved as [Tensor2D, Tensor2D];
        const g = dy as Tensor2D;
        return [tf.matMul(g, tf.transpose(sb)), tf.matMul(tf.transpose(sa), g)];
      },
    };
  });
  return (a, b) => op(a, b) as Tensor2D;
}

/**
 * x + b (b broadcast over rows) with db = column sums of dy as one SparseSegmentSum (all rows in
 * segment 0): on wasm 5× faster than tf.sum(dy, 0) and 20× faster than 1ᵀ·dy.
 */
export function createAddBias(tf: Tf): (x: Tensor2D, b: Tensor1D) => Tensor2D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [x, b] = args as [Tensor2D, Tensor1D, Save];
    return {
      value: tf.add(x, b),
      gradFunc: (dy: Tensor) => {
        const [rows, cols] = dy.shape as [number, number];
        const columnSums = tf.sparse.sparseSegmentSum(dy, tf.range(0, rows, 1, "int32"), tf.zeros([rows], "int32"));
        return [dy, tf.reshape(columnSums, [cols])];
      },
    };
  });
  return (x, b) => op(x, b) as Tensor2D;
}

/**
 * Exact GeLU, x·Φ(x) with Φ the standard normal CDF via erf (PyTorch nn.GELU's default, which
 * 2606.18465's MLP uses). d/dx = Φ(x) + x·φ(x) with Φ saved from the forward pass.
 * φ(x) = exp(−x²/2)/√(2π), with exp(v) = σ(v)/(1 − σ(v)) for v ≤ 0: wasm's sigmoid is a vectorised
 * XNNPACK kernel, its exp a scalar loop ~5× slower; measured error ≤ 3e-7 relative (2.5 ulp).
 */
export function createGelu(tf: Tf): (x: Tensor2D) => Tensor2D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [x, save] = args as [Tensor2D, Save];
    const cdf = tf.mul(0.5, tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
    save([x, cdf]);
    return {
      value: tf.mul(x, cdf),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sx, scdf] = saved as [Tensor2D, Tensor2D];
        const s = tf.sigmoid(tf.mul(tf.square(sx), -0.5));
        const pdf = tf.div(s, tf.sub(1, s)); // exp(−x²/2)
        return tf.mul(dy, tf.add(scdf, tf.mul(sx, tf.mul(pdf, 1 / Math.sqrt(2 * Math.PI)))));
      },
    };
  });
  return (x) => op(x) as Tensor2D;
}

/**
 * [x·w_top; x·w_bottom] for w (2k×m) split into two k-row blocks: the (2r×m) stack of the two
 * products. With x = E and w = W1 this is the MLP's first layer as lookup tables (model-mlp.ts).
 */
export function createStackedBlockProducts(tf: Tf): (x: Tensor2D, w: Tensor2D) => Tensor2D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [x, w, save] = args as [Tensor2D, Tensor2D, Save];
    const [r] = x.shape;
    const [k2, m] = w.shape;
    const top = tf.slice(w, [0, 0], [k2 / 2, m]);
    const bottom = tf.slice(w, [k2 / 2, 0], [k2 / 2, m]);
    save([x, top, bottom]);
    return {
      value: tf.concat([tf.matMul(x, top), tf.matMul(x, bottom)], 0),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sx, st, sb] = saved as [Tensor2D, Tensor2D, Tensor2D];
        const dTop = tf.slice(dy, [0, 0], [r, m]) as Tensor2D;
        const dBottom = tf.slice(dy, [r, 0], [r, m]) as Tensor2D;
        const xT = tf.transpose(sx);
        const dx = tf.add(tf.matMul(dTop, tf.transpose(st)), tf.matMul(dBottom, tf.transpose(sb)));
        return [dx, tf.concat([tf.matMul(xT, dTop), tf.matMul(xT, dBottom)], 0)];
      },
    };
  });
  return (x, w) => op(x, w) as Tensor2D;
}

/**
 * out[i] = table[first[i]] + table[second[i]]: the sum of two embedding rows per example,
 * equal to onehot(first)·table + onehot(second)·table but computed as segment sums (exact, and
 * on wasm ~80× faster than tf.gather, whose gradient also needs UnsortedSegmentSum that wasm lacks):
 *   forward   out = SparseSegmentSum(table, [first₀, second₀, first₁, …], [0, 0, 1, 1, …])
 *   gradient  dTable[r] = Σ_{i: first[i]=r or second[i]=r} dy[i]
 *             = SparseSegmentSum(dy, example indices sorted by row, their rows)
 * Returns the op and a dispose for its constant index tensors.
 */
export function createPairLookup(
  tf: Tf,
  first: Int32Array,
  second: Int32Array,
  tableRows: number,
): { lookup: (table: Tensor2D) => Tensor2D; dispose: () => void } {
  const n = first.length;
  const rowsOfExample = new Int32Array(2 * n);
  const exampleOfEntry = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    rowsOfExample[2 * i] = first[i]!;
    rowsOfExample[2 * i + 1] = second[i]!;
    exampleOfEntry[2 * i] = exampleOfEntry[2 * i + 1] = i;
  }
  // Counting sort of the 2n (row, example) entries by row, for the gradient.
  const start = new Int32Array(tableRows + 1);
  for (const r of rowsOfExample) start[r + 1] = start[r + 1]! + 1;
  for (let r = 0; r < tableRows; r++) start[r + 1] = start[r + 1]! + start[r]!;
  const examplesByRow = new Int32Array(2 * n);
  const sortedRows = new Int32Array(2 * n);
  for (let k = 0; k < 2 * n; k++) {
    const r = rowsOfExample[k]!;
    const at = start[r]!;
    start[r] = at + 1;
    examplesByRow[at] = exampleOfEntry[k]!;
    sortedRows[at] = r;
  }
  const consts = [rowsOfExample, exampleOfEntry, examplesByRow, sortedRows].map((a) => tf.tensor1d(a, "int32"));
  const [rowsT, examplesT, examplesByRowT, sortedRowsT] = consts as [Tensor1D, Tensor1D, Tensor1D, Tensor1D];
  // SparseSegmentSum returns (last segment id + 1) rows; pad when the last table rows are unused.
  const missingRows = tableRows - (n > 0 ? sortedRows[2 * n - 1]! + 1 : 0);

  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [table] = args as [Tensor2D, Save];
    return {
      value: tf.sparse.sparseSegmentSum(table, rowsT, examplesT),
      gradFunc: (dy: Tensor) => {
        const g = tf.sparse.sparseSegmentSum(dy, examplesByRowT, sortedRowsT);
        return missingRows > 0 ? tf.pad(g, [[0, missingRows], [0, 0]]) : g;
      },
    };
  });
  return {
    lookup: (table) => op(table) as Tensor2D,
    dispose: () => tf.dispose(consts),
  };
}
