import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { annotations, type AnnotationRow } from "../schema/annotations.ts";
import { runs } from "../schema/runs.ts";
import { notifyRunChanged } from "./notify.ts";

export type { AnnotationRow };

/** A run's annotations, oldest first (the order they were written in). */
export async function listAnnotations(db: Db, runId: string): Promise<AnnotationRow[]> {
  return db.select().from(annotations).where(eq(annotations.runId, runId)).orderBy(asc(annotations.createdAt), asc(annotations.id));
}

export async function getAnnotation(db: Db, id: string): Promise<AnnotationRow | undefined> {
  const [row] = await db.select().from(annotations).where(eq(annotations.id, id));
  return row;
}

/**
 * Annotation writes NOTIFY the run's channel in the same transaction, so subscribers of the run
 * refresh and never hear of an annotation before they can read it.
 */
export async function addAnnotation(
  db: Db,
  input: { runId: string; step?: number | null; seed?: number | null; text: string; author?: string | null },
): Promise<AnnotationRow | undefined> {
  return db.transaction(async (tx) => {
    const [run] = await tx.select({ id: runs.id }).from(runs).where(eq(runs.id, input.runId));
    if (!run) return undefined;
    const [row] = await tx
      .insert(annotations)
      .values({ runId: input.runId, step: input.step ?? null, seed: input.seed ?? null, text: input.text, author: input.author ?? null })
      .returning();
    await notifyRunChanged(tx, input.runId);
    return row;
  });
}

export async function updateAnnotation(db: Db, id: string, text: string): Promise<AnnotationRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(annotations).set({ text, updatedAt: sql`now()` }).where(eq(annotations.id, id)).returning();
    if (row) await notifyRunChanged(tx, row.runId);
    return row;
  });
}

/** Returns the deleted annotation's run id, or undefined when there was none. */
export async function deleteAnnotation(db: Db, id: string): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(annotations).where(eq(annotations.id, id)).returning({ runId: annotations.runId });
    if (row) await notifyRunChanged(tx, row.runId);
    return row?.runId;
  });
}
