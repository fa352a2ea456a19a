import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * The native kernels of the "wasm-openblas" backend: a small Node-API addon (native/kernels.c,
 * built at install by native/build.mjs) with matrix products on the machine's OpenBLAS and a
 * vectorised erf. OpenBLAS runs on one thread unless OPENBLAS_NUM_THREADS says otherwise (read
 * when it loads; why one: native/kernels.c).
 */
export interface NativeKernels {
  /** OpenBLAS's own description, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ... Cooperlake MAX_THREADS=64". */
  config: string;
  /** Sets OpenBLAS's thread count when n > 0; returns the count in effect. */
  threads(n?: number): number;
  /** C = op(A)·op(B) for `batch` row-major products inside one Float32Array heap (offsets in floats). */
  sgemm(
    heap: Float32Array, transA: boolean, transB: boolean, m: number, n: number, k: number,
    aOffset: number, bOffset: number, cOffset: number, batch: number, aStride: number, bStride: number, cStride: number,
  ): void;
  /** out[i] = erf(in[i]) for n floats of the heap (max abs error 3.8e-7). */
  erf(heap: Float32Array, inOffset: number, outOffset: number, n: number): void;
}

const ADDON = fileURLToPath(new URL("../native/build/grokscope_kernels.node", import.meta.url));
// Debian/Ubuntu (libopenblas0-pthread), other Linux, Homebrew on both Mac architectures.
const LIBRARIES = [
  "libopenblas.so.0",
  "libopenblas.so",
  "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
  "/usr/local/opt/openblas/lib/libopenblas.dylib",
];
const OPENBLAS_INSTALL_HINT = "apt-get install libopenblas0-pthread (or brew install openblas), then npm ci";

let cached: NativeKernels | undefined;

/** Loads the addon and OpenBLAS once per process; throws an error that says what to install. */
export function loadNativeKernels(): NativeKernels {
  cached ??= openNativeKernels(LIBRARIES);
  return cached;
}

/** The first of `libraries` that loads and is OpenBLAS (uncached: loadNativeKernels is the normal way in). */
export function openNativeKernels(libraries: readonly string[]): NativeKernels {
  if (!existsSync(ADDON)) {
    throw new Error("the native kernels are not built (no C compiler at install?): run node packages/trainer/native/build.mjs");
  }
  const addon = createRequire(import.meta.url)(ADDON) as Omit<NativeKernels, "config"> & { load(lib: string): string };
  const failures: string[] = [];
  for (const library of libraries) {
    try {
      const config = addon.load(library);
      return { config, threads: (n) => addon.threads(n ?? 0), sgemm: addon.sgemm, erf: addon.erf };
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  throw new Error(`OpenBLAS not found (${failures[0]}): ${OPENBLAS_INSTALL_HINT}`);
}

/** Whether this machine can run the "wasm-openblas" backend (for tests and benchmarks that cover both). */
export function nativeKernelsAvailable(): boolean {
  try {
    loadNativeKernels();
    return true;
  } catch {
    return false;
  }
}
