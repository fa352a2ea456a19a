import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { parseRunConfig, type MetricKey, type RunConfig } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runs } from "../schema/runs.ts";
import { runFilterSql, type RunFilter } from "./run-filter.ts";
import { isMetricKey } from "./series.ts";

/**
 * The registry's finished runs as training data for the onset forecasters (packages/predictor;
 * structurally its `CorpusRun`, which this package may not import). The predictor does no I/O,
 * so the worker (fit at run start) and the API (predictOnset, backtests) read through here.
 */
export interface FinishedRunSeed {
  tMem?: number;
  tGrok?: number;
  points: { step: number; metrics: Partial<Record<MetricKey, number>> }[];
}
export interface FinishedRunData {
  id: string;
  name: string;
  sweepId?: string;
  config: RunConfig;
  seeds: FinishedRunSeed[];
}

/** The metrics the forecasters read (packages/predictor CORPUS_METRICS); callers may ask for others. */
export const FORECAST_CORPUS_METRICS: readonly MetricKey[] = ["train_acc", "test_acc", "train_loss", "test_loss", "param_sq_norm", "logit_scale", "weight_norm"];

export interface ReadFinishedRunsOptions {
  /** Further restricts the succeeded runs (the API's RunFilter). */
  filter?: RunFilter;
  /** Newest runs first, at most this many (default 500): bounds a fit's cost on a large registry. */
  maxRuns?: number;
  /**
   * Points kept per seed (default 400), evenly spaced plus the T_mem / T_grok steps of every seed:
   * the laws need the trend and the event steps, not every evaluation, and this keeps a fit on a
   * few hundred runs to a few MB (the same thinning as the corpus fixture, predictor corpus.ts).
   */
  maxPointsPerSeed?: number;
  metrics?: readonly MetricKey[];
  /** Forks start at their fork step (no T_mem, no early trajectory), so they are skipped unless asked for. */
  includeForks?: boolean;
}

/** Runs per metrics query: one statement per batch keeps each result set a few MB. */
const RUN_BATCH = 25;

export async function readFinishedRuns(db: Db, options: ReadFinishedRunsOptions = {}): Promise<{ runs: FinishedRunData[]; skipped: number }> {
  const rows = await db
    .select({ id: runs.id, name: runs.name, sweepId: runs.sweepId, config: runs.config })
    .from(runs)
    .where(and(eq(runs.status, "succeeded"), options.includeForks ? undefined : isNull(runs.parentRunId), runFilterSql(db, options.filter)))
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(options.maxRuns ?? 500);
  let skipped = 0;
  const parsed: { id: string; name: string; sweepId: string | null; config: RunConfig }[] = [];
  for (const row of rows) {
    const p = parseRunConfig(row.config);
    if (p.ok) parsed.push({ id: row.id, name: row.name, sweepId: row.sweepId, config: p.config });
    else skipped++;
  }
  const out: FinishedRunData[] = [];
  for (let i = 0; i < parsed.length; i += RUN_BATCH) {
    const batch = parsed.slice(i, i + RUN_BATCH);
    const seedsByRun = await readRunSeeds(db, batch.map((r) => r.id), options);
    for (const run of batch) {
      const seeds = seedsByRun.get(run.id);
      if (!seeds || seeds.length === 0) {
        skipped++;
        continue;
      }
      out.push({ id: run.id, name: run.name, ...(run.sweepId ? { sweepId: run.sweepId } : {}), config: run.config, seeds });
    }
  }
  return { runs: out, skipped };
}

type PointRow = { run_id: string; seed: number; step: number } & Record<string, number | null>;

/**
 * Per-seed thinned histories (with T_mem / T_grok) of any runs, finished or not: also how a worker
 * resuming a run recovers the readings taken before the restart.
 */
export async function readRunSeeds(
  db: Db,
  runIds: readonly string[],
  options: Pick<ReadFinishedRunsOptions, "metrics" | "maxPointsPerSeed"> = {},
): Promise<Map<string, FinishedRunSeed[]>> {
  if (runIds.length === 0) return new Map();
  const metrics = (options.metrics ?? FORECAST_CORPUS_METRICS).filter((k) => isMetricKey(k));
  const maxPoints = Math.max(2, options.maxPointsPerSeed ?? 400);
  const ids = sql.join(runIds.map((id) => sql`${id}::uuid`), sql`, `);
  const columns = sql.join(metrics.map((k) => sql.identifier(k)), sql`, `);
  // Thinning by index within each (run, seed): seeds of one run are evaluated at the same steps,
  // so they keep the same steps and the per-step median over seeds stays a median of all seeds.
  const points = await db.execute<PointRow>(sql`
    SELECT run_id, seed, step, ${columns} FROM (
      SELECT r.id AS run_id, m.*, row_number() OVER (PARTITION BY m.run_num, m.seed ORDER BY m.step) - 1 AS i,
        count(*) OVER (PARTITION BY m.run_num, m.seed) AS n
      FROM metric_points_all m JOIN runs r ON r.num = m.run_num WHERE r.id IN (${ids})
    ) t
    WHERE n <= ${maxPoints} OR i = n - 1 OR i % ceil(n::float8 / ${maxPoints})::int = 0
      OR EXISTS (SELECT 1 FROM run_events e WHERE e.run_id = t.run_id AND e.step = t.step AND e.kind IN ('t_mem', 't_grok'))
    ORDER BY run_id, seed, step`);
  const events = await db.execute<{ run_id: string; seed: number; kind: string; step: number }>(sql`
    SELECT run_id, seed, kind, step FROM run_events WHERE run_id IN (${ids}) AND kind IN ('t_mem', 't_grok')`);
  const eventOf = new Map(events.rows.map((e) => [`${e.run_id}/${e.seed}/${e.kind}`, Number(e.step)]));
  const bySeed = new Map<string, Map<number, FinishedRunSeed>>();
  for (const row of points.rows) {
    const seeds = bySeed.get(row.run_id) ?? new Map<number, FinishedRunSeed>();
    bySeed.set(row.run_id, seeds);
    let seed = seeds.get(row.seed);
    if (!seed) {
      const tMem = eventOf.get(`${row.run_id}/${row.seed}/t_mem`);
      const tGrok = eventOf.get(`${row.run_id}/${row.seed}/t_grok`);
      seed = { ...(tMem !== undefined ? { tMem } : {}), ...(tGrok !== undefined ? { tGrok } : {}), points: [] };
      seeds.set(row.seed, seed);
    }
    const values: Partial<Record<MetricKey, number>> = {};
    for (const key of metrics) {
      const v = row[key];
      if (v !== null && v !== undefined && Number.isFinite(Number(v))) values[key] = Number(v);
    }
    seed.points.push({ step: Number(row.step), metrics: values });
  }
  return new Map([...bySeed].map(([id, seeds]) => [id, [...seeds.keys()].sort((a, b) => a - b).map((s) => seeds.get(s)!)]));
}
