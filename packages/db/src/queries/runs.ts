import { and, eq, sql } from "drizzle-orm";
import type { RunConfig, RunStatus } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runs, type RunRow } from "../schema/runs.ts";
import { notifyRunChanged } from "./notify.ts";
import { CALIBRATION_CELL_KEYS, unclampedControlSql } from "./calibration.ts";

export type { RunRow };

export async function getRun(db: Db, id: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(runs).where(eq(runs.id, id));
  return row;
}

/**
 * Inserts a queued run. With an idempotency key, a retry returns the run the first request made
 * (the unique index arbitrates concurrent retries) and `created` is false.
 */
export async function createRun(
  db: Db,
  input: { name: string; config: RunConfig; idempotencyKey?: string | null; author?: string | null },
): Promise<{ run: RunRow; created: boolean }> {
  const [inserted] = await db
    .insert(runs)
    .values({ name: input.name, config: input.config, stepsTotal: input.config.steps, idempotencyKey: input.idempotencyKey ?? null, author: input.author ?? null })
    .onConflictDoNothing({ target: runs.idempotencyKey })
    .returning();
  if (inserted) {
    await notifyRunChanged(db, inserted.id);
    return { run: inserted, created: true };
  }
  const [existing] = await db.select().from(runs).where(eq(runs.idempotencyKey, input.idempotencyKey!));
  if (!existing) throw new Error("idempotent createRun found neither a new nor an existing run");
  return { run: existing, created: false };
}

export type CancelOutcome = { outcome: "cancelled" | "requested"; run: RunRow } | { outcome: "not-found" } | { outcome: "finished"; run: RunRow };

/** A queued run is cancelled at once; a running one is flagged for its worker to stop at its next report. */
export async function requestCancel(db: Db, id: string): Promise<CancelOutcome> {
  const [queued] = await db
    .update(runs)
    .set({ status: "cancelled", finishedAt: sql`now()`, cancelRequested: true })
    .where(and(eq(runs.id, id), eq(runs.status, "queued")))
    .returning();
  if (queued) {
    await notifyRunChanged(db, id);
    return { outcome: "cancelled", run: queued };
  }
  const [running] = await db
    .update(runs)
    .set({ cancelRequested: true })
    .where(and(eq(runs.id, id), eq(runs.status, "running")))
    .returning();
  if (running) {
    await notifyRunChanged(db, id);
    return { outcome: "requested", run: running };
  }
  const run = await getRun(db, id);
  return run ? { outcome: "finished", run } : { outcome: "not-found" };
}

/**
 * Claims the oldest queued run for `workerId`. SKIP LOCKED lets many workers on many machines
 * claim concurrently without ever handing one run to two of them. A clamp.rho run waits while an
 * unclamped τ = 1 run of its cell is queued or running: its target ρ·w_c needs that run's w_c
 * (SCIENCE.md §7), so a sweep that enqueues control and clamped cells together calibrates first.
 */
export async function claimNextRun(db: Db, workerId: string): Promise<RunRow | undefined> {
  const sameCell = sql.join(
    CALIBRATION_CELL_KEYS.map((key) => sql`r.config -> ${key}::text = q.config -> ${key}::text`),
    sql` AND `,
  );
  const result = await db.execute<{ id: string }>(sql`
    UPDATE runs SET status = 'running', worker_id = ${workerId}, started_at = now(), heartbeat_at = now(),
                    attempts = attempts + 1
    WHERE id = (
      SELECT q.id FROM runs q
      WHERE q.status = 'queued'
        AND NOT (q.config -> 'clamp' ->> 'rho' IS NOT NULL AND EXISTS (
          SELECT 1 FROM runs r WHERE r.status IN ('queued', 'running') AND ${unclampedControlSql} AND ${sameCell}))
      ORDER BY q.created_at, q.id FOR UPDATE SKIP LOCKED LIMIT 1)
    RETURNING id`);
  const id = result.rows[0]?.id;
  if (!id) return undefined;
  await notifyRunChanged(db, id);
  return getRun(db, id);
}

/** Records which tfjs backend a claimed run actually trains on. */
export async function setRunBackend(db: Db, id: string, workerId: string, backend: string) {
  await db
    .update(runs)
    .set({ backend })
    .where(and(eq(runs.id, id), eq(runs.workerId, workerId)));
}

export interface RunSummaryValues {
  tMem?: number | null;
  delay?: number | null;
  seedsGrokked?: number;
  tGrok?: number | null;
  logitScaleAtGrok?: number | null;
  finalTrainAcc?: number | null;
  finalTestAcc?: number | null;
}

/** Moves a run the worker owns to a terminal status; returns false when it no longer owns it. */
export async function finishRun(
  db: Db,
  id: string,
  workerId: string,
  outcome: { status: Extract<RunStatus, "succeeded" | "failed" | "cancelled">; error?: string; summary?: RunSummaryValues },
): Promise<boolean> {
  // One transaction, so the change is announced exactly when it commits: a worker retrying this
  // after a lost reply finds the run finished already and would otherwise never announce it.
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(runs)
      .set({ status: outcome.status, error: outcome.error ?? null, finishedAt: sql`now()`, heartbeatAt: sql`now()`, ...outcome.summary })
      .where(and(eq(runs.id, id), eq(runs.workerId, workerId), eq(runs.status, "running")))
      .returning({ id: runs.id });
    if (row) await notifyRunChanged(tx, id);
    return Boolean(row);
  });
}

/**
 * Puts a run its worker is shutting down (SIGTERM, Ctrl-C) back in the queue, to be resumed from
 * its latest checkpoint by the next worker. Not a failure, so the claim it used is given back to
 * its attempts. Returns false when the worker no longer owns the run.
 */
export async function requeueRun(db: Db, id: string, workerId: string, reason: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(runs)
      .set({ status: "queued", workerId: null, error: reason, attempts: sql`greatest(${runs.attempts} - 1, 0)` })
      .where(and(eq(runs.id, id), eq(runs.workerId, workerId), eq(runs.status, "running")))
      .returning({ id: runs.id });
    if (row) await notifyRunChanged(tx, id);
    return Boolean(row);
  });
}

/** A stale run with a resume checkpoint is requeued at most this many attempts in all. */
export const MAX_RUN_ATTEMPTS = 3;

/**
 * The step a stale run would resume from (null: none), as the worker's startState picks it: the
 * run's latest checkpoint of either kind (a kept one is a full state too), else, for a fork, its
 * parent's checkpoint at fork_step (a fork that dies before its first checkpoint starts over).
 */
const resumeStepSql = sql`coalesce(
  (SELECT max(k.step) FROM checkpoints k WHERE k.run_id = runs.id),
  (SELECT k.step FROM checkpoints k WHERE k.run_id = runs.parent_run_id AND k.step = runs.fork_step))`;

/** What one sweep of stale runs did: the runs it requeued to resume, and the runs it failed. */
export interface StaleSweep {
  requeued: string[];
  failed: string[];
}

/**
 * Sweeps runs whose worker stopped heart-beating (killed, machine gone). A run with a checkpoint to
 * resume from (resumeStepSql) and attempts left is requeued: the next worker continues from it
 * (points already written stay; rewriting them is a primary-key no-op). Any other is failed, with
 * the reason (no checkpoint yet, or out of attempts). Either way the error column names the worker.
 *
 * One statement decides both, on one `now()`: as two statements, a heartbeat that turned stale
 * between them failed a resumable run instead of requeuing it.
 */
export async function sweepStaleRuns(db: Db, staleAfterSeconds: number): Promise<StaleSweep> {
  const result = await db.execute<{ id: string; status: "queued" | "failed" }>(sql`
    WITH stale AS (
      SELECT id, ${resumeStepSql} AS resume_step, attempts < ${MAX_RUN_ATTEMPTS}::int AS attempts_left
      FROM runs
      WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => ${staleAfterSeconds}::int)
      FOR UPDATE SKIP LOCKED
    ), decided AS (
      SELECT id, resume_step, (resume_step IS NOT NULL AND attempts_left) AS resumable FROM stale
    )
    UPDATE runs SET
      status = CASE WHEN d.resumable THEN 'queued' ELSE 'failed' END,
      worker_id = CASE WHEN d.resumable THEN NULL ELSE runs.worker_id END,
      finished_at = CASE WHEN d.resumable THEN NULL ELSE now() END,
      error = CASE WHEN d.resumable
        THEN 'requeued: worker ' || coalesce(runs.worker_id, '?') || ' stopped reporting (no heartbeat for ' || ${staleAfterSeconds}::int
             || ' s); resuming from the checkpoint at step ' || d.resume_step || ' (attempt ' || runs.attempts || ' of ' || ${MAX_RUN_ATTEMPTS}::int || ')'
        ELSE 'worker ' || coalesce(runs.worker_id, '?') || ' stopped reporting (no heartbeat for ' || ${staleAfterSeconds}::int || ' s); '
             || CASE WHEN d.resume_step IS NOT NULL
                     THEN 'not resumed: all ' || runs.attempts || ' attempts used (at most ' || ${MAX_RUN_ATTEMPTS}::int || ')'
                     ELSE 'not resumed: no checkpoint to resume from yet (checkpointEvery)' END
             || '; metrics written before that are kept' END
    FROM decided d
    WHERE runs.id = d.id
    RETURNING runs.id, runs.status`);
  for (const row of result.rows) await notifyRunChanged(db, row.id);
  return {
    requeued: result.rows.filter((r) => r.status === "queued").map((r) => r.id),
    failed: result.rows.filter((r) => r.status === "failed").map((r) => r.id),
  };
}

/** Records the clamp target a run actually trains with (and the w_c it was calibrated from, for ρ runs). */
export async function setRunClamp(db: Db, id: string, workerId: string, values: { clampTarget: number; criticalNorm?: number | null }) {
  await db
    .update(runs)
    .set({ clampTarget: values.clampTarget, criticalNorm: values.criticalNorm ?? null })
    .where(and(eq(runs.id, id), eq(runs.workerId, workerId)));
}
