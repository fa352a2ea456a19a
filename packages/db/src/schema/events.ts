import { integer, pgTable, primaryKey, real, smallint, text, uuid } from "drizzle-orm/pg-core";
import { runs } from "./runs.ts";

/** Events detected online by the trainer (SCIENCE.md §6); each happens at most once per seed. */
export const runEvents = pgTable(
  "run_events",
  {
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    seed: smallint().notNull(),
    kind: text().notNull(),
    step: integer().notNull(),
    value: real(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seed, t.kind] })],
);
