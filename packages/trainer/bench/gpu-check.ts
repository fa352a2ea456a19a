/**
 * For each backend that loads (tfjs-node-gpu → tfjs-node → wasm → cpu): ms/step of the paper MLP
 * cell (SCIENCE.md §2/§7: p = 97, train fraction 0.4, λ 1, lr 1e-3) and the grokking step of one
 * short run — evaluate every 10 steps, stop at T_grok (test_acc ≥ 0.90, §6), at 4,000 steps, or when
 * the backend's time budget runs out. Not a test: run through bench/gpu-check.sh on a GPU machine.
 *   node --import tsx packages/trainer/bench/gpu-check.ts [budgetSecondsPerBackend=90]
 */
import { parseRunConfig } from "@grokscope/spec";
import { selectBackend, type BackendRequest } from "../src/backends.ts";
import { createTrainingSession, type Metrics } from "../src/core/index.ts";

const budgetMs = Number(process.argv[2] ?? 90) * 1000;
const MAX_STEPS = 4000;
const EVAL_EVERY = 10;
const parsed = parseRunConfig({ p: 97, trainFraction: 0.4 });
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const config = parsed.config;

for (const request of ["tensorflow-gpu", "tensorflow", "wasm-openblas", "wasm", "cpu"] as BackendRequest[]) {
  let tf;
  try {
    ({ tf } = await selectBackend(request));
  } catch (error) {
    console.log(`${request}: unavailable (${(error as Error).message.split("\n")[0]})`);
    continue;
  }
  const session = createTrainingSession(tf, config);
  const sync = () => session.model.variables.at(-1)!.dataSync();
  const timed = request === "cpu" ? 1 : 20; // pure JS takes seconds per step
  for (let i = 0; i < (request === "cpu" ? 0 : 5); i++) session.step({ trackNorms: false });
  sync();
  const t0 = performance.now();
  for (let i = 0; i < timed; i++) session.step({ trackNorms: false });
  sync();
  const msPerStep = (performance.now() - t0) / timed;
  const start = performance.now();
  let grokStep: number | undefined;
  let last = { step: session.stepsDone, testAcc: NaN };
  // The pure-JS cpu backend takes seconds per step: speed only, no grokking run.
  while (request !== "cpu" && session.stepsDone < MAX_STEPS && performance.now() - start < budgetMs) {
    for (let i = 0; i < EVAL_EVERY; i++) session.step({ trackNorms: i === EVAL_EVERY - 1 });
    const [metrics] = session.evaluate() as [Metrics];
    last = { step: session.stepsDone, testAcc: metrics.test_acc };
    if (metrics.test_acc >= 0.9) {
      grokStep = session.stepsDone;
      break;
    }
  }
  const stopped = request === "cpu" ? "grokking run skipped (pure JS)" : grokStep !== undefined ? `T_grok = ${grokStep}` : `no T_grok by step ${last.step} (test_acc ${last.testAcc.toFixed(3)}; ${session.stepsDone >= MAX_STEPS ? "step cap" : "time budget"})`;
  console.log(
    `${request} (tf.getBackend() = ${tf.getBackend()}): ${msPerStep.toFixed(1)} ms/step at p = 97; ${stopped}; run took ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  session.dispose();
}
