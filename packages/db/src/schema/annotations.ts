import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { runs } from "./runs.ts";

export const MAX_ANNOTATION_LENGTH = 5000;

/**
 * Notes pinned to a run, optionally at a step and/or seed (null = the whole run / all seeds).
 * Deleted with their run.
 */
export const annotations = pgTable(
  "annotations",
  {
    id: uuid().primaryKey().defaultRandom(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    step: integer(),
    seed: smallint(),
    text: text().notNull(),
    /** Who wrote it; null until the API authenticates users. */
    author: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("annotations_run_idx").on(t.runId, t.createdAt),
    check("annotations_text_length", sql`char_length(${t.text}) BETWEEN 1 AND 5000`),
    check("annotations_step_nonnegative", sql`${t.step} >= 0`),
    check("annotations_seed_nonnegative", sql`${t.seed} >= 0`),
  ],
);

export type AnnotationRow = typeof annotations.$inferSelect;
