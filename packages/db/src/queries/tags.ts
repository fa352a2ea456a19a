import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { runs } from "../schema/runs.ts";
import { MAX_TAG_LENGTH, MAX_TAGS_PER_RUN, runTags } from "../schema/tags.ts";
import { notifyRunChanged } from "./notify.ts";

/** Trims and lower-cases a tag; returns why it is unusable, or the tag. */
export function normalizeTag(raw: string): { ok: true; tag: string } | { ok: false; message: string } {
  const tag = raw.trim().toLowerCase();
  // Code points, not UTF-16 units, so the limit matches the database's char_length CHECK.
  const length = [...tag].length;
  if (length < 1) return { ok: false, message: "a tag must not be empty" };
  if (length > MAX_TAG_LENGTH) return { ok: false, message: `a tag must be at most ${MAX_TAG_LENGTH} characters` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(tag)) return { ok: false, message: "a tag must not contain control characters" };
  return { ok: true, tag };
}

export async function listTags(db: Db, runId: string): Promise<string[]> {
  const rows = await db.select({ tag: runTags.tag }).from(runTags).where(eq(runTags.runId, runId)).orderBy(asc(runTags.tag));
  return rows.map((r) => r.tag);
}

/** Tags of many runs in one query (for lists), keyed by run id. */
export async function listTagsOfRuns(db: Db, runIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(runIds.map((id) => [id, []]));
  if (runIds.length === 0) return out;
  // One array parameter, not one parameter per id: a 200-run page is otherwise 200 bound
  // values to build, send and plan, several ms of CPU on every runs-table request.
  const rows = await db.execute<{ run_id: string; tag: string }>(sql`
    SELECT run_id, tag FROM run_tags WHERE run_id = ANY(${sql.param([...runIds])}::uuid[]) ORDER BY tag`);
  for (const r of rows.rows) out.get(r.run_id)?.push(r.tag);
  return out;
}

export type TagEditOutcome = "ok" | "not-found" | "too-many";

/**
 * Adds already-normalised tags; tags the run has are kept (adding is idempotent). The run row is
 * locked so two concurrent adds cannot together pass the per-run cap.
 */
export async function addTags(db: Db, runId: string, tags: readonly string[]): Promise<TagEditOutcome> {
  return db.transaction(async (tx) => {
    const [run] = await tx.select({ id: runs.id }).from(runs).where(eq(runs.id, runId)).for("update");
    if (!run) return "not-found";
    const existing = new Set((await tx.select({ tag: runTags.tag }).from(runTags).where(eq(runTags.runId, runId))).map((r) => r.tag));
    const fresh = [...new Set(tags)].filter((tag) => !existing.has(tag));
    if (existing.size + fresh.length > MAX_TAGS_PER_RUN) return "too-many";
    if (fresh.length > 0) await tx.insert(runTags).values(fresh.map((tag) => ({ runId, tag }))).onConflictDoNothing();
    await notifyRunChanged(tx, runId);
    return "ok";
  });
}

/** Removes tags (absent ones are ignored). */
export async function removeTags(db: Db, runId: string, tags: readonly string[]): Promise<TagEditOutcome> {
  return db.transaction(async (tx) => {
    const [run] = await tx.select({ id: runs.id }).from(runs).where(eq(runs.id, runId));
    if (!run) return "not-found";
    if (tags.length > 0) await tx.delete(runTags).where(and(eq(runTags.runId, runId), inArray(runTags.tag, [...tags])));
    await notifyRunChanged(tx, runId);
    return "ok";
  });
}
