import { sql } from "drizzle-orm";
import { METRIC_KEYS, type MetricKey } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runEvents } from "../schema/events.ts";
import { eq, asc } from "drizzle-orm";

export interface SeriesPoint {
  step: number;
  value: number;
  min: number;
  max: number;
}

export interface Series {
  key: MetricKey;
  seed: number;
  points: SeriesPoint[];
}

export const isMetricKey = (key: string): key is MetricKey => (METRIC_KEYS as readonly string[]).includes(key);

/**
 * Reads metric series between fromStep and toStep. When a seed has more points than maxPoints,
 * steps are cut into equal-width buckets and each bucket returns its last value together with
 * its min and max, so a spike survives downsampling.
 */
export async function readSeries(
  db: Db,
  runId: string,
  options: { keys: readonly MetricKey[]; fromStep?: number; toStep?: number; maxPoints: number },
): Promise<Series[]> {
  const from = options.fromStep ?? 0;
  const to = options.toStep ?? 2_147_483_647;
  const range = await db.execute<{ seed: number; lo: number | null; hi: number | null; n: number }>(sql`
    SELECT seed, min(step) AS lo, max(step) AS hi, count(*)::int AS n FROM metric_points
    WHERE run_id = ${runId} AND step BETWEEN ${from} AND ${to} GROUP BY seed ORDER BY seed`);
  const out: Series[] = [];
  for (const { seed, lo, hi, n } of range.rows) {
    if (lo === null || hi === null) continue;
    const width = n <= options.maxPoints ? 1 : Math.ceil((hi - lo + 1) / options.maxPoints);
    for (const key of options.keys) {
      const v = sql.identifier(key);
      const rows = await db.execute<{ step: number; value: number; min: number; max: number }>(sql`
        SELECT max(step) AS step,
               (array_agg(${v} ORDER BY step DESC))[1] AS value,
               min(${v}) AS min, max(${v}) AS max
        FROM metric_points
        WHERE run_id = ${runId} AND seed = ${seed} AND step BETWEEN ${from} AND ${to} AND ${v} IS NOT NULL
        GROUP BY (step - ${lo}::int) / ${width}::int
        ORDER BY 1`);
      out.push({ key, seed, points: rows.rows.map((r) => ({ step: r.step, value: r.value, min: r.min, max: r.max })) });
    }
  }
  return out;
}

export async function listEvents(db: Db, runId: string) {
  return db.select().from(runEvents).where(eq(runEvents.runId, runId)).orderBy(asc(runEvents.step), asc(runEvents.seed));
}
