import { sql, type SQL } from "drizzle-orm";
import { METRIC_KEYS, type MetricKey } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runEvents } from "../schema/events.ts";
import { eq, asc } from "drizzle-orm";
import { runNumSql } from "./run-num.ts";

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
    WHERE run_num = ${runNumSql(runId)} AND step BETWEEN ${from} AND ${to} GROUP BY seed ORDER BY seed`);
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
        WHERE run_num = ${runNumSql(runId)} AND seed = ${seed} AND step BETWEEN ${from} AND ${to} AND ${v} IS NOT NULL
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

export type SeriesAggregate = "median" | "mean" | "min" | "max";
export type XScale = "linear" | "log";

export interface SeriesBucket {
  /** First and last step of the points in the bucket (equal for a raw point). */
  fromStep: number;
  toStep: number;
  min: number;
  max: number;
  mean: number;
  /** Value at toStep. */
  last: number;
  count: number;
}

export interface BucketedSeries {
  key: MetricKey;
  /** The seed, or null when the series aggregates several seeds step by step. */
  seed: number | null;
  /** True when the range held no more points than buckets and every point is returned as is. */
  raw: boolean;
  buckets: SeriesBucket[];
}

export interface BucketedSeriesOptions {
  keys: readonly MetricKey[];
  /** Seeds to return one series each for; with `aggregate`, the seeds combined (all when omitted). */
  seeds?: readonly number[];
  aggregate?: SeriesAggregate;
  fromStep?: number;
  toStep?: number;
  buckets: number;
  xScale: XScale;
}

const AGGREGATES: Record<SeriesAggregate, (v: SQL | ReturnType<typeof sql.identifier>) => SQL> = {
  median: (v) => sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${v})`,
  mean: (v) => sql`avg(${v})`,
  min: (v) => sql`min(${v})`,
  max: (v) => sql`max(${v})`,
};

type BucketRow = { seed: number; from_step: number; to_step: number; min: number; max: number; mean: number; last: number; count: number; raw: boolean };

/**
 * Buckets a metric over steps entirely in PostgreSQL: per bucket its min, max, mean and last
 * value, so a one-evaluation spike survives as a bucket's max. Buckets are equal-width in step
 * (LINEAR) or in ln(step + 1) (LOG, for log-x plots where early training would otherwise be one
 * bucket). A range with no more points than buckets comes back raw. With `aggregate`, seeds are
 * first combined per step (e.g. the median over seeds), then bucketed.
 *
 * Speed (apps/api/bench/registry.ts): one statement per key and one pass over the heap (the
 * points are materialised once, then bounded and bucketed); the bounds are an InitPlan computed
 * once, buckets a hash aggregate, and a bucket's last value is max(ARRAY[step, v])[2] (arrays
 * compare element-wise, so the greatest step wins) — no sort, no second lookup.
 */
export async function readBucketedSeries(db: Db, runId: string, options: BucketedSeriesOptions): Promise<BucketedSeries[]> {
  const from = options.fromStep ?? 0;
  const to = options.toStep ?? 2_147_483_647;
  const seedFilter = options.seeds ? sql`AND seed = ANY(${sql.param([...options.seeds])}::smallint[])` : sql``;
  const n = options.buckets;
  const out: BucketedSeries[] = [];
  for (const key of options.keys) {
    const v = sql.identifier(key);
    const where = sql`run_num = ${runNumSql(runId)} AND step BETWEEN ${from} AND ${to} AND ${v} IS NOT NULL ${seedFilter}`;
    const source = options.aggregate
      ? sql`(SELECT -1 AS seed, step, ${AGGREGATES[options.aggregate](v)}::float8 AS v FROM metric_points WHERE ${where} GROUP BY step)`
      : sql`(SELECT seed::int AS seed, step, ${v}::float8 AS v FROM metric_points WHERE ${where})`;
    const [lo, hi] = [sql`(SELECT lo FROM b)`, sql`(SELECT hi FROM b)`];
    const bucket =
      options.xScale === "log"
        ? sql`least(floor((ln((step + 1)::float8) - ln(${lo} + 1.0::float8)) / greatest(ln(${hi} + 1.0::float8) - ln(${lo} + 1.0::float8), 1e-12) * ${n}::int)::int, ${n}::int - 1)`
        : // integer arithmetic: exact edges, and cheaper per row than float8
          sql`least(((step - ${lo})::int8 * ${n}::int) / greatest(${hi} - ${lo}, 1), ${n}::int - 1)`;
    const raw = sql`((SELECT n FROM b) <= ${n}::int)`;
    const result = await db.execute<BucketRow>(sql`
      WITH src AS MATERIALIZED ${source},
      b AS (SELECT min(lo) AS lo, max(hi) AS hi, max(n) AS n
            FROM (SELECT min(step) AS lo, max(step) AS hi, count(*) AS n FROM src GROUP BY seed) per_seed)
      SELECT seed, min(step) AS from_step, max(step) AS to_step, min(v) AS min, max(v) AS max, avg(v) AS mean,
             (max(ARRAY[step::float8, v]))[2] AS last, count(*)::int AS count, bool_and(${raw}) AS raw
      FROM src
      GROUP BY seed, CASE WHEN ${raw} THEN step ELSE ${bucket} END
      ORDER BY seed, to_step`);
    const bySeed = new Map<number, BucketedSeries>();
    for (const r of result.rows) {
      let series = bySeed.get(r.seed);
      if (!series) bySeed.set(r.seed, (series = { key, seed: r.seed < 0 ? null : r.seed, raw: r.raw, buckets: [] }));
      series.buckets.push({ fromStep: r.from_step, toStep: r.to_step, min: r.min, max: r.max, mean: r.mean, last: r.last, count: r.count });
    }
    out.push(...bySeed.values());
  }
  return out;
}
