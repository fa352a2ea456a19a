import { and, eq, sql } from "drizzle-orm";
import type { RunConfig } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { checkpoints } from "../schema/checkpoints.ts";
import { runs, type RunRow } from "../schema/runs.ts";
import { notifyRunChanged } from "./notify.ts";
import { refreshLiveSummary } from "./summary.ts";

/** Whether the run holds a checkpoint (resume or kept) at exactly this step; forks start only from one. */
export async function hasCheckpointAt(db: Db, runId: string, step: number): Promise<boolean> {
  const [row] = await db
    .select({ step: checkpoints.step })
    .from(checkpoints)
    .where(and(eq(checkpoints.runId, runId), eq(checkpoints.step, step)));
  return Boolean(row);
}

/** Steps at which the run has a checkpoint, ascending (for error messages and the dashboard). */
export async function checkpointSteps(db: Db, runId: string): Promise<number[]> {
  const rows = await db.select({ step: checkpoints.step }).from(checkpoints).where(eq(checkpoints.runId, runId)).orderBy(checkpoints.step);
  return rows.map((r) => r.step);
}

/**
 * Queues a fork: a new run that the worker starts from `parent`'s checkpoint at `forkStep` with
 * `config` (the parent's config with overrides, validated by the caller with forkIssues). With an
 * idempotency key a retry returns the first fork (keys are shared with createRun).
 *
 * The fork's metric points start after forkStep (its first evaluation is the first one after it;
 * none at 0 or at forkStep): points before are the parent's, reached through parentRunId, and are
 * not copied. Its events up to forkStep are copied, because the trainer restores them as already
 * fired, and the fork's summary (t_mem, delay…) needs them.
 */
export async function createForkRun(
  db: Db,
  input: { parent: RunRow; forkStep: number; name: string; config: RunConfig; author?: string | null; idempotencyKey?: string | null },
): Promise<{ run: RunRow; created: boolean }> {
  const inserted = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(runs)
      .values({
        name: input.name,
        config: input.config,
        stepsTotal: input.config.steps,
        parentRunId: input.parent.id,
        forkStep: input.forkStep,
        sweepId: null,
        author: input.author ?? null,
        idempotencyKey: input.idempotencyKey ?? null,
      })
      .onConflictDoNothing({ target: runs.idempotencyKey })
      .returning();
    if (!row) return undefined;
    // The fork's history up to forkStep is the parent's: the events fired by then are its events
    // too (the trainer restores them as fired and never re-emits them), so its summary counts them.
    await tx.execute(sql`
      INSERT INTO run_events (run_id, seed, kind, step, value)
      SELECT ${row.id}::uuid, seed, kind, step, value FROM run_events WHERE run_id = ${input.parent.id} AND step <= ${input.forkStep}::int`);
    await refreshLiveSummary(tx, row.id);
    return (await tx.select().from(runs).where(eq(runs.id, row.id)))[0]!;
  });
  if (inserted) {
    await notifyRunChanged(db, inserted.id);
    return { run: inserted, created: true };
  }
  const [existing] = await db.select().from(runs).where(eq(runs.idempotencyKey, input.idempotencyKey!));
  if (!existing) throw new Error("idempotent fork found neither a new nor an existing run");
  return { run: existing, created: false };
}
