import type { Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import type { Tf } from "./ops.ts";

type Save = (tensors: Tensor[]) => void;

/**
 * out[i] = table[rows[i]]: one embedding row per entry, as a SparseSegmentSum with one index per
 * segment (exact; tf.gather's gradient needs UnsortedSegmentSum, which wasm lacks — PERF-NOTES).
 *   gradient  dTable[r] = Σ_{i: rows[i]=r} dy[i] = SparseSegmentSum(dy, entries sorted by row, their rows)
 * Returns the op and a dispose for its constant index tensors.
 */
export function createRowLookup(
  tf: Tf,
  rows: Int32Array,
  tableRows: number,
): { lookup: (table: Tensor2D) => Tensor2D; dispose: () => void } {
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
    const [table] = args as [Tensor2D, Save];
    return {
      value: tf.sparse.sparseSegmentSum(table, rowsT, entriesT),
      gradFunc: (dy: Tensor) => {
        const g = tf.sparse.sparseSegmentSum(dy, entriesByRowT, sortedRowsT);
        return missingRows > 0 ? tf.pad(g, [[0, missingRows], [0, 0]]) : g;
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

/** x (n×d) + row (1×d) broadcast over rows; dRow = column sums of dy. */
export function createAddRow(tf: Tf): (x: Tensor2D, row: Tensor2D) => Tensor2D {
  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [x, row] = args as [Tensor2D, Tensor2D, Save];
    return { value: tf.add(x, row), gradFunc: (dy: Tensor) => [dy, tf.sum(dy, 0, true)] };
  });
  return (x, row) => op(x, row) as Tensor2D;
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
