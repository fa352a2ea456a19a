import { sql } from "drizzle-orm";
import { recordProgress, runs, runTags, type Db, type EvaluationRecord } from "@grokscope/db";
import { parseRunConfig, type MetricKey, type RunConfig } from "@grokscope/spec";

const PRIMES = [13, 17, 23, 31, 53, 97];
const TEMPERATURES = [0.5, 1, 1.15, 1.3, 1.5, 1.7, 2];
const DECAYS = [0, 0.1, 0.3, 1];
const TAGS = ["baseline", "sweep", "clamp", "paper", "transformer", "ablation"];
/** The 12 metrics the bench's long runs record (the others stay null, as for older trainers). */
export const BENCH_KEYS: MetricKey[] = [
  "train_loss", "test_loss", "train_acc", "test_acc", "weight_norm", "logit_scale",
  "norm_embed", "norm_hidden", "norm_readout", "grad_norm", "update_norm", "max_prob",
];

/** Deterministic pseudo-random numbers (mulberry32) so every bench run fills the same registry. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function config(random: () => number, steps: number): RunConfig {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const r = parseRunConfig({ p: pick(PRIMES), temperature: pick(TEMPERATURES), weightDecay: pick(DECAYS), steps, evalEvery: 10, lr: pick([1e-3, 3e-3]) });
  if (!r.ok) throw new Error("bench config invalid");
  return r.config;
}

/** Inserts `n` finished runs with summaries and 0–2 tags each, in batches of 1,000 rows. */
export async function fillRuns(db: Db, n: number): Promise<void> {
  const random = rng(42);
  for (let start = 0; start < n; start += 1000) {
    const values = Array.from({ length: Math.min(1000, n - start) }, (_, i) => {
      const grokked = random() < 0.7;
      const tMem = 100 + Math.floor(random() * 900);
      const tGrok = grokked ? tMem + Math.floor(random() * 20_000) : null;
      return {
        name: `bench run ${start + i}`,
        config: config(random, 100_000),
        status: "succeeded" as const,
        stepsTotal: 100_000,
        stepsDone: 100_000,
        tMem,
        tGrok,
        delay: tGrok === null ? null : tGrok - tMem,
        seedsGrokked: grokked ? 1 : 0,
        finalTestAcc: grokked ? 0.99 : random(),
      };
    });
    const inserted = await db.insert(runs).values(values).returning({ id: runs.id });
    const tags = inserted.flatMap(({ id }) => TAGS.filter(() => random() < 0.2).map((tag) => ({ runId: id, tag })));
    if (tags.length > 0) await db.insert(runTags).values(tags);
  }
}

/**
 * Writes `points` evaluations × BENCH_KEYS for each run through recordProgress — the worker's
 * own path, one transaction per flush of `flush` evaluations. Returns seconds spent writing.
 */
export async function ingest(db: Db, runIds: string[], points: number, flush: number): Promise<number> {
  await db.execute(sql`UPDATE runs SET status = 'running', worker_id = 'bench' WHERE id = ANY(${sql.param(runIds)}::uuid[])`);
  const random = rng(7);
  let seconds = 0;
  for (const runId of runIds) {
    for (let first = 0; first < points; first += flush) {
      const evaluations: EvaluationRecord[] = [];
      for (let i = first; i < Math.min(points, first + flush); i++) {
        const metrics: Partial<Record<MetricKey, number>> = {};
        for (const key of BENCH_KEYS) metrics[key] = random();
        evaluations.push({ seed: 0, step: (i + 1) * 10, metrics });
      }
      const start = process.hrtime.bigint();
      await recordProgress(db, { runId, workerId: "bench", stepsDone: (first + evaluations.length) * 10, evaluations, events: [] });
      seconds += Number(process.hrtime.bigint() - start) / 1e9;
    }
  }
  return seconds;
}
