import { customType, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { runs } from "./runs.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Full training state of every seed of a run at one step (weights, Adam moments, Grokfast EMA,
 * sampler position: packages/trainer's serialised state). `resume` checkpoints are periodic and
 * only the latest is kept (a restarted run continues from it); `kept` ones are the steps the run
 * was asked to keep for forking (the paper forks at step 800).
 */
export const checkpoints = pgTable(
  "checkpoints",
  {
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    step: integer().notNull(),
    kind: text({ enum: ["resume", "kept"] }).notNull(),
    seeds: smallint().notNull(),
    state: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.step] })],
);

export type CheckpointRow = typeof checkpoints.$inferSelect;
