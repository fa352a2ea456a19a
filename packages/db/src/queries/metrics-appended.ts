import { sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { runNumSql } from "./run-num.ts";

/** A metric point as the subscription sends it: step plus every recorded metric column. */
export type AppendedPoint = { step: number } & Record<string, number | null>;

export interface AppendedPoints {
  seed: number;
  fromStep: number;
  toStep: number;
  count: number;
  /** The latest points (at most `limit` per seed). */
  points: AppendedPoint[];
}

/** The last written step of each seed of a run (the watermark a subscription starts from). */
export async function latestStepBySeed(db: Db, runId: string): Promise<Map<number, number>> {
  const rows = await db.execute<{ seed: number; step: number }>(sql`
    SELECT seed::int AS seed, max(step) AS step FROM metric_points_all WHERE run_num = ${runNumSql(runId)} GROUP BY seed`);
  return new Map(rows.rows.map((r) => [r.seed, r.step]));
}

/**
 * Points of each seed written beyond `after` (seed → last step already delivered; seeds absent
 * from it start from scratch). Workers write steps in increasing order per seed, so "step beyond
 * the watermark" is exactly "new since last time".
 */
export async function pointsAfter(db: Db, runId: string, after: ReadonlyMap<number, number>, limit = 1000): Promise<AppendedPoints[]> {
  const seeds = [...after.keys()];
  const steps = seeds.map((s) => after.get(s)!);
  const rows = await db.execute<{ seed: number; point: AppendedPoint; n: number; from_step: number; rank: number }>(sql`
    WITH fresh AS (
      SELECT m.*, count(*) OVER w AS n, min(m.step) OVER w AS from_step,
             row_number() OVER (PARTITION BY m.seed ORDER BY m.step DESC) AS rank
      FROM metric_points_all m
      LEFT JOIN unnest(${sql.param(seeds)}::smallint[], ${sql.param(steps)}::int[]) AS a(seed, step) ON a.seed = m.seed
      WHERE m.run_num = ${runNumSql(runId)} AND m.step > coalesce(a.step, -1)
      WINDOW w AS (PARTITION BY m.seed))
    SELECT seed::int AS seed, n::int AS n, from_step,
           jsonb_strip_nulls(to_jsonb(fresh) - 'run_num' - 'seed' - 'n' - 'from_step' - 'rank') AS point
    FROM fresh WHERE rank <= ${limit}::int ORDER BY seed, step`);
  const bySeed = new Map<number, AppendedPoints>();
  for (const r of rows.rows) {
    let entry = bySeed.get(r.seed);
    if (!entry) bySeed.set(r.seed, (entry = { seed: r.seed, fromStep: r.from_step, toStep: r.point.step, count: r.n, points: [] }));
    entry.points.push(r.point);
    entry.toStep = r.point.step;
  }
  return [...bySeed.values()];
}
