import { addAnnotation, deleteAnnotation, listAnnotations, updateAnnotation, MAX_ANNOTATION_LENGTH, type RunRow } from "@grokscope/db";
import type { ApiContext } from "../context.ts";
import { badUserInput, notFound } from "../errors.ts";
import { authorOf } from "./author.ts";
import { isRunId } from "./query.ts";

// smallint column: seeds beyond it could never be stored.
const MAX_SEED = 32_767;

/** Trimmed annotation text, 1–5000 characters (code points, as the database counts). */
function parseText(raw: string): string {
  const text = raw.trim();
  const length = [...text].length;
  if (length < 1 || length > MAX_ANNOTATION_LENGTH) throw badUserInput("text", `must be 1–${MAX_ANNOTATION_LENGTH} characters`);
  return text;
}

export const annotationResolvers = {
  addAnnotation: async (
    _: unknown,
    args: { runId: string; step?: number | null; seed?: number | null; text: string },
    ctx: ApiContext,
  ) => {
    const { db } = ctx;
    if (args.step != null && args.step < 0) throw badUserInput("step", "must be ≥ 0");
    if (args.seed != null && (args.seed < 0 || args.seed > MAX_SEED)) throw badUserInput("seed", `must be between 0 and ${MAX_SEED}`);
    const text = parseText(args.text);
    const row = isRunId(args.runId) ? await addAnnotation(db, { runId: args.runId, step: args.step, seed: args.seed, text, author: authorOf(ctx) }) : undefined;
    if (!row) throw notFound(`run ${args.runId}`);
    return row;
  },
  updateAnnotation: async (_: unknown, args: { id: string; text: string }, { db }: ApiContext) => {
    const text = parseText(args.text);
    const row = isRunId(args.id) ? await updateAnnotation(db, args.id, text) : undefined;
    if (!row) throw notFound(`annotation ${args.id}`);
    return row;
  },
  deleteAnnotation: async (_: unknown, args: { id: string }, { db }: ApiContext) => {
    const runId = isRunId(args.id) ? await deleteAnnotation(db, args.id) : undefined;
    if (!runId) throw notFound(`annotation ${args.id}`);
    return args.id;
  },
};

/** Run.annotations: oldest first. */
export const runAnnotations = (run: RunRow, _: unknown, { db }: ApiContext) => listAnnotations(db, run.id);
