import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";
import { FAST_PRODUCTS } from "./core/ops-batched.ts";
import type { NativeBlas } from "./native-blas.ts";
import type { Tf } from "./backends.ts";

/**
 * Replaces the wasm backend's BatchMatMul with OpenBLAS, reading and writing the wasm heap in
 * place. Matrix products are ~85 % of a training step on wasm (PERF-NOTES.md); every other op
 * stays on wasm, so the model code does not change. Transposed operands cost nothing here
 * (cblas takes the flags), unlike wasm's own kernel.
 * Products it does not cover (non-float32, empty, exotic batch broadcasts) go to the original.
 */

/** The parts of tfjs-backend-wasm's BackendWasm this kernel touches. */
interface WasmBackend {
  wasm: { HEAPF32: Float32Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number | null } };
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

let original: KernelConfig | undefined;

function nativeBatchMatMul(blas: NativeBlas, fallback: KernelFunc): KernelFunc {
  const kernel: KernelFunc = (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    const backend = args.backend as unknown as WasmBackend;
    const ra = a.shape.length;
    const rb = b.shape.length;
    if (a.dtype !== "float32" || b.dtype !== "float32" || ra < 2 || rb < 2) return fallback(args);
    const m = a.shape[transposeA ? ra - 1 : ra - 2]!;
    const k = a.shape[transposeA ? ra - 2 : ra - 1]!;
    const kb = b.shape[transposeB ? rb - 1 : rb - 2]!;
    const n = b.shape[transposeB ? rb - 2 : rb - 1]!;
    const outerA = a.shape.slice(0, -2);
    const outerB = b.shape.slice(0, -2);
    const batchA = size(outerA);
    const batchB = size(outerB);
    const outer = outerA.length >= outerB.length ? outerA : outerB;
    const batch = Math.max(batchA, batchB);
    // Covered: equal batch shapes, or one side a single matrix (stride 0) — everything this
    // trainer does. Mismatched K and other broadcasts go to the original, which also raises
    // tfjs's usual error messages.
    const sameOuter = outerA.length === outerB.length && outerA.every((d, i) => d === outerB[i]);
    const broadcastOne = (batchA === 1 || batchB === 1) && size(outer) === batch;
    if (k !== kb || m * n * k === 0 || !(sameOuter || broadcastOne)) return fallback(args);

    const out = backend.makeOutput([...outer, m, n], "float32");
    const offset = (t: TensorInfo) => backend.dataIdMap.get(t.dataId)!.memoryOffset! / 4;
    // Read the heap view after makeOutput: an allocation can grow (and so replace) the buffer.
    blas.sgemm(
      backend.wasm.HEAPF32, transposeA, transposeB, m, n, k,
      offset(a), offset(b), offset(out), batch,
      batchA === 1 ? 0 : m * k, batchB === 1 ? 0 : k * n, m * n,
    );
    return out;
  };
  // Tells the batched ops (ops-batched.ts) to pass batches and transposes straight through.
  return Object.assign(kernel, { [FAST_PRODUCTS]: true });
}

/** Whether the wasm backend's matrix products currently run on OpenBLAS. */
export function nativeMatMulActive(tf: Tf): boolean {
  const kernel = tf.getKernel("BatchMatMul", "wasm");
  return kernel !== undefined && FAST_PRODUCTS in kernel.kernelFunc;
}

/**
 * Routes the wasm backend's matrix products to `blas`, or back to wasm's own kernel with null.
 * Process-wide (tfjs keeps one kernel registry): selectBackend calls it for every selection.
 */
export function useNativeMatMul(tf: Tf, blas: NativeBlas | null): void {
  const current = tf.getKernel("BatchMatMul", "wasm");
  if (!current) throw new Error("the wasm backend's BatchMatMul kernel is not registered");
  original ??= current;
  tf.unregisterKernel("BatchMatMul", "wasm");
  tf.registerKernel(blas ? { ...original, kernelFunc: nativeBatchMatMul(blas, original.kernelFunc) } : original);
}
