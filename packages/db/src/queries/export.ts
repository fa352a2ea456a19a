import { and, asc, eq, getViewSelectedFields, gt, or, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { metricPointsAll } from "../schema/metrics.ts";
import { listRuns, type RunPosition } from "./run-list.ts";
import { listTagsOfRuns } from "./tags.ts";
import type { RunFilter } from "./run-filter.ts";
import type { RunRow } from "../schema/runs.ts";
import { runNumSql } from "./run-num.ts";

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const { runNum: _runNum, seed: _seed, step: _step, ...valueColumns } = getViewSelectedFields(metricPointsAll);
/** Every metric column of a point, as snake_case names (the metric keys of SCIENCE.md §5). */
export const METRIC_EXPORT_COLUMNS = Object.keys(valueColumns).map(snake);

export type MetricExportRow = { seed: number; step: number } & Record<string, number | null>;

/**
 * Yields a run's full-resolution metric history (live rows or an ended run's arrays) in (step, seed) order, `batchSize` rows at a
 * time. Each batch is its own keyset query on the pool, so a slow download never pins a
 * connection or a transaction; memory stays at one batch whatever the run's length.
 */
export async function* streamMetricPoints(db: Db, runId: string, batchSize = 5000): AsyncGenerator<MetricExportRow[]> {
  let after: { step: number; seed: number } | undefined;
  for (;;) {
    const position: SQL | undefined = after
      ? or(gt(metricPointsAll.step, after.step), and(eq(metricPointsAll.step, after.step), gt(metricPointsAll.seed, after.seed)))
      : undefined;
    const rows = await db
      .select({ seed: metricPointsAll.seed, step: metricPointsAll.step, ...valueColumns })
      .from(metricPointsAll)
      .where(and(eq(metricPointsAll.runNum, runNumSql(runId)), position))
      .orderBy(asc(metricPointsAll.step), asc(metricPointsAll.seed))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows.map((r) => {
      const out: MetricExportRow = { seed: r.seed, step: r.step };
      for (const [key, value] of Object.entries(r)) if (key !== "seed" && key !== "step") out[snake(key)] = value as number | null;
      return out;
    });
    if (rows.length < batchSize) return;
    const last = rows.at(-1)!;
    after = { step: last.step, seed: last.seed };
  }
}

/** Yields the runs matching `filter`, newest first, a page at a time, each run with its tags. */
export async function* streamRuns(db: Db, filter: RunFilter | undefined, batchSize = 500): AsyncGenerator<(RunRow & { tags: string[] })[]> {
  let after: RunPosition | undefined;
  for (;;) {
    const page = await listRuns(db, { first: batchSize, filter, after, withTotal: false });
    if (page.rows.length === 0) return;
    const tags = await listTagsOfRuns(db, page.rows.map((r) => r.id));
    yield page.rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] }));
    if (!page.hasNextPage) return;
    after = page.positions.at(-1);
  }
}
