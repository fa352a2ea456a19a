import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { selectBackend } from "./backends.ts";
import { nativeKernelsAvailable } from "./native-kernels.ts";

const require = createRequire(import.meta.url);
const installed = (pkg: string) => {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
};
const nativeMissing = !installed("@tensorflow/tfjs-node") && !installed("@tensorflow/tfjs-node-gpu");

describe("selectBackend", () => {
  it.runIf(nativeMissing)("auto skips each missing native package with one log line and lands on wasm (with OpenBLAS when it loads)", async () => {
    const lines: string[] = [];
    const { tf, backend } = await selectBackend("auto", (m) => lines.push(m));
    const blas = nativeKernelsAvailable();
    expect(backend).toBe(blas ? "wasm-openblas" : "wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(lines).toHaveLength(blas ? 2 : 3);
    expect(lines[0]).toMatch(/tensorflow-gpu.*@tensorflow\/tfjs-node-gpu.*npm install @tensorflow\/tfjs-node-gpu/);
    expect(lines[1]).toMatch(/@tensorflow\/tfjs-node\b.*npm install @tensorflow\/tfjs-node$/);
  });

  it.runIf(!installed("@tensorflow/tfjs-node-gpu"))("a requested backend that cannot load fails naming the package to install", async () => {
    await expect(selectBackend("tensorflow-gpu")).rejects.toThrow(
      "backend tensorflow-gpu requested but @tensorflow/tfjs-node-gpu is not installed: npm install @tensorflow/tfjs-node-gpu",
    );
  });

  it("returns the tfjs instance whose backend it set, and can switch", async () => {
    const cpu = await selectBackend("cpu");
    expect(cpu.backend).toBe("cpu");
    expect(Array.from(cpu.tf.matMul(cpu.tf.tensor2d([[1, 2]]), cpu.tf.tensor2d([[3], [4]])).dataSync())).toEqual([11]);
    const wasm = await selectBackend("wasm");
    expect(wasm.backend).toBe("wasm");
    expect(wasm.tf.getBackend()).toBe("wasm");
    expect(Array.from(wasm.tf.add(wasm.tf.tensor1d([1, 2]), 1).dataSync())).toEqual([2, 3]);
  });
});
