/**
 * How the backends hold up when other processes want the cores (the dashboard, PostgreSQL, other
 * workers): ms/step of the paper MLP (p = 97, train fraction 0.4, full batch) on wasm and on
 * wasm-openblas with 1 and with every core's worth of OpenBLAS threads, first on an idle machine,
 * then beside `cores` busy-looping processes. Why workers default to one OpenBLAS thread.
 * Each figure is the median (and range) of `trials` fresh sessions: with threads on a busy
 * machine, how long a product waits for a descheduled thread is luck, so one trial misleads.
 *   node --import tsx packages/trainer/bench/busy-machine.ts [steps] [trials]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { parseRunConfig } from "@grokscope/spec";
import { selectBackend } from "../src/backends.ts";
import { createTrainingSession } from "../src/core/index.ts";
import { loadNativeKernels } from "../src/native-kernels.ts";

const steps = Number(process.argv[2] ?? 20);
const trials = Number(process.argv[3] ?? 5);
const cores = availableParallelism();
const parsed = parseRunConfig({ p: 97, trainFraction: 0.4 });
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const config = parsed.config;

async function msPerStep(backend: "wasm" | "wasm-openblas", threads?: number): Promise<number> {
  const { tf } = await selectBackend(backend);
  if (threads) loadNativeKernels().threads(threads);
  const session = createTrainingSession(tf, config);
  const sync = () => (session.model.variables.at(-1)!.dataSync() as Float32Array)[0]; // wait for queued work
  for (let i = 0; i < 3; i++) session.step({ trackNorms: false });
  sync();
  const started = performance.now();
  for (let i = 0; i < steps; i++) session.step({ trackNorms: false });
  sync();
  session.dispose();
  return (performance.now() - started) / steps;
}

const variants = [
  { label: "wasm", run: () => msPerStep("wasm") },
  { label: "wasm-openblas, 1 thread", run: () => msPerStep("wasm-openblas", 1) },
  { label: `wasm-openblas, ${cores} threads`, run: () => msPerStep("wasm-openblas", cores) },
];

/** "median (min–max)" of `trials` runs. */
async function figure(run: () => Promise<number>): Promise<string> {
  const xs: number[] = [];
  for (let i = 0; i < trials; i++) xs.push(await run());
  xs.sort((a, b) => a - b);
  return `${xs[xs.length >> 1]!.toFixed(1)} (${xs[0]!.toFixed(1)}–${xs.at(-1)!.toFixed(1)})`;
}

const rows: Record<string, string[]> = {};
for (const busy of [0, cores]) {
  const hogs: ChildProcess[] = Array.from({ length: busy }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
  try {
    if (busy) await new Promise((r) => setTimeout(r, 500)); // let them get going
    for (const v of variants) (rows[v.label] ??= []).push(await figure(v.run));
  } finally {
    for (const h of hogs) h.kill("SIGKILL");
  }
}
console.log(`paper MLP, p = 97; median (range) of ${trials} sessions of ${steps} timed steps; ${cores} cores; ${loadNativeKernels().config}\n`);
console.log(`| backend | idle machine, ms/step | beside ${cores} busy processes, ms/step |`);
console.log("|---|---|---|");
for (const [label, [idle, busy]] of Object.entries(rows)) console.log(`| ${label} | ${idle} | ${busy} |`);
