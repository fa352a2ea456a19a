import { eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { runs, type RunRow } from "../schema/runs.ts";
import { notifyRunChanged } from "./notify.ts";

/** Fields a person may edit on a run; undefined leaves a field as it is, null clears notes. */
export interface RunDetailsPatch {
  name?: string;
  notes?: string | null;
}

/** Applies an already-validated patch; undefined when the run does not exist. */
export async function updateRunDetails(db: Db, id: string, patch: RunDetailsPatch): Promise<RunRow | undefined> {
  const set: RunDetailsPatch = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.notes !== undefined) set.notes = patch.notes;
  if (Object.keys(set).length === 0) {
    const [row] = await db.select().from(runs).where(eq(runs.id, id));
    return row;
  }
  const [row] = await db.update(runs).set(set).where(eq(runs.id, id)).returning();
  if (row) await notifyRunChanged(db, id);
  return row;
}
