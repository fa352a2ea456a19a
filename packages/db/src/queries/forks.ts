import { and, eq } from "drizzle-orm";
import type { RunConfig } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { checkpoints } from "../schema/checkpoints.ts";
import { runs, type RunRow } from "../schema/runs.ts";
import { notifyRunChanged } from "./notify.ts";

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
 */
export async function createForkRun(
  db: Db,
  input: { parent: RunRow; forkStep: number; name: string; config: RunConfig; author?: string | null; idempotencyKey?: string | null },
): Promise<{ run: RunRow; created: boolean }> {
  const [inserted] = await db
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
  if (inserted) {
    await notifyRunChanged(db, inserted.id);
    return { run: inserted, created: true };
  }
  const [existing] = await db.select().from(runs).where(eq(runs.idempotencyKey, input.idempotencyKey!));
  if (!existing) throw new Error("idempotent fork found neither a new nor an existing run");
  return { run: existing, created: false };
}
