import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as TfCore from "@tensorflow/tfjs-core";
import { loadNativeKernels } from "./native-kernels.ts";
import { useNativeKernels } from "./wasm-native-kernels.ts";

/**
 * The only place that picks a tfjs backend (DESIGN.md §5). Order for "auto":
 * tfjs-node-gpu (CUDA) → tfjs-node → wasm-openblas → wasm (SIMD) → cpu. The native packages are
 * optional dependencies whose installers download libtensorflow, so offline they are simply
 * absent: a missing one is skipped with one log line; a run that *requests* it fails naming the
 * package. "wasm-openblas" is the wasm backend with its matrix products on the machine's
 * OpenBLAS (native FMA; one thread unless OPENBLAS_NUM_THREADS says more) and a vectorised erf
 * (wasm-native-kernels.ts).
 */
export type BackendRequest = "auto" | "tensorflow-gpu" | "tensorflow" | "wasm-openblas" | "wasm" | "cpu";
export type Tf = typeof TfCore;

export interface SelectedBackend {
  /** The tfjs instance whose backend was set: pass this one to train(). */
  tf: Tf;
  /** The backend as stored on the run: what tf.getBackend() reports ("wasm", "tensorflow",
   * "cpu"), or "wasm-openblas" for wasm with native products and erf. */
  backend: string;
}

const require = createRequire(import.meta.url);

interface Candidate {
  request: Exclude<BackendRequest, "auto">;
  pkg: string;
  load: () => Promise<{ tf: Tf; name: string }>;
  /** After the tfjs backend is set: switches wasm's matrix products (throws if unavailable). */
  configure?: (tf: Tf) => void;
}

/** The package itself is absent (not: installed but its native binding or a dependency is missing). */
const isMissing = (error: unknown, pkg: string) => {
  const e = error as { code?: string; message?: string };
  return (e?.code === "MODULE_NOT_FOUND" || e?.code === "ERR_MODULE_NOT_FOUND") && String(e.message).includes(`'${pkg}'`);
};

/** tfjs-node packages re-export their own tfjs; use that copy, it is the one they registered with. */
async function loadNative(pkg: string): Promise<{ tf: Tf; name: string }> {
  const mod = (await import(pkg)) as Tf & { default?: Tf };
  const tf = (typeof mod.setBackend === "function" ? mod : mod.default) as Tf;
  return { tf, name: "tensorflow" };
}

let wasmPathsSet = false;
async function loadWasm(): Promise<{ tf: Tf; name: string }> {
  const tf = await import("@tensorflow/tfjs-core");
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  if (!wasmPathsSet) {
    // Point the loader at the installed package's dist/ folder, where the .wasm binaries live.
    const main = require.resolve("@tensorflow/tfjs-backend-wasm");
    wasm.setWasmPaths(join(dirname(main), "/"));
    wasmPathsSet = true;
  }
  return { tf, name: "wasm" };
}

async function loadCpu(): Promise<{ tf: Tf; name: string }> {
  const tf = await import("@tensorflow/tfjs-core");
  await import("@tensorflow/tfjs-backend-cpu");
  return { tf, name: "cpu" };
}

const CANDIDATES: Candidate[] = [
  { request: "tensorflow-gpu", pkg: "@tensorflow/tfjs-node-gpu", load: () => loadNative("@tensorflow/tfjs-node-gpu") },
  { request: "tensorflow", pkg: "@tensorflow/tfjs-node", load: () => loadNative("@tensorflow/tfjs-node") },
  {
    request: "wasm-openblas", pkg: "@tensorflow/tfjs-backend-wasm", load: loadWasm,
    configure: (tf) => {
      let native;
      try {
        native = loadNativeKernels();
      } catch (error) {
        throw new Error(`its native kernels are unavailable: ${firstLine(error)}`);
      }
      useNativeKernels(tf, native);
    },
  },
  { request: "wasm", pkg: "@tensorflow/tfjs-backend-wasm", load: loadWasm, configure: (tf) => useNativeKernels(tf, null) },
  { request: "cpu", pkg: "@tensorflow/tfjs-backend-cpu", load: loadCpu },
];

async function tryCandidate(c: Candidate): Promise<SelectedBackend> {
  let loaded: { tf: Tf; name: string };
  try {
    loaded = await c.load();
  } catch (error) {
    if (isMissing(error, c.pkg)) throw new Error(`${c.pkg} is not installed: npm install ${c.pkg}`);
    // Installed but its native library failed to load (no libtensorflow, no CUDA, ...).
    throw new Error(`${c.pkg} failed to load (${firstLine(error)}); reinstall it: npm install ${c.pkg}`);
  }
  const ok = await loaded.tf.setBackend(loaded.name);
  if (!ok) throw new Error(`${c.pkg} loaded but its backend "${loaded.name}" failed to initialise`);
  await loaded.tf.ready();
  c.configure?.(loaded.tf);
  return { tf: loaded.tf, backend: c.configure ? c.request : loaded.tf.getBackend() };
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0];

/** Picks and initialises a backend; with "auto", the first of the preference order that loads. */
export async function selectBackend(requested: BackendRequest, log: (msg: string) => void = () => {}): Promise<SelectedBackend> {
  if (requested !== "auto") {
    const c = CANDIDATES.find((x) => x.request === requested);
    if (!c) throw new Error(`unknown backend "${String(requested)}"`);
    try {
      return await tryCandidate(c);
    } catch (error) {
      throw new Error(`backend ${requested} requested but ${firstLine(error)}`);
    }
  }
  for (const c of CANDIDATES) {
    try {
      return await tryCandidate(c);
    } catch (error) {
      log(`backend ${c.request} skipped: ${firstLine(error)}`);
    }
  }
  throw new Error("no tfjs backend could be initialised (not even cpu)");
}
