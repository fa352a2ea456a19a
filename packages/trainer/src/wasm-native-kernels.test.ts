import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { selectBackend } from "./backends.ts";
import { loadNativeKernels, openNativeKernels, type NativeKernels } from "./native-kernels.ts";
import { nativeKernelsActive, useNativeKernels } from "./wasm-native-kernels.ts";

// CI installs OpenBLAS and a C compiler (.ci/run), so there the native kernels must load; a
// newcomer's machine without them must instead get the error that says what to install.
let native: NativeKernels | null = null;
let unavailable = "";
try {
  native = loadNativeKernels();
} catch (error) {
  unavailable = (error as Error).message;
}
const required = process.env.CI === "true";

const { tf } = await selectBackend("wasm");

/** Deterministic values in [-1, 1) (no RNG dependency). */
const values = (n: number, salt: number) => Float32Array.from({ length: n }, (_, i) => (((i * 7919 + salt * 104729) % 2001) - 1000) / 1000);

/** The same product on wasm's own kernel and on OpenBLAS. */
function bothWays(aShape: number[], bShape: number[], transposeA = false, transposeB = false) {
  const a = tf.tensor(values(aShape.reduce((x, y) => x * y), 1), aShape);
  const b = tf.tensor(values(bShape.reduce((x, y) => x * y), 2), bShape);
  useNativeKernels(tf, null);
  const wasm = tf.matMul(a, b, transposeA, transposeB);
  useNativeKernels(tf, native);
  const blas = tf.matMul(a, b, transposeA, transposeB);
  useNativeKernels(tf, null);
  const out = { shape: blas.shape, wasmShape: wasm.shape, native: blas.dataSync(), wasm: wasm.dataSync() };
  tf.dispose([a, b, wasm, blas]);
  return out;
}

function expectClose(got: Float32Array | Int32Array | Uint8Array, wasm: Float32Array | Int32Array | Uint8Array, k: number) {
  expect(got.length).toBe(wasm.length);
  // Both sum k products of values ≤ 1 in float32, in different orders: allow k·ε-scale error.
  const tolerance = k * 2 ** -22;
  let worst = 0;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - wasm[i]!));
  expect(worst).toBeLessThan(tolerance);
}

describe.runIf(native !== null)("wasm matrix products on OpenBLAS", () => {
  it.each([
    [[37, 19], [19, 23], false, false],
    [[19, 37], [19, 23], true, false],
    [[37, 19], [23, 19], false, true],
    [[19, 37], [23, 19], true, true],
  ] as const)("2-D %j × %j (transposeA %s, transposeB %s) equals wasm's kernel", (aShape, bShape, ta, tb) => {
    const r = bothWays([...aShape], [...bShape], ta, tb);
    expect(r.shape).toEqual([37, 23]);
    expectClose(r.native, r.wasm, 19);
  });

  it.each([
    ["equal batches", [3, 5, 7], [3, 7, 4], [3, 5, 4]],
    ["a single left matrix broadcast", [1, 5, 7], [3, 7, 4], [3, 5, 4]],
    ["a single right matrix broadcast", [3, 5, 7], [1, 7, 4], [3, 5, 4]],
    ["rank 2 against rank 3", [5, 7], [3, 7, 4], [3, 5, 4]],
    ["two batch axes", [2, 3, 5, 7], [2, 3, 7, 4], [2, 3, 5, 4]],
    ["a batch broadcast it leaves to wasm", [2, 1, 5, 7], [1, 3, 7, 4], [2, 3, 5, 4]],
  ])("batched, %s", (_, aShape, bShape, outShape) => {
    const r = bothWays(aShape!, bShape!);
    expect(r.shape).toEqual(outShape);
    expect(r.wasmShape).toEqual(outShape);
    expectClose(r.native, r.wasm, 5);
  });

  it("OpenBLAS runs on one thread unless OPENBLAS_NUM_THREADS asks for more (why: native/kernels.c)", () => {
    const loader = fileURLToPath(new URL("./native-kernels.ts", import.meta.url));
    const threadsIn = (extra: Record<string, string>) => {
      const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
      if (!("OPENBLAS_NUM_THREADS" in extra)) delete env.OPENBLAS_NUM_THREADS;
      const script = `const { loadNativeKernels } = await import(${JSON.stringify(loader)}); console.log(loadNativeKernels().threads());`;
      const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env, encoding: "utf8", timeout: 60_000 });
      expect(child.stderr).toBe("");
      return Number(child.stdout.trim());
    };
    expect(threadsIn({})).toBe(1);
    expect(threadsIn({ OPENBLAS_NUM_THREADS: "2" })).toBe(2);
  });

  it("batched and transposed both ways", () => {
    const r = bothWays([3, 7, 5], [3, 4, 7], true, true);
    expect(r.shape).toEqual([3, 5, 4]);
    expectClose(r.native, r.wasm, 7);
  });

  it("a product whose output grows the wasm heap reads the new heap", () => {
    // 32 MB of output: more than the heap has spare, so makeOutput grows (and replaces) the buffer.
    const r = bothWays([2048, 3], [3, 4096]);
    expect(r.shape).toEqual([2048, 4096]);
    expectClose(r.native, r.wasm, 3);
  });

  it("leaves what it does not cover to wasm's kernel, with its errors", () => {
    useNativeKernels(tf, native);
    expect(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[1, 2]]))).toThrow(/inner shapes \(2\) and \(1\)/);
    expect(tf.matMul(tf.zeros([0, 3]), tf.zeros([3, 2])).shape).toEqual([0, 2]);
    useNativeKernels(tf, null);
  });

  it("the addon refuses operands outside the heap instead of reading past it", () => {
    const heap = new Float32Array(16);
    expect(() => native!.sgemm(heap, false, false, 2, 2, 2, 0, 4, 14, 1, 0, 0, 0)).toThrow(/outside the heap/);
    expect(() => native!.sgemm(heap, false, false, 2, 2, 2, 0, 4, 8, 3, 4, 4, 4)).toThrow(/outside the heap/);
    native!.sgemm(heap.fill(1), false, false, 2, 2, 2, 0, 4, 8, 1, 0, 0, 0);
    expect(Array.from(heap.subarray(8, 12))).toEqual([2, 2, 2, 2]);
  });

  it("selecting wasm-openblas turns the native kernels on and selecting wasm turns them off", async () => {
    const selected = await selectBackend("wasm-openblas");
    expect(selected.backend).toBe("wasm-openblas");
    expect(selected.tf.getBackend()).toBe("wasm");
    expect(nativeKernelsActive(selected.tf)).toBe(true);
    const plain = await selectBackend("wasm");
    expect(plain.backend).toBe("wasm");
    expect(nativeKernelsActive(plain.tf)).toBe(false);
  });
});

/** erf in double precision: its Maclaurin series, exact to ~1e-9 for |x| ≤ 4 (beyond, float32 erf is ±1). */
function erfReference(x: number): number {
  if (Math.abs(x) > 4) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe.runIf(native !== null)("wasm erf, vectorised", () => {
  const grid = Float32Array.from({ length: 24_001 }, (_, i) => -6 + i / 2000);

  it("is within 5e-7 of erf everywhere, ±1 beyond ±4, and keeps NaN", () => {
    const heap = new Float32Array(2 * grid.length);
    heap.set(grid);
    native!.erf(heap, 0, grid.length, grid.length);
    let worst = 0;
    grid.forEach((x, i) => (worst = Math.max(worst, Math.abs(heap[grid.length + i]! - erfReference(x)))));
    // 3.8e-7 measured (about 6 float32 ulps near 1); the margin covers the FMA and non-FMA builds.
    expect(worst).toBeLessThan(5e-7);
    const specials = new Float32Array([NaN, Infinity, -Infinity, 0, -0, 0, 0, 0, 0, 0]);
    native!.erf(specials, 0, 5, 5);
    expect(Array.from(specials.subarray(5))).toEqual([NaN, 1, -1, 0, -0]);
  });

  it("tf.erf on wasm-openblas equals wasm's own erf within both approximations' error, any shape", () => {
    const x = tf.tensor2d(grid.subarray(0, 24_000), [120, 200]);
    useNativeKernels(tf, null);
    const own = tf.erf(x);
    useNativeKernels(tf, native);
    const fast = tf.erf(x);
    useNativeKernels(tf, null);
    expect(fast.shape).toEqual([120, 200]);
    const [a, b] = [fast.dataSync(), own.dataSync()];
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThan(5e-7);
    tf.dispose([x, own, fast]);
  });

  it("refuses operands outside the heap", () => {
    expect(() => native!.erf(new Float32Array(8), 0, 4, 5)).toThrow(/outside the heap/);
  });
});

describe("without OpenBLAS", () => {
  it.runIf(required)("CI has the native path (OpenBLAS and a C compiler are installed there)", () => {
    expect(unavailable).toBe("");
  });

  it("a missing OpenBLAS is an error that says what to install", () => {
    expect(() => openNativeKernels(["libno-such-blas.so.0"])).toThrow(
      /not built.*native\/build\.mjs|OpenBLAS not found \(libno-such-blas.*\): apt-get install libopenblas0-pthread/,
    );
  });

  it.runIf(native === null)("requesting wasm-openblas then fails the run naming it; auto falls back to wasm", async () => {
    await expect(selectBackend("wasm-openblas")).rejects.toThrow(`backend wasm-openblas requested but its native kernels are unavailable: ${unavailable}`);
    const lines: string[] = [];
    expect((await selectBackend("auto", (m) => lines.push(m))).backend).toBe("wasm");
    expect(lines.some((l) => l.startsWith("backend wasm-openblas skipped: its native kernels are unavailable"))).toBe(true);
  });
});
