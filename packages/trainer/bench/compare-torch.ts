/**
 * tfjs (every installed backend) versus PyTorch + OpenBLAS on the same machine, same model, same
 * step: the paper MLP at p = 97, train fraction 0.4, full batch, evaluation of all p² pairs every
 * 10 steps (SCIENCE.md §2–§5). Runs bench/torch-reference.py in the same invocation.
 *   node --import tsx packages/trainer/bench/compare-torch.ts [--seeds 1,12] [--no-torch] [--blocks 2] [--torch-steps 20] [--backends wasm,cpu]
 * The S-seed tfjs figure is ONE batched session (config.seeds = S), as train() runs it.
 *
 * FLOP counts per seed-step (d = 128, H = 256, p = 97, N = 3,764 training pairs, E = p² = 9,409):
 *   nominal = 6·N·(2d·H + H·p)   the dense MLP's training work (forward 2 FLOP per multiply-add,
 *             backward twice that); what a plain PyTorch MLP does, so "GFLOP/s nominal" compares
 *             implementations doing the same job.
 *   ours    = 6·N·H·p + 12·p·d·H + (2·E·H·p + 4·p·d·H)/10: what model-mlp.ts actually multiplies —
 *             the first layer is a p×H table (E·W1 split in two) plus row lookups, so only the
 *             readout scales with N; plus the forward over all p² pairs every 10th step.
 *   torch   = nominal + 2·E·(2d·H + H·p)/10 (its evaluation forward, amortised).
 * Elementwise work (GeLU, softmax, Adam) is not counted. ratio = tfjs ms per seed-step / PyTorch's
 * at the same seed count and 2 threads (>1: tfjs slower).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseRunConfig } from "@grokscope/spec";
import { selectBackend, type BackendRequest } from "../src/backends.ts";
import { createTrainingSession } from "../src/core/index.ts";
import { loadNativeKernels, nativeKernelsAvailable } from "../src/native-kernels.ts";

const argv = process.argv.slice(2);
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const seedsAt = argv.indexOf("--seeds");
const seedCounts = (seedsAt >= 0 ? argv[seedsAt + 1] ?? "1,12" : "1,12").split(",").map(Number);
const EVAL_EVERY = 10;
const [p, d, H] = [97, 128, 256];
const all = p * p;

const parsed = parseRunConfig({ p, trainFraction: 0.4 });
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const config = parsed.config;

interface Row {
  impl: string;
  seeds: number;
  threads?: number;
  msPerStep: number;
  nominal: number;
  work: number;
}
const rows: Row[] = [];

/** Per-backend budget: the pure-JS cpu backend takes seconds per step, so it gets 1 seed, 2 steps. */
const plans: { backend: BackendRequest; warmup: number; blocks: number; maxSeeds: number }[] = [
  { backend: "tensorflow-gpu", warmup: 10, blocks: 3, maxSeeds: 32 },
  { backend: "tensorflow", warmup: 5, blocks: 2, maxSeeds: 32 },
  { backend: "wasm-openblas", warmup: 3, blocks: 2, maxSeeds: 32 },
  { backend: "wasm", warmup: 3, blocks: 2, maxSeeds: 32 },
  { backend: "cpu", warmup: 0, blocks: 0, maxSeeds: 1 },
];

// Short runs: --blocks N (evaluation blocks of 10 steps per backend), --torch-steps N, --backends wasm,cpu
const blocksArg = option("--blocks");
const torchSteps = option("--torch-steps") ?? "20";
const backendsArg = option("--backends")?.split(",");
for (const plan of plans.filter((pl) => !backendsArg || backendsArg.includes(pl.backend))) {
  if (blocksArg !== undefined && plan.blocks > 0) plan.blocks = Math.max(1, Number(blocksArg));
  let tf, backend;
  try {
    ({ tf, backend } = await selectBackend(plan.backend));
  } catch (error) {
    console.error(`${plan.backend}: unavailable (${(error as Error).message.split("\n")[0]})`);
    continue;
  }
  for (const seeds of seedCounts.filter((s) => s <= plan.maxSeeds)) {
    // ONE batched session trains every seed (seed index i uses seed value config.seed + i): the
    // real multi-seed path of train(), with parameters carrying a leading seed axis.
    const session = createTrainingSession(tf, { ...config, seeds });
    const n = session.data[0]!.train.a.length;
    const sync = () => session.model.variables.at(-1)!.dataSync(); // wait for queued work
    const stepAll = () => session.step({ trackNorms: false });
    for (let i = 0; i < plan.warmup; i++) stepAll();
    sync();
    let ms: number;
    if (plan.blocks === 0) {
      const t = performance.now();
      stepAll();
      sync();
      ms = performance.now() - t; // no evaluation: one cpu evaluation alone takes many seconds
    } else {
      // Blocks of EVAL_EVERY steps and one evaluation, like train()'s loop.
      const t = performance.now();
      for (let b = 0; b < plan.blocks; b++) {
        for (let i = 0; i < EVAL_EVERY - 1; i++) stepAll();
        session.step({ trackNorms: true });
        session.evaluate(); // every seed's metrics, one read-back
      }
      ms = (performance.now() - t) / (plan.blocks * EVAL_EVERY);
    }
    const nominal = 6 * n * (2 * d * H + H * p) * seeds;
    const evalWork = plan.blocks === 0 ? 0 : (2 * all * H * p + 4 * p * d * H) / EVAL_EVERY;
    const work = (6 * n * H * p + 12 * p * d * H + evalWork) * seeds;
    const label = `tfjs-${backend}${plan.blocks === 0 ? " (1 step, no eval)" : ""}`;
    rows.push({ impl: label, seeds, msPerStep: ms, nominal, work });
    session.dispose();
  }
}

if (!argv.includes("--no-torch")) {
  const script = fileURLToPath(new URL("./torch-reference.py", import.meta.url));
  const result = spawnSync("/usr/bin/python3", [script, "--seeds", seedCounts.join(","), "--threads", "2,1", "--steps", torchSteps, "--warmup", "3"], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_WAIT_POLICY: "PASSIVE" },
    encoding: "utf8",
  });
  if (result.status !== 0) console.error(`pytorch: failed (${(result.stderr || String(result.error)).trim().split("\n").at(-1)})`);
  for (const line of result.stdout.split("\n").filter(Boolean)) {
    const r = JSON.parse(line) as { seeds: number; threads: number; msPerStep: number; flopsPerStep: number };
    const evalFlops = ((2 * all * (2 * d * H + H * p)) / EVAL_EVERY) * r.seeds;
    rows.push({ impl: `pytorch-${r.threads}t`, seeds: r.seeds, threads: r.threads, msPerStep: r.msPerStep, nominal: r.flopsPerStep, work: r.flopsPerStep + evalFlops });
  }
}

const torchMs = (seeds: number) => rows.find((r) => r.impl === "pytorch-2t" && r.seeds === seeds)?.msPerStep;
const fmt = (x: number, digits = 1) => x.toFixed(digits);
console.log(`paper MLP p=${p} d=${d} H=${H}, train fraction 0.4, full batch, eval every ${EVAL_EVERY} steps`);
if (nativeKernelsAvailable()) {
  const blas = loadNativeKernels();
  const threads = blas.threads();
  console.log(`wasm-openblas: ${blas.config}, ${threads} thread${threads === 1 ? "" : "s"} (OPENBLAS_NUM_THREADS)`);
}
console.log("| impl | seeds | ms/step | seed-steps/s | GFLOP/s nominal | GFLOP/s actual work | ratio vs pytorch-2t |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) {
  const ref = torchMs(r.seeds);
  const ratio = ref !== undefined && !r.impl.startsWith("pytorch") ? fmt(r.msPerStep / ref, 2) : "—";
  console.log(
    `| ${r.impl} | ${r.seeds} | ${fmt(r.msPerStep)} | ${fmt((r.seeds * 1000) / r.msPerStep)} | ${fmt(r.nominal / r.msPerStep / 1e6)} | ${fmt(r.work / r.msPerStep / 1e6)} | ${ratio} |`,
  );
}
