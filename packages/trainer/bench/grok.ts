/**
 * Confirms grokking end to end on wasm for one cell and prints T_mem, T_grok and wall time.
 *   node --import tsx bench/grok.ts '{"p":53,"trainFraction":0.5,"lr":3e-3,"beta2":0.98,"steps":3000}'
 * Stops once test_acc ≥ 0.95 (or at config.steps).
 */
import { parseRunConfig } from "@grokscope/spec";
import { selectBackend } from "../src/backends.ts";
import { train } from "../src/core/index.ts";

const parsed = parseRunConfig({ evalEvery: 10, ...JSON.parse(process.argv[2] ?? "{}") });
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const config = parsed.config;
const { tf, backend } = await selectBackend(config.backend === "auto" ? "wasm" : config.backend);
let done = false;
const started = performance.now();
const result = await train(config, {
  tf,
  shouldStop: () => done,
  sink: {
    onEvaluation(e) {
      for (const ev of e.events) console.log(`step ${ev.step}: ${ev.kind} (value ${ev.value?.toFixed(3)})`);
      if (e.step % 500 === 0) console.log(`step ${e.step}: ${JSON.stringify(e.metrics)}`);
      if (e.metrics.test_acc >= 0.95) done = true;
    },
  },
});
const wall = (performance.now() - started) / 1000;
console.log(`${backend} ${JSON.stringify(config)}`);
console.log(`steps ${result.stepsDone}, ${result.msPerStep.toFixed(1)} ms/step, wall ${wall.toFixed(1)} s, summary ${JSON.stringify(result.summary)}`);
