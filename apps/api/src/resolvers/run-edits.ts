import { addTags, normalizeTag, removeTags, updateRunDetails, MAX_TAGS_PER_RUN, type TagEditOutcome } from "@grokscope/db";
import type { ApiContext } from "../context.ts";
import { badUserInput, notFound } from "../errors.ts";
import { findRun, isRunId } from "./query.ts";

export const MAX_NAME_LENGTH = 200;
export const MAX_NOTES_LENGTH = 10_000;

interface UpdateRunArgs {
  id: string;
  input: { name?: string | null; notes?: string | null };
}

/** Validates and normalises a list of tags; the first bad one is named in the message. */
function parseTags(tags: readonly string[]): string[] {
  if (tags.length > MAX_TAGS_PER_RUN) throw badUserInput("tags", `at most ${MAX_TAGS_PER_RUN} tags per request`);
  return tags.map((raw) => {
    const r = normalizeTag(raw);
    if (!r.ok) throw badUserInput("tags", `${JSON.stringify(raw.slice(0, 80))}: ${r.message}`);
    return r.tag;
  });
}

async function afterTagEdit(ctx: ApiContext, runId: string, outcome: TagEditOutcome) {
  if (outcome === "not-found") throw notFound(`run ${runId}`);
  if (outcome === "too-many") throw badUserInput("tags", `a run carries at most ${MAX_TAGS_PER_RUN} tags`);
  const run = await findRun(ctx.db, runId);
  if (!run) throw notFound(`run ${runId}`);
  return run;
}

export const runEditResolvers = {
  updateRun: async (_: unknown, { id, input }: UpdateRunArgs, { db }: ApiContext) => {
    const patch: { name?: string; notes?: string | null } = {};
    if (input.name !== undefined) {
      const name = input.name?.trim() ?? "";
      // A run always has a name, so null or blank cannot clear it.
      if (name.length < 1 || name.length > MAX_NAME_LENGTH) throw badUserInput("name", `must be 1–${MAX_NAME_LENGTH} characters`);
      patch.name = name;
    }
    if (input.notes !== undefined) {
      if (input.notes !== null && input.notes.length > MAX_NOTES_LENGTH) throw badUserInput("notes", `must be at most ${MAX_NOTES_LENGTH} characters`);
      // Blank notes are no notes: store null so "has notes" stays a simple IS NOT NULL.
      patch.notes = input.notes?.trim() ? input.notes : null;
    }
    const run = isRunId(id) ? await updateRunDetails(db, id, patch) : undefined;
    if (!run) throw notFound(`run ${id}`);
    return run;
  },
  addTags: async (_: unknown, args: { runId: string; tags: string[] }, ctx: ApiContext) => {
    const tags = parseTags(args.tags);
    if (!isRunId(args.runId)) throw notFound(`run ${args.runId}`);
    return afterTagEdit(ctx, args.runId, await addTags(ctx.db, args.runId, tags));
  },
  removeTags: async (_: unknown, args: { runId: string; tags: string[] }, ctx: ApiContext) => {
    const tags = parseTags(args.tags);
    if (!isRunId(args.runId)) throw notFound(`run ${args.runId}`);
    return afterTagEdit(ctx, args.runId, await removeTags(ctx.db, args.runId, tags));
  },
};
