import { sql } from "drizzle-orm";
import { summarizeSeeds } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runEvents } from "../schema/events.ts";
import { metricPoints } from "../schema/metrics.ts";
import { runs, type RunRow } from "../schema/runs.ts";
import type { FinishedRunData } from "./forecasts-corpus.ts";
import { summaryColumns } from "./summary.ts";

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const ROWS_PER_INSERT = 2000;

/**
 * Stores a finished run from a corpus (packages/predictor fixtures, another registry's export) as
 * a succeeded run with its per-seed points, T_mem / T_grok events and summary medians — the
 * inverse of readFinishedRuns. Seeds a registry the forecasters can learn from (tests, demos).
 * `sweepId`, when given, must name an existing sweep.
 */
export async function importFinishedRun(db: Db, run: Omit<FinishedRunData, "id">): Promise<RunRow> {
  const last = (i: number) => run.seeds[i]!.points.at(-1)?.metrics;
  const summary = summarizeSeeds(
    run.seeds.map((s, i) => ({
      tMem: s.tMem,
      tGrok: s.tGrok,
      logitScaleAtGrok: s.tGrok !== undefined ? s.points.find((p) => p.step >= s.tGrok!)?.metrics.logit_scale : undefined,
      finalTrainAcc: last(i)?.train_acc,
      finalTestAcc: last(i)?.test_acc,
    })),
  );
  const config = { ...run.config, seeds: run.seeds.length };
  const steps = Math.max(run.config.steps, ...run.seeds.flatMap((s) => s.points.map((p) => p.step)));
  return db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .insert(runs)
      .values({ name: run.name, config, sweepId: run.sweepId ?? null, status: "succeeded", stepsTotal: steps, stepsDone: steps, startedAt: now, finishedAt: now, ...summaryColumns(summary) })
      .returning();
    const points = run.seeds.flatMap((s, seed) =>
      s.points.map((p) => ({ runNum: row!.num, seed, step: p.step, ...Object.fromEntries(Object.entries(p.metrics).map(([k, v]) => [camel(k), v])) })),
    );
    for (let i = 0; i < points.length; i += ROWS_PER_INSERT) await tx.insert(metricPoints).values(points.slice(i, i + ROWS_PER_INSERT));
    const events = run.seeds.flatMap((s, seed) => [
      ...(s.tMem !== undefined ? [{ runId: row!.id, seed, kind: "t_mem", step: s.tMem }] : []),
      ...(s.tGrok !== undefined ? [{ runId: row!.id, seed, kind: "t_grok", step: s.tGrok }] : []),
    ]);
    if (events.length > 0) await tx.insert(runEvents).values(events);
    // It is an ended run: its points belong in arrays, as the runs trigger puts a finishing run's.
    await tx.execute(sql`SELECT compact_run_points(${row!.num})`);
    return row!;
  });
}
