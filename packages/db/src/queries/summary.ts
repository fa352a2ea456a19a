import { sql, type SQL } from "drizzle-orm";
import { summarizeSeeds, type SeedOutcome, type SeedsSummary } from "@grokscope/spec";
import type { Db } from "../client.ts";
import type { EvaluationRecord, EventRecord } from "./progress.ts";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The runs columns a SeedsSummary fills (medians over seeds, SCIENCE.md §6). */
export function summaryColumns(s: SeedsSummary) {
  return {
    tMem: s.tMem ?? null,
    tGrok: s.tGrok ?? null,
    delay: s.delay ?? null,
    seedsGrokked: s.grokked,
    logitScaleAtGrok: s.logitScaleAtGrok ?? null,
    finalTrainAcc: s.finalTrainAcc ?? null,
    finalTestAcc: s.finalTestAcc ?? null,
  };
}

/** What the live summary needs of one seed: its events and its latest point's accuracies. */
export type SeedState = {
  seed: number;
  t_mem: number | null;
  t_grok: number | null;
  scale: number | null;
  step: number | null;
  train_acc: number | null;
  test_acc: number | null;
};

/**
 * The state of each seed of a run, as stored now. Reals are read as float8, i.e. as the exact
 * float32 stored, so a summary that adds a batch in JS (Math.fround) matches one read back.
 */
export async function readSeedStates(db: Tx | Db, runId: string): Promise<SeedState[]> {
  const rows = await db.execute<SeedState>(sql`
    SELECT s.seed,
      (SELECT step FROM run_events e WHERE e.run_id = ${runId} AND e.seed = s.seed AND e.kind = 't_mem') AS t_mem,
      (SELECT step FROM run_events e WHERE e.run_id = ${runId} AND e.seed = s.seed AND e.kind = 't_grok') AS t_grok,
      (SELECT value::float8 FROM run_events e WHERE e.run_id = ${runId} AND e.seed = s.seed AND e.kind = 't_grok') AS scale,
      l.step, l.train_acc::float8 AS train_acc, l.test_acc::float8 AS test_acc
    FROM (SELECT num, generate_series(0, coalesce(seeds, 1) - 1) AS seed FROM runs WHERE id = ${runId}) s
    -- One primary-key probe per seed (not a scan of the run's points): this runs on every flush.
    LEFT JOIN LATERAL (SELECT step, train_acc, test_acc FROM metric_points m WHERE m.run_num = s.num AND m.seed = s.seed ORDER BY m.step DESC LIMIT 1) l ON true`);
  return rows.rows;
}

const outcome = (s: SeedState): SeedOutcome => ({
  tMem: s.t_mem ?? undefined,
  tGrok: s.t_grok ?? undefined,
  logitScaleAtGrok: s.scale ?? undefined,
  finalTrainAcc: s.train_acc ?? undefined,
  finalTestAcc: s.test_acc ?? undefined,
});

/** A value as a real column stores it. */
const real = (v: number | null | undefined) => (v == null ? null : Math.fround(v));

/**
 * The seeds' state once a batch is written, from their state before it, as recordProgress writes
 * it: a stored point or event is kept over the batch's, and within a batch the first one counts.
 * Saves reading back what the batch just wrote.
 */
export function applyBatch(before: readonly SeedState[], evaluations: readonly EvaluationRecord[], events: readonly EventRecord[]): SeedState[] {
  const states = new Map(before.map((s) => [s.seed, { ...s }]));
  for (const e of evaluations) {
    const s = states.get(e.seed);
    if (!s || (s.step !== null && e.step <= s.step)) continue;
    Object.assign(s, { step: e.step, train_acc: real(e.metrics.train_acc), test_acc: real(e.metrics.test_acc) });
  }
  for (const e of events) {
    const s = states.get(e.seed);
    if (s && e.kind === "t_mem" && s.t_mem === null) s.t_mem = e.step;
    if (s && e.kind === "t_grok" && s.t_grok === null) Object.assign(s, { t_grok: e.step, scale: real(e.value) });
  }
  return [...states.values()];
}

/** The SET list of the run's summary: medians over its seeds (those without an event yet censored). */
export function summarySet(seeds: readonly SeedState[]): SQL {
  const c = summaryColumns(summarizeSeeds(seeds.map(outcome)));
  return sql`t_mem = ${c.tMem}::int, t_grok = ${c.tGrok}::int, delay = ${c.delay}::int, seeds_grokked = ${c.seedsGrokked}::int,
    logit_scale_at_grok = ${c.logitScaleAtGrok}::real, final_train_acc = ${c.finalTrainAcc}::real, final_test_acc = ${c.finalTestAcc}::real`;
}

/**
 * Recomputes a running run's live summary from every event written so far and the latest
 * accuracies of each seed, so the medians follow training while it runs. Seeds without an event
 * yet count as censored (+∞), exactly as at the end.
 */
export async function refreshLiveSummary(tx: Tx | Db, runId: string): Promise<void> {
  const seeds = await readSeedStates(tx, runId);
  await tx.execute(sql`UPDATE runs SET ${summarySet(seeds)} WHERE id = ${runId}`);
}
