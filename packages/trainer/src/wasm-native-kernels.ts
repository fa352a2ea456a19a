import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";
import { FAST_PRODUCTS } from "./core/ops-batched.ts";
import type { NativeKernels } from "./native-kernels.ts";
import type { Tf } from "./backends.ts";

/**
 * Replaces two of the wasm backend's kernels with native ones (native-kernels.ts), reading and
 * writing the wasm heap in place; every other op stays on wasm, so the model code does not change.
 *   BatchMatMul → OpenBLAS: products are ~85 % of a training step on wasm (PERF-NOTES.md).
 *     Transposed operands cost nothing here (cblas takes the flags), unlike wasm's own kernel.
 *   Erf → a vectorised erf: wasm's scalar loop was ~20 % of a step once products were native.
 * Cases they do not cover (non-float32, empty, exotic batch broadcasts) go to the original kernel.
 */

/** The parts of tfjs-backend-wasm's BackendWasm these kernels touch. */
interface WasmBackend {
  wasm: { HEAPF32: Float32Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number | null } };
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
/** A tensor's position in the heap, in floats (wasm allocations are 8-byte aligned). */
const offsetOf = (backend: WasmBackend, t: TensorInfo) => backend.dataIdMap.get(t.dataId)!.memoryOffset! / 4;

function nativeBatchMatMul(native: NativeKernels, fallback: KernelFunc): KernelFunc {
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
    // Read the heap view after makeOutput: an allocation can grow (and so replace) the buffer.
    native.sgemm(
      backend.wasm.HEAPF32, transposeA, transposeB, m, n, k,
      offsetOf(backend, a), offsetOf(backend, b), offsetOf(backend, out), batch,
      batchA === 1 ? 0 : m * k, batchB === 1 ? 0 : k * n, m * n,
    );
    return out;
  };
  // Tells the batched ops (ops-batched.ts) to pass batches and transposes straight through.
  return Object.assign(kernel, { [FAST_PRODUCTS]: true });
}

function nativeErf(native: NativeKernels, fallback: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const backend = args.backend as unknown as WasmBackend;
    const n = size(x.shape);
    if (x.dtype !== "float32" || n === 0) return fallback(args);
    const out = backend.makeOutput([...x.shape], "float32");
    native.erf(backend.wasm.HEAPF32, offsetOf(backend, x), offsetOf(backend, out), n);
    return out;
  };
}

const NATIVE: Record<string, (native: NativeKernels, fallback: KernelFunc) => KernelFunc> = {
  BatchMatMul: nativeBatchMatMul,
  Erf: nativeErf,
};
const originals = new Map<string, KernelConfig>();

/** Whether the wasm backend's kernels are currently the native ones. */
export function nativeKernelsActive(tf: Tf): boolean {
  const kernel = tf.getKernel("BatchMatMul", "wasm");
  return kernel !== undefined && FAST_PRODUCTS in kernel.kernelFunc;
}

/**
 * Routes the wasm backend's products and erf to `native`, or back to wasm's own kernels with null.
 * Process-wide (tfjs keeps one kernel registry): selectBackend calls it for every wasm selection.
 */
export function useNativeKernels(tf: Tf, native: NativeKernels | null): void {
  for (const [name, make] of Object.entries(NATIVE)) {
    const current = tf.getKernel(name, "wasm");
    if (!current) throw new Error(`the wasm backend's ${name} kernel is not registered`);
    if (!originals.has(name)) originals.set(name, current);
    const original = originals.get(name)!;
    tf.unregisterKernel(name, "wasm");
    tf.registerKernel(native ? { ...original, kernelFunc: make(native, original.kernelFunc) } : original);
  }
}
