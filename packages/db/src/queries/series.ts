import { sql, type SQL } from "drizzle-orm";
import { METRIC_KEYS, type MetricKey } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runEvents } from "../schema/events.ts";
import { eq, asc } from "drizzle-orm";
import { runNumSql } from "./run-num.ts";
import { bucketPoints, downsampleLast, type SeriesBucket } from "./series-bucketing.ts";
import { readSeedSeries } from "./series-read.ts";

export type { SeriesBucket };

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

/** Big-endian numbers as PostgreSQL's int4send / float8send write them. */
const unpack = (bytes: Buffer, width: 4 | 8, read: (view: DataView, offset: number) => number) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.byteLength / width);
  for (let i = 0; i < out.length; i++) out[i] = read(view, i * width);
  return out;
};
const int4s = (b: Buffer) => unpack(b, 4, (v, o) => v.getInt32(o));
const float8s = (b: Buffer) => unpack(b, 8, (v, o) => v.getFloat64(o));

const MAX_STEP = 2_147_483_647;

/**
 * Reads metric series between fromStep and toStep. When a seed has more points than maxPoints,
 * steps are cut into equal-width buckets and each bucket returns its last value together with
 * its min and max, so a spike survives downsampling.
 *
 * One statement for every key and seed (series-read.ts), downsampled here. It used to be one
 * statement per seed and key — 144 of them for the run page of a 12-seed run.
 */
export async function readSeries(
  db: Db,
  runId: string,
  options: { keys: readonly MetricKey[]; fromStep?: number; toStep?: number; maxPoints: number },
): Promise<Series[]> {
  const seeds = await readSeedSeries(db, runId, { keys: options.keys, fromStep: options.fromStep ?? 0, toStep: options.toStep ?? MAX_STEP });
  return seeds.flatMap(({ seed, steps, keys }) => {
    const n = steps.length;
    const lo = steps[0] ?? 0;
    const width = n <= options.maxPoints ? 1 : Math.ceil((steps[n - 1]! - lo + 1) / options.maxPoints);
    return options.keys.map((key, i) => ({ key, seed, points: downsampleLast(keys[i]!.steps, keys[i]!.values, lo, width) }));
  });
}

export async function listEvents(db: Db, runId: string) {
  return db.select().from(runEvents).where(eq(runEvents.runId, runId)).orderBy(asc(runEvents.step), asc(runEvents.seed));
}

export type SeriesAggregate = "median" | "mean" | "min" | "max";
export type XScale = "linear" | "log";

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


/**
 * Reads a metric bucketed over steps (series-bucketing.ts): per bucket its min, max, mean and
 * last value. A range with no more points than buckets comes back raw. With `aggregate`, seeds
 * are first combined per step (e.g. the median over seeds), then bucketed.
 *
 * Speed (apps/api/bench/registry.ts): the points come in one statement (series-read.ts) — for an
 * ended run a few arrays, for a live one its rows packed in step order — and Node buckets them in
 * one pass. Bucketing the same rows in SQL (hash aggregate, max(ARRAY[step, v]) for the last
 * value) or shipping them as rows cost 2–3× more.
 */
export async function readBucketedSeries(db: Db, runId: string, options: BucketedSeriesOptions): Promise<BucketedSeries[]> {
  const from = options.fromStep ?? 0;
  const to = options.toStep ?? MAX_STEP;
  if (options.aggregate) return readAggregatedSeries(db, runId, options.aggregate, { ...options, fromStep: from, toStep: to });
  const seeds = await readSeedSeries(db, runId, { keys: options.keys, seeds: options.seeds, fromStep: from, toStep: to });
  return options.keys.flatMap((key, i) =>
    bucketPoints(
      seeds.map((s) => ({ seed: s.seed, ...s.keys[i]! })),
      options.buckets,
      options.xScale,
    ).map((b): BucketedSeries => ({ key, seed: b.seed, raw: b.raw, buckets: b.buckets })),
  );
}

/**
 * Seeds combined step by step in SQL (the median over seeds needs every seed's value at a step),
 * over every point of the run, live or ended (metric_points_all), then bucketed like one seed.
 */
async function readAggregatedSeries(
  db: Db,
  runId: string,
  aggregate: SeriesAggregate,
  options: BucketedSeriesOptions & { fromStep: number; toStep: number },
): Promise<BucketedSeries[]> {
  const seedFilter = options.seeds ? sql`AND seed = ANY(${sql.param([...options.seeds])}::smallint[])` : sql``;
  const perKey = await Promise.all(
    options.keys.map(async (key) => {
      const v = sql.identifier(key);
      const result = await db.execute<{ steps: Buffer | null; vals: Buffer | null }>(sql`
        SELECT string_agg(int4send(step), ''::bytea ORDER BY step) AS steps, string_agg(float8send(v), ''::bytea ORDER BY step) AS vals
        FROM (SELECT step, ${AGGREGATES[aggregate](v)}::float8 AS v FROM metric_points_all
              WHERE run_num = ${runNumSql(runId)} AND step BETWEEN ${options.fromStep} AND ${options.toStep} AND ${v} IS NOT NULL ${seedFilter}
              GROUP BY step) AS combined`);
      const row = result.rows[0];
      const points = row?.steps && row.vals ? [{ seed: -1, steps: int4s(row.steps), values: float8s(row.vals) }] : [];
      return bucketPoints(points, options.buckets, options.xScale).map((b): BucketedSeries => ({ key, seed: null, raw: b.raw, buckets: b.buckets }));
    }),
  );
  return perKey.flat();
}
