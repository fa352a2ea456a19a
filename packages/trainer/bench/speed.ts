/**
 * Speed of the paper MLP (SCIENCE.md §2) at p = 97, train fraction 0.4, full batch, on each
 * installed backend: ms per optimiser step, ms per evaluation, and GFLOP/s.
 *   npm run bench -w @grokscope/trainer            (all backends)
 *   node --import tsx bench/speed.ts wasm 50       (one backend, 50 timed steps)
 * GFLOP/s counts the dense model's nominal training work, 6·N·(2d·H + H·p) per step (forward
 * 2 FLOP per MAC, backward twice that), so numbers compare with a plain PyTorch MLP; this
 * implementation does less (the first layer is a table lookup, see model-mlp.ts).
 */
import { parseRunConfig } from "@grokscope/spec";
import { selectBackend, type BackendRequest } from "../src/backends.ts";
import { createTrainingSession } from "../src/core/index.ts";

const parsed = parseRunConfig({ p: 97, trainFraction: 0.4 });
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const config = parsed.config;

const plan: { backend: BackendRequest; warmup: number; steps: number }[] = [
  { backend: "wasm-openblas", warmup: 5, steps: 30 },
  { backend: "wasm", warmup: 5, steps: 30 },
  { backend: "cpu", warmup: 1, steps: 2 }, // pure JS: seconds per step
];
const only = process.argv[2] as BackendRequest | undefined;
const stepsArg = process.argv[3] ? Number(process.argv[3]) : undefined;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

for (const entry of plan.filter((e) => !only || e.backend === only)) {
  let tf, backend: string;
  try {
    ({ tf, backend } = await selectBackend(entry.backend));
  } catch (error) {
    console.log(`${entry.backend}: unavailable (${(error as Error).message})`);
    continue;
  }
  const session = createTrainingSession(tf, config);
  const n = session.data[0]!.train.a.length;
  const flopsPerStep = 6 * n * (2 * config.embedDim * config.hiddenDim + config.hiddenDim * config.p);
  const sync = () => (session.model.variables.at(-1)!.dataSync() as Float32Array)[0]; // wait for queued work
  for (let i = 0; i < entry.warmup; i++) session.step({ trackNorms: false });
  sync();
  // Plain steps are what train() runs between evaluations; tracked steps (grad/update norms kept
  // for the next evaluation) run once per evaluation.
  const stepMs: number[] = [];
  for (let i = 0; i < (stepsArg ?? entry.steps); i++) {
    const t = performance.now();
    session.step({ trackNorms: false });
    sync();
    stepMs.push(performance.now() - t);
  }
  const trackedMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    session.step({ trackNorms: true });
    sync();
    trackedMs.push(performance.now() - t);
  }
  const evalMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    session.evaluate();
    evalMs.push(performance.now() - t);
  }
  const ms = median(stepMs);
  console.log(
    `${backend.padEnd(13)} p=${config.p} N_train=${n}: ${ms.toFixed(1)} ms/step (median of ${stepMs.length}, min ${Math.min(...stepMs).toFixed(1)}), ` +
      `${(flopsPerStep / ms / 1e6).toFixed(1)} GFLOP/s nominal (${(flopsPerStep / 1e9).toFixed(2)} GFLOP/step), ` +
      `step with grad/update norms ${median(trackedMs).toFixed(1)} ms, evaluation over all ${session.data[0]!.all.a.length} pairs ${median(evalMs).toFixed(1)} ms`,
  );
  session.dispose();
}
