/**
 * Per-kernel time of one training step (tf.profile), to find what dominates on a backend.
 *   node --import tsx bench/profile.ts wasm '{"p":97}'
 */
import { parseRunConfig } from "@grokscope/spec";
import { selectBackend, type BackendRequest } from "../src/backends.ts";
import { createTrainingSession } from "../src/core/index.ts";

const { tf } = await selectBackend((process.argv[2] ?? "wasm") as BackendRequest);
const parsed = parseRunConfig(JSON.parse(process.argv[3] ?? "{}"));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const session = createTrainingSession(tf, parsed.config);
for (let i = 0; i < 3; i++) session.step({ trackNorms: false });
const info = await tf.profile(() => session.step({ trackNorms: false }));
const byKernel = new Map<string, { ms: number; calls: number }>();
for (const k of info.kernels) {
  const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
  const entry = byKernel.get(key) ?? { ms: 0, calls: 0 };
  entry.ms += Number(k.kernelTimeMs);
  entry.calls += 1;
  byKernel.set(key, entry);
}
console.log("ms     calls kernel [input shapes]  (customGrad 'forward' rows include their inner kernels)");
[...byKernel.entries()]
  .sort((a, b) => b[1].ms - a[1].ms)
  .slice(0, 25)
  .forEach(([key, v]) => console.log(v.ms.toFixed(2).padStart(6), String(v.calls).padStart(5), key));
session.dispose();
