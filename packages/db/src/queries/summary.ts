import { sql } from "drizzle-orm";
import { summarizeSeeds, type SeedOutcome, type SeedsSummary } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runNumSql } from "./run-num.ts";

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

/**
 * Recomputes a running run's live summary from every event written so far and the latest
 * accuracies of each seed, so the medians follow training while it runs. Seeds without an event
 * yet count as censored (+∞), exactly as at the end.
 */
export async function refreshLiveSummary(tx: Tx | Db, runId: string): Promise<void> {
  const rows = await tx.execute<{ seed: number; t_mem: number | null; t_grok: number | null; scale: number | null; train_acc: number | null; test_acc: number | null }>(sql`
    WITH seeds AS (SELECT generate_series(0, coalesce(seeds, 1) - 1) AS seed FROM runs WHERE id = ${runId})
    SELECT s.seed,
      (SELECT step FROM run_events e WHERE e.run_id = ${runId} AND e.seed = s.seed AND e.kind = 't_mem') AS t_mem,
      (SELECT step FROM run_events e WHERE e.run_id = ${runId} AND e.seed = s.seed AND e.kind = 't_grok') AS t_grok,
      (SELECT value FROM run_events e WHERE e.run_id = ${runId} AND e.seed = s.seed AND e.kind = 't_grok') AS scale,
      l.train_acc, l.test_acc
    FROM seeds s
    -- One primary-key probe per seed (not a scan of the run's points): this runs on every flush.
    LEFT JOIN LATERAL (SELECT train_acc, test_acc FROM metric_points m WHERE m.run_num = ${runNumSql(runId)} AND m.seed = s.seed ORDER BY m.step DESC LIMIT 1) l ON true`);
  const outcomes: SeedOutcome[] = rows.rows.map((r) => ({
    tMem: r.t_mem ?? undefined,
    tGrok: r.t_grok ?? undefined,
    logitScaleAtGrok: r.scale ?? undefined,
    finalTrainAcc: r.train_acc ?? undefined,
    finalTestAcc: r.test_acc ?? undefined,
  }));
  const c = summaryColumns(summarizeSeeds(outcomes));
  await tx.execute(sql`
    UPDATE runs SET t_mem = ${c.tMem}::int, t_grok = ${c.tGrok}::int, delay = ${c.delay}::int, seeds_grokked = ${c.seedsGrokked}::int,
      logit_scale_at_grok = ${c.logitScaleAtGrok}::real, final_train_acc = ${c.finalTrainAcc}::real, final_test_acc = ${c.finalTestAcc}::real
    WHERE id = ${runId}`);
}
