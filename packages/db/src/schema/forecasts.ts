import { boolean, integer, pgTable, primaryKey, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { runs } from "./runs.ts";

/**
 * The grokking-onset forecast history of a run (SCIENCE.md §8): one row per forecast step, made
 * by the worker from readings up to that step only.
 */
export const forecasts = pgTable(
  "forecasts",
  {
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    /** The step whose readings (and only those before it) the forecast used. */
    step: integer().notNull(),
    forecaster: text().notNull(),
    /** Point estimate of T_grok (median over seeds); null when grokking within budget is unlikely. */
    tGrok: real(),
    /** 80 % interval. */
    low: real(),
    high: real(),
    /** Probability that the run groks within its step budget. */
    probability: real().notNull(),
    /** Made after test accuracy had started rising. */
    nowcast: boolean().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.step] })],
);

export type ForecastRow = typeof forecasts.$inferSelect;
