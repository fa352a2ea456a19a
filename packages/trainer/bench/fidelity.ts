/**
 * Fidelity benchmark: reproduces SCIENCE.md §7 (2606.18465, CE, MLP, λ = 1) at p = 97 and
 * compares median T_grok per cell with the paper. Not a test: the full run takes hours on a
 * 2-core CPU. Run from the repository root:
 *   node --import tsx packages/trainer/bench/fidelity.ts                       # full: p 97, 4 seeds, 15,000 steps
 *   node --import tsx packages/trainer/bench/fidelity.ts --p 23 --seeds 2 --steps 800   # smoke
 * Flags: --p, --seeds (per cell), --steps (budget per cell), --cells id,id (ids below),
 * --eval-every (default 10), --backend (auto|tensorflow-gpu|tensorflow|wasm-openblas|wasm|cpu), --wc W and
 * --wc-mse W (skip calibration). A cell stops early once all its seeds have grokked (as the
 * paper's runner does).
 *
 * w_c (the critical norm) is calibrated as the registry does (packages/db criticalNorm), per loss:
 * the median, over the grokked seeds of the unclamped τ = 1 cell of that loss, of ‖W‖ at each
 * seed's T_grok evaluation. A clamped cell holds ‖W‖ = ρ·w_c of its own loss: MSE fits logits near
 * one-hot targets, so its critical norm is far below CE's, and an MSE run held at ρ·(CE w_c) has
 * logits too large to fit (session 3 measured exactly that: no MSE seed grokked). The clamp starts
 * at step 500 for CE and 50 for MSE (SCIENCE.md §4). If no unclamped seed groks (a short smoke),
 * w_c falls back to the median final ‖W‖ of the unclamped seeds, and the output says so: those
 * clamped cells are then not comparable with the paper.
 */
import { median, parseRunConfig, summarizeSeeds, type RunConfig, type RunConfigInput, type SeedOutcome } from "@grokscope/spec";
import { selectBackend, type BackendRequest } from "../src/backends.ts";
import { train, type Evaluation, type Tf } from "../src/core/index.ts";

type Loss = "ce" | "mse";

interface Cell {
  id: string;
  label: string;
  /** Paper median T_grok at p = 97 (SCIENCE.md §7); undefined where the paper gives none. */
  paper?: number;
  /** The unclamped τ = 1 cell of a loss: its seeds calibrate that loss's w_c. */
  calibrates?: Loss;
  rho?: number;
  config: RunConfigInput;
}

const CELLS: Cell[] = [
  { id: "unclamped", label: "unclamped, τ 1.0", paper: 2750, calibrates: "ce", config: {} },
  { id: "rho1.00", label: "ρ 1.00, τ 1.0", paper: 1775, rho: 1, config: {} },
  { id: "rho1.15", label: "ρ 1.15, τ 1.0", paper: 6050, rho: 1.15, config: {} },
  { id: "rho1.15-tau1.7", label: "ρ 1.15, τ 1.7", paper: 1762, rho: 1.15, config: { temperature: 1.7 } },
  { id: "mse-unclamped", label: "MSE, unclamped", calibrates: "mse", config: { loss: "mse" } },
  { id: "mse-rho1.00", label: "MSE, ρ 1.00", paper: 850, rho: 1, config: { loss: "mse" } },
];

function args(argv: string[]) {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, fallback: number) => {
    const raw = get(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: "${raw}" is not a positive number`);
    return n;
  };
  const cells = (get("--cells") ?? CELLS.map((c) => c.id).join(",")).split(",").filter(Boolean);
  const unknown = cells.filter((id) => !CELLS.some((c) => c.id === id));
  if (unknown.length > 0) throw new Error(`--cells: unknown ${unknown.join(", ")} (cells: ${CELLS.map((c) => c.id).join(", ")})`);
  const wcOf = (flag: string) => (get(flag) === undefined ? undefined : num(flag, 0));
  return {
    p: num("--p", 97),
    seeds: num("--seeds", 4),
    steps: num("--steps", 15_000),
    evalEvery: num("--eval-every", 10),
    backend: (get("--backend") ?? "auto") as BackendRequest,
    wc: { ce: wcOf("--wc"), mse: wcOf("--wc-mse") } as Partial<Record<Loss, number>>,
    cells: CELLS.filter((c) => cells.includes(c.id)),
  };
}

interface SeedResult extends SeedOutcome {
  weightNormAtGrok?: number;
  finalWeightNorm?: number;
}

/** Trains config.seeds seeds; per-seed evaluations in memory; one seed per call if train() trains only seed 0. */
async function trainSeeds(tf: Tf, config: RunConfig, label: string) {
  const seeds = new Map<number, SeedResult>();
  const sinkFor = (mapSeed: (s: number) => number) => ({
    onEvaluation(e: Evaluation) {
      const seed = mapSeed(e.seed);
      const r = seeds.get(seed) ?? {};
      seeds.set(seed, r);
      for (const ev of e.events) {
        if (ev.kind === "t_mem") r.tMem ??= ev.step;
        if (ev.kind === "t_grok" && r.tGrok === undefined) {
          r.tGrok = ev.step;
          r.logitScaleAtGrok = ev.value;
          r.weightNormAtGrok = e.metrics.weight_norm;
          console.error(`  ${label} seed ${seed}: T_grok ${ev.step}`);
        }
      }
      r.finalTestAcc = e.metrics.test_acc;
      r.finalWeightNorm = e.metrics.weight_norm;
    },
  });
  const allGrokked = (indices: number[]) => () => indices.every((i) => seeds.get(i)?.tGrok !== undefined);
  const started = performance.now();
  const all = Array.from({ length: config.seeds }, (_, i) => i);
  // Stops once every seed that reports has grokked: all S batched, or seed 0 of a one-seed train().
  const first = await train(config, { tf, sink: sinkFor((s) => s), shouldStop: () => seeds.size > 0 && allGrokked([...seeds.keys()])() });
  // Seed-steps trained: batched, every step trains all S seeds; one seed per call, they add up.
  let seedSteps = first.stepsDone * Math.max(1, seeds.size);
  if (config.seeds > 1 && seeds.size <= 1) {
    const onlySeed0 = allGrokked([0]);
    if (!onlySeed0()) console.error(`  ${label} seed 0: no T_grok within ${first.stepsDone} steps`);
    for (let i = 1; i < config.seeds; i++) {
      const r = await train({ ...config, seed: config.seed + i, seeds: 1 }, { tf, sink: sinkFor(() => i), shouldStop: allGrokked([i]) });
      seedSteps += r.stepsDone;
    }
  }
  const outcomes = all.map((i) => seeds.get(i) ?? {});
  return { outcomes, summary: summarizeSeeds(outcomes), msPerSeedStep: (performance.now() - started) / Math.max(1, seedSteps) };
}

const a = args(process.argv.slice(2));
const { tf, backend } = await selectBackend(a.backend, (m) => console.error(m));
const base = { p: a.p, steps: a.steps, evalEvery: a.evalEvery, seeds: a.seeds, loss: "ce", weightDecay: 1, trainFraction: 0.4, lr: 1e-3, backend: a.backend } as const;
console.error(`fidelity: p ${a.p}, ${a.seeds} seeds, ≤ ${a.steps} steps, eval every ${a.evalEvery}, on ${backend}`);

const lossOf = (c: Cell): Loss => (c.config.loss === "mse" ? "mse" : "ce");
const wc = { ...a.wc };
const wcNotes = (Object.entries(wc) as [Loss, number | undefined][]).filter(([, v]) => v !== undefined).map(([loss, v]) => `w_c (${loss}) = ${v} (given)`);
const rows: { cell: Cell; tGrok?: number; grokked: string; tMem?: number; ms: number; note?: string }[] = [];
const lossesNeedingWc = new Set(a.cells.filter((c) => c.rho !== undefined).map(lossOf));
// Calibrating cells first, then the clamped ones.
const order = [...a.cells].sort((x, y) => Number(x.rho !== undefined) - Number(y.rho !== undefined));
for (const loss of lossesNeedingWc) {
  if (wc[loss] === undefined && !order.some((c) => c.calibrates === loss)) {
    throw new Error(`clamped ${loss} cells need w_c: include the unclamped ${loss} cell in --cells or pass ${loss === "ce" ? "--wc" : "--wc-mse"} W`);
  }
}

for (const cell of order) {
  let clamp: RunConfigInput["clamp"];
  if (cell.rho !== undefined) {
    const w = wc[lossOf(cell)];
    if (w === undefined) throw new Error(`w_c (${lossOf(cell)}) is unknown: its unclamped cell did not run`);
    clamp = { target: cell.rho * w, fromStep: lossOf(cell) === "mse" ? 50 : 500 };
  }
  const parsed = parseRunConfig({ ...base, ...cell.config, ...(clamp ? { clamp } : {}) });
  if (!parsed.ok) throw new Error(`${cell.id}: ${parsed.issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`);
  console.error(`cell ${cell.label}${clamp ? ` (‖W‖ held at ${clamp.target!.toFixed(2)} from step ${clamp.fromStep})` : ""}`);
  const r = await trainSeeds(tf, parsed.config, cell.label);
  rows.push({ cell, tGrok: r.summary.tGrok, tMem: r.summary.tMem, grokked: `${r.summary.grokked}/${r.summary.seeds}`, ms: r.msPerSeedStep });
  const loss = cell.calibrates;
  if (loss && wc[loss] === undefined && lossesNeedingWc.has(loss)) {
    let w = median(r.outcomes.map((o) => o.weightNormAtGrok));
    const grokked = r.outcomes.filter((o) => o.weightNormAtGrok !== undefined).length;
    let note: string;
    if (w !== undefined) note = `w_c (${loss}) = ${w.toFixed(2)} (median ‖W‖ at T_grok over ${grokked} grokked unclamped seeds${loss === "ce" ? "; paper 65.85 at p = 97" : ""})`;
    else {
      w = median(r.outcomes.map((o) => o.finalWeightNorm));
      note = `w_c (${loss}) UNCALIBRATED = ${w?.toFixed(2)}: no unclamped ${loss} seed grokked, so the median final ‖W‖ stands in; its clamped cells are not comparable with the paper`;
    }
    wc[loss] = w;
    wcNotes.push(note);
    console.error(note);
  }
}

const fmt = (v: number | undefined) => (v === undefined ? "censored" : String(Math.round(v)));
const paperCol = (c: Cell) => (c.paper === undefined ? "—" : a.p === 97 ? String(c.paper) : `(${c.paper} at p 97)`);
const table = [
  ["cell", "paper median T_grok", "ours (median)", "seeds grokked", "T_mem (median)", "ms/seed-step"],
  ...a.cells.map((c) => {
    const r = rows.find((x) => x.cell === c)!;
    return [c.label, paperCol(c), fmt(r.tGrok), r.grokked, fmt(r.tMem), r.ms.toFixed(1)];
  }),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
console.log(`fidelity vs 2606.18465 (SCIENCE.md §7): p ${a.p}, ${a.seeds} seeds per cell, budget ${a.steps} steps, eval every ${a.evalEvery}, backend ${backend}`);
for (const row of table) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd());
for (const note of wcNotes) console.log(note);
const t = (id: string) => rows.find((r) => r.cell.id === id)?.tGrok;
const hi = t("rho1.15");
const lo = t("rho1.15-tau1.7");
if (rows.some((r) => r.cell.id === "rho1.15") && rows.some((r) => r.cell.id === "rho1.15-tau1.7")) {
  const ratio = hi !== undefined && lo !== undefined ? (hi / lo).toFixed(2) : "undefined (a median is censored)";
  console.log(`T_grok(ρ1.15, τ1.0) / T_grok(ρ1.15, τ1.7) = ${ratio}   (paper: 6050 / 1762 = ${(6050 / 1762).toFixed(2)})`);
}
const un = t("unclamped");
if (rows.some((r) => r.cell.id === "unclamped")) {
  const within = un !== undefined && Math.abs(un - 2750) <= 0.3 * 2750;
  const where = a.p === 97 ? "" : ` (the check is defined at p 97; this is p ${a.p})`;
  console.log(`unclamped within ±30 % of 2,750 (1,925–3,575): ${within ? "PASS" : "FAIL"} (ours ${fmt(un)})${where}`);
}
