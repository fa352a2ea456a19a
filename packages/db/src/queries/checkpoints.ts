import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../client.ts";
import { checkpoints, type CheckpointRow } from "../schema/checkpoints.ts";

export type { CheckpointRow };

export interface CheckpointInput {
  runId: string;
  step: number;
  kind: "resume" | "kept";
  seeds: number;
  state: Uint8Array;
}

/**
 * Stores a trainer state. A `resume` checkpoint replaces the run's older resume checkpoints in the
 * same transaction (only the latest is ever needed to continue, and they are large); a `kept` one
 * is idempotent on (run, step), so a resumed run re-reaching a kept step writes nothing twice.
 */
export async function saveCheckpoint(db: Db, input: CheckpointInput): Promise<void> {
  const state = Buffer.from(input.state.buffer, input.state.byteOffset, input.state.byteLength);
  await db.transaction(async (tx) => {
    await tx
      .insert(checkpoints)
      .values({ runId: input.runId, step: input.step, kind: input.kind, seeds: input.seeds, state })
      .onConflictDoNothing({ target: [checkpoints.runId, checkpoints.step] });
    if (input.kind === "resume") {
      await tx
        .delete(checkpoints)
        .where(and(eq(checkpoints.runId, input.runId), eq(checkpoints.kind, "resume"), lt(checkpoints.step, input.step)));
    }
  });
}

/**
 * The run's latest checkpoint, to resume it from. Either kind: a kept checkpoint is a full state
 * too, and one newer than the latest resume checkpoint (checkpointSteps between checkpointEvery
 * multiples, or checkpointEvery 0) saves recomputing the steps since, or saves the run itself.
 */
export async function loadLatestResumeCheckpoint(db: Db, runId: string): Promise<CheckpointRow | undefined> {
  const [row] = await db
    .select()
    .from(checkpoints)
    .where(eq(checkpoints.runId, runId))
    .orderBy(desc(checkpoints.step))
    .limit(1);
  return row;
}

/** The run's checkpoint at exactly `step` (resume or kept): a fork's starting point. */
export async function loadCheckpoint(db: Db, runId: string, step: number): Promise<CheckpointRow | undefined> {
  const [row] = await db.select().from(checkpoints).where(and(eq(checkpoints.runId, runId), eq(checkpoints.step, step)));
  return row;
}
