import { integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * A grid of runs launched together: base config × every combination of the grid's values
 * (plus any extra cells), each cell trained with `seeds` seeds in one run. Progress and the cell
 * table are computed from the runs, so a sweep row never goes stale.
 */
export const sweeps = pgTable("sweeps", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  /** packages/spec SweepSpec: base config input, grid axes, extra cells, seeds. */
  spec: jsonb().notNull(),
  author: text(),
  idempotencyKey: text().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type SweepRow = typeof sweeps.$inferSelect;
