import { integer, pgTable, pgView, primaryKey, real, smallint } from "drizzle-orm/pg-core";
import { runs } from "./runs.ts";

/** One float32 column per metric key (SCIENCE.md §5), null where a trainer version did not record it. */
function metricColumns() {
  return {
    trainLoss: real(),
    testLoss: real(),
    trainAcc: real(),
    testAcc: real(),
    weightNorm: real(),
    logitScale: real(),
    // The rest of SCIENCE.md §5.
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
  };
}

/**
 * One row per (run, seed, evaluation step), one float32 column per metric key. A wide row keeps
 * storage near 8 bytes per value (vs ~60 for a row per value), and the primary key makes a
 * retried batch a no-op instead of a duplicate point. New metrics are new nullable columns.
 * Queries by run uuid go through `runNumSql` (queries/run-num.ts) or the run_metric_points view.
 * Holds the points of live runs only: a run's rows move to metric_arrays when it ends.
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
    ...metricColumns(),
  },
  (t) => [primaryKey({ columns: [t.runNum, t.seed, t.step] })],
);

/**
 * The points of ended runs: one row per (run, seed), its steps and one float32 array per metric,
 * index for index in step order. The database moves a run's metric_points rows here in the
 * transaction that ends it (trigger in drizzle/0006_metric_arrays.sql, which says why).
 */
export const metricArrays = pgTable(
  "metric_arrays",
  {
    runNum: integer()
      .notNull()
      .references(() => runs.num, { onDelete: "cascade" }),
    seed: smallint().notNull(),
    steps: integer().array().notNull(),
    /** The steps' common difference when evenly spaced, else null (series reads rebuild them). */
    stepStride: integer(),
    ...Object.fromEntries(Object.keys(metricColumns()).map((key) => [key, real().array()])),
  },
  (t) => [primaryKey({ columns: [t.runNum, t.seed] })],
);

/** Every point of every run, live (metric_points) or ended (metric_arrays, unnested), as rows. */
export const metricPointsAll = pgView("metric_points_all", {
  runNum: integer().notNull(),
  seed: smallint().notNull(),
  step: integer().notNull(),
  ...metricColumns(),
}).existing();
