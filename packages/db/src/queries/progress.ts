import { sql } from "drizzle-orm";
import { METRIC_KEYS, type MetricKey } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { RUN_CHANNEL } from "./notify.ts";
import { refreshLiveSummary } from "./summary.ts";

export interface EvaluationRecord {
  seed: number;
  step: number;
  metrics: Partial<Record<MetricKey, number>>;
}

export interface EventRecord {
  seed: number;
  kind: string;
  step: number;
  value?: number | null;
}

export interface ProgressReport {
  runId: string;
  workerId: string;
  stepsDone: number;
  msPerStep?: number | null;
  evaluations: EvaluationRecord[];
  events: EventRecord[];
}

export type ProgressOutcome = { owned: true; cancelRequested: boolean } | { owned: false };

const column = (key: MetricKey) => sql.identifier(key);
/** Binds a JS array as ONE array parameter (a bare array in `sql` would expand to a list). */
const array = (values: unknown[]) => sql.param(values);
/**
 * A float4[] literal built here, not by node-postgres, which quotes and escapes every element
 * (2–3× slower on a 1,000-point batch, the largest cost of an ingest). Nine significant digits
 * round-trip any float32 exactly, and metric_points stores float32; NaN and ±Infinity pass as
 * PostgreSQL spells them.
 */
const float4ArrayLiteral = (values: readonly (number | undefined)[]) =>
  `{${values.map((v) => (v === undefined ? "NULL" : Number.isFinite(v) ? Math.fround(v).toPrecision(9) : String(v))).join(",")}}`;
const intArrayLiteral = (values: readonly number[]) => `{${values.join(",")}}`;

/**
 * Writes one batch of a worker's output in one transaction: metric points (one multi-row
 * `unnest` insert, ~5× faster than Drizzle's row batches), events, progress and heartbeat, then
 * NOTIFY. A batch for a run the worker no longer owns (it was failed as stale, or reassigned)
 * writes nothing. Retrying a batch is harmless: existing (run, seed, step) rows are kept.
 */
export async function recordProgress(db: Db, report: ProgressReport): Promise<ProgressOutcome> {
  return db.transaction(async (tx) => {
    const owner = await tx.execute<{ cancel_requested: boolean; num: number }>(sql`
      UPDATE runs SET steps_done = GREATEST(steps_done, ${report.stepsDone}::int),
                      ms_per_step = coalesce(${report.msPerStep ?? null}::real, ms_per_step),
                      heartbeat_at = now()
      WHERE id = ${report.runId} AND worker_id = ${report.workerId} AND status = 'running'
      RETURNING cancel_requested, num`);
    const row = owner.rows[0];
    if (!row) return { owned: false } as const;

    if (report.evaluations.length > 0) {
      const seeds = intArrayLiteral(report.evaluations.map((e) => e.seed));
      const steps = intArrayLiteral(report.evaluations.map((e) => e.step));
      // Only the keys this batch recorded: an all-null column costs parsing and stores nothing.
      const keys = METRIC_KEYS.filter((key) => report.evaluations.some((e) => e.metrics[key] !== undefined));
      const columns = sql.join(keys.map(column), sql`, `);
      const arrays = sql.join(
        keys.map((key) => sql`${float4ArrayLiteral(report.evaluations.map((e) => e.metrics[key]))}::real[]`),
        sql`, `,
      );
      await tx.execute(sql`
        INSERT INTO metric_points (run_num, seed, step${keys.length > 0 ? sql`, ${columns}` : sql``})
        SELECT ${row.num}::int, u.* FROM unnest(${seeds}::smallint[], ${steps}::int[]${keys.length > 0 ? sql`, ${arrays}` : sql``}) AS u
        ON CONFLICT (run_num, seed, step) DO NOTHING`);
    }
    if (report.events.length > 0) {
      await tx.execute(sql`
        INSERT INTO run_events (run_id, seed, kind, step, value)
        SELECT ${report.runId}::uuid, u.* FROM unnest(
          ${array(report.events.map((e) => e.seed))}::smallint[], ${array(report.events.map((e) => e.kind))}::text[],
          ${array(report.events.map((e) => e.step))}::int[], ${array(report.events.map((e) => e.value ?? null))}::real[]) AS u
        ON CONFLICT (run_id, seed, kind) DO NOTHING`);
    }
    // The run's summary (medians over seeds) follows training live.
    if (report.evaluations.length > 0 || report.events.length > 0) await refreshLiveSummary(tx, report.runId);
    await tx.execute(sql`SELECT pg_notify(${RUN_CHANNEL}, ${report.runId})`);
    return { owned: true, cancelRequested: row.cancel_requested };
  });
}
