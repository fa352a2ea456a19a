import type { Tensor, Tensor1D, Tensor2D, Tensor3D } from "@tensorflow/tfjs-core";
import type { Tf } from "./ops.ts";
import { batchedMatMul } from "./ops-batched.ts";

type Save = (tensors: Tensor[]) => void;

/**
 * out[i] = table[rows[i]]: one embedding row per entry, as a SparseSegmentSum with one index per
 * segment (exact; tf.gather's gradient needs UnsortedSegmentSum, which wasm lacks — PERF-NOTES).
 *   gradient  dTable[r] = Σ_{i: rows[i]=r} dy[i] = SparseSegmentSum(dy, entries sorted by row, their rows)
 * A seed-axis table [S, r, c] is read as its seed-major [S·r, c] view (row s·r + j is seed s's
 * row j; tableRows = S·r) and gets its gradient back in its own shape.
 * Returns the op and a dispose for its constant index tensors.
 */
export function createRowLookup(
  tf: Tf,
  rows: Int32Array,
  tableRows: number,
): { lookup: (table: Tensor2D | Tensor3D) => Tensor2D; dispose: () => void } {
  const n = rows.length;
  const entries = new Int32Array(n);
  for (let i = 0; i < n; i++) entries[i] = i;
  // Counting sort of the entries by row, for the gradient.
  const start = new Int32Array(tableRows + 1);
  for (const r of rows) start[r + 1] = start[r + 1]! + 1;
  for (let r = 0; r < tableRows; r++) start[r + 1] = start[r + 1]! + start[r]!;
  const entriesByRow = new Int32Array(n);
  const sortedRows = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const at = start[r]!;
    start[r] = at + 1;
    entriesByRow[at] = i;
    sortedRows[at] = r;
  }
  const consts = [rows, entries, entriesByRow, sortedRows].map((a) => tf.tensor1d(a, "int32"));
  const [rowsT, entriesT, entriesByRowT, sortedRowsT] = consts as [Tensor1D, Tensor1D, Tensor1D, Tensor1D];
  // SparseSegmentSum returns (last segment id + 1) rows; pad when the last table rows are unused.
  const missingRows = tableRows - (n > 0 ? sortedRows[n - 1]! + 1 : 0);

  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [table] = args as [Tensor2D | Tensor3D, Save];
    const shape = table.shape;
    const cols = shape[shape.length - 1]!;
    return {
      value: tf.sparse.sparseSegmentSum(table.rank === 2 ? table : tf.reshape(table, [tableRows, cols]), rowsT, entriesT),
      gradFunc: (dy: Tensor) => {
        const g = tf.sparse.sparseSegmentSum(dy, entriesByRowT, sortedRowsT);
        const padded = missingRows > 0 ? tf.pad(g, [[0, missingRows], [0, 0]]) : g;
        return shape.length === 2 ? padded : tf.reshape(padded, shape);
      },
    };
  });
  return { lookup: (table) => op(table) as Tensor2D, dispose: () => tf.dispose(consts) };
}

/** d×H indicator: column h is 1 on the d/H rows (model dimensions) that belong to head h. */
export function headMask(tf: Tf, dModel: number, heads: number): Tensor2D {
  const dHead = dModel / heads;
  const mask = new Float32Array(dModel * heads);
  for (let j = 0; j < dModel; j++) mask[j * heads + Math.floor(j / dHead)] = 1;
  return tf.tensor2d(mask, [dModel, heads]);
}

/** x + y (same shape), dx = dy = dz: tfjs-core registers no gradient for Add. */
export function createAdd(tf: Tf): (x: Tensor2D, y: Tensor2D) => Tensor2D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [x, y] = args as [Tensor2D, Tensor2D, Save];
    return { value: tf.add(x, y), gradFunc: (dy: Tensor) => [dy, tf.clone(dy)] };
  });
  return (x, y) => op(x, y) as Tensor2D;
}

/**
 * Per-seed products a[s]·b[s] (a [S,r,k], b [S,k,n]) as one seed-major [S·r, n] tensor, through
 * ops-batched's batchedMatMul seam (one rank-3 matMul on native/GPU backends and wasm-openblas, S
 * plain 2-D ones on wasm/cpu); dA = dy·bᵀ, dB = aᵀ·dy per seed.
 */
export function createSeedProduct(tf: Tf): (a: Tensor3D, b: Tensor3D) => Tensor2D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [a, b, save] = args as [Tensor3D, Tensor3D, Save];
    const [S, r] = a.shape;
    const n = b.shape[2];
    save([a, b]);
    return {
      value: tf.reshape(batchedMatMul(tf, a, b), [S * r, n]),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sa, sb] = saved as [Tensor3D, Tensor3D];
        const g = tf.reshape(dy, [S, r, n]) as Tensor3D;
        return [batchedMatMul(tf, g, sb, false, true), batchedMatMul(tf, sa, g, true, false)];
      },
    };
  });
  return (a, b) => op(a, b) as Tensor2D;
}

/**
 * Σ over each seed's rows of a seed-major x [S·n, c] → [S, c], as one SparseSegmentSum with
 * segment = seed (on wasm much faster than tf.sum over the middle axis of [S, n, c], which transposes).
 */
export function seedSum(tf: Tf, x: Tensor2D, seeds: number): Tensor2D {
  const rows = x.shape[0];
  const seedOfRow = new Int32Array(rows);
  for (let i = 0; i < rows; i++) seedOfRow[i] = Math.floor((i * seeds) / rows);
  return tf.sparse.sparseSegmentSum(x, tf.range(0, rows, 1, "int32"), tf.tensor1d(seedOfRow, "int32")) as Tensor2D;
}

/** f(x[s·n + i], row[s]) for seed-major x [S·n, c] and one row per seed (row [S, c]), by broadcasting a [S, n, c] view. Not differentiable by itself. */
export function withSeedRow(tf: Tf, x: Tensor2D, row: Tensor2D, f: (x: Tensor, row: Tensor) => Tensor): Tensor2D {
  const [S, c] = row.shape;
  const [rows, cx] = x.shape;
  return tf.reshape(f(tf.reshape(x, [S, rows / S, cx]), tf.reshape(row, [S, 1, c])), [rows, -1]) as Tensor2D;
}

/** max(x, 0) with dx = dy where x > 0. */
export function createRelu(tf: Tf): (x: Tensor2D) => Tensor2D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [x, save] = args as [Tensor2D, Save];
    save([x]);
    return { value: tf.relu(x), gradFunc: (dy: Tensor, [sx]: Tensor[]) => tf.mul(dy, tf.step(sx!)) };
  });
  return (x) => op(x) as Tensor2D;
}
