import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * A run is also its own job: workers claim `queued` rows with FOR UPDATE SKIP LOCKED, so the
 * registry and the queue can never disagree about a run's state.
 */
export const runs = pgTable(
  "runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    status: text({ enum: ["queued", "running", "succeeded", "failed", "cancelled"] }).notNull().default("queued"),
    /** The validated config with defaults filled in (packages/spec RunConfig). */
    config: jsonb().notNull(),
    idempotencyKey: text().unique(),
    backend: text(),
    workerId: text(),
    attempts: integer().notNull().default(0),
    stepsTotal: integer().notNull(),
    stepsDone: integer().notNull().default(0),
    msPerStep: real(),
    cancelRequested: boolean().notNull().default(false),
    error: text(),
    tMem: integer(),
    tGrok: integer(),
    logitScaleAtGrok: real(),
    finalTrainAcc: real(),
    finalTestAcc: real(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    heartbeatAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("runs_created_idx").on(t.createdAt.desc(), t.id.desc()),
    // Only queued rows are scanned by claimers; a partial index keeps the claim O(log queued).
    index("runs_queued_idx").on(t.createdAt).where(sql`status = 'queued'`),
  ],
);

export type RunRow = typeof runs.$inferSelect;
