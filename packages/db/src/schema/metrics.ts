import { integer, pgTable, primaryKey, real, smallint } from "drizzle-orm/pg-core";
import { runs } from "./runs.ts";

/**
 * One row per (run, seed, evaluation step), one float32 column per metric key. A wide row keeps
 * storage near 8 bytes per value (vs ~60 for a row per value), and the primary key makes a
 * retried batch a no-op instead of a duplicate point. New metrics are new nullable columns.
 * Queries by run uuid go through `runNumSql` (queries/run-num.ts) or the run_metric_points view.
 */
export const metricPoints = pgTable(
  "metric_points",
  {
    /** runs.num (not runs.id): see there why the key is an integer. */
    runNum: integer()
      .notNull()
      .references(() => runs.num, { onDelete: "cascade" }),
    seed: smallint().notNull(),
    step: integer().notNull(),
    trainLoss: real(),
    testLoss: real(),
    trainAcc: real(),
    testAcc: real(),
    weightNorm: real(),
    logitScale: real(),
    // The rest of SCIENCE.md §5 (null where a trainer version did not record them).
    normEmbed: real(),
    normHidden: real(),
    normReadout: real(),
    paramSqNorm: real(),
    logitScaleTrain: real(),
    scRate: real(),
    fracSaturated: real(),
    maxProb: real(),
    logitMargin: real(),
    gradNorm: real(),
    updateNorm: real(),
    fourierScore: real(),
  },
  (t) => [primaryKey({ columns: [t.runNum, t.seed, t.step] })],
);
