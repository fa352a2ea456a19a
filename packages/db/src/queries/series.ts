import { sql, type SQL } from "drizzle-orm";
import { METRIC_KEYS, type MetricKey } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runEvents } from "../schema/events.ts";
import { eq, asc } from "drizzle-orm";
import { runNumSql } from "./run-num.ts";
import { bucketPoints, downsampleLast, type SeriesBucket } from "./series-bucketing.ts";

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

/** Big-endian numbers as PostgreSQL's int4send / float4send / float8send write them. */
const unpack = (bytes: Buffer, width: 4 | 8, read: (view: DataView, offset: number) => number) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.byteLength / width);
  for (let i = 0; i < out.length; i++) out[i] = read(view, i * width);
  return out;
};
const int4s = (b: Buffer) => unpack(b, 4, (v, o) => v.getInt32(o));
const float4s = (b: Buffer) => unpack(b, 4, (v, o) => v.getFloat32(o));
const float8s = (b: Buffer) => unpack(b, 8, (v, o) => v.getFloat64(o));

/**
 * Reads metric series between fromStep and toStep. When a seed has more points than maxPoints,
 * steps are cut into equal-width buckets and each bucket returns its last value together with
 * its min and max, so a spike survives downsampling.
 *
 * One statement, one pass over the run's points: per seed its step range, and per key that
 * seed's points packed in step order (as readBucketedSeries), downsampled here. It used to be one
 * statement per seed and key — 144 of them for the run page of a 12-seed run.
 */
export async function readSeries(
  db: Db,
  runId: string,
  options: { keys: readonly MetricKey[]; fromStep?: number; toStep?: number; maxPoints: number },
): Promise<Series[]> {
  const from = options.fromStep ?? 0;
  const to = options.toStep ?? 2_147_483_647;
  const packed = options.keys.map((key, i) => {
    const v = sql.identifier(key);
    return sql`, string_agg(int4send(step), ''::bytea ORDER BY step) FILTER (WHERE ${v} IS NOT NULL) AS ${sql.identifier(`s${i}`)},
      string_agg(float4send(${v}), ''::bytea ORDER BY step) FILTER (WHERE ${v} IS NOT NULL) AS ${sql.identifier(`v${i}`)}`;
  });
  const rows = await db.execute<Record<string, Buffer | null> & { seed: number; lo: number; hi: number; n: number }>(sql`
    SELECT seed, min(step) AS lo, max(step) AS hi, count(*)::int AS n ${sql.join(packed, sql``)}
    FROM metric_points WHERE run_num = ${runNumSql(runId)} AND step BETWEEN ${from} AND ${to}
    GROUP BY seed ORDER BY seed`);
  const out: Series[] = [];
  for (const row of rows.rows) {
    const { seed, lo, hi, n } = row;
    const width = n <= options.maxPoints ? 1 : Math.ceil((hi - lo + 1) / options.maxPoints);
    options.keys.forEach((key, i) => {
      const steps = row[`s${i}`] as Buffer | null;
      const values = row[`v${i}`] as Buffer | null;
      const points = steps && values ? downsampleLast(int4s(steps), float4s(values), lo, width) : [];
      out.push({ key, seed, points });
    });
  }
  return out;
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
 * Speed (apps/api/bench/registry.ts): one statement per key (keys run concurrently) returns each
 * seed's points packed as two binary strings (int4send / float4send, in step order), which Node
 * decodes with a DataView and buckets in one pass. Bucketing the same rows in SQL (hash aggregate,
 * max(ARRAY[step, v]) for the last value) or shipping them as rows cost 2–3× more.
 */
export async function readBucketedSeries(db: Db, runId: string, options: BucketedSeriesOptions): Promise<BucketedSeries[]> {
  const from = options.fromStep ?? 0;
  const to = options.toStep ?? 2_147_483_647;
  const seedFilter = options.seeds ? sql`AND seed = ANY(${sql.param([...options.seeds])}::smallint[])` : sql``;
  const perKey = await Promise.all(
    options.keys.map(async (key) => {
      const v = sql.identifier(key);
      const where = sql`run_num = ${runNumSql(runId)} AND step BETWEEN ${from} AND ${to} AND ${v} IS NOT NULL ${seedFilter}`;
      // Stored values are float4 and travel as such; a combination over seeds is float8.
      const [source, send, decode] = options.aggregate
        ? [sql`(SELECT -1 AS seed, step, ${AGGREGATES[options.aggregate](v)}::float8 AS v FROM metric_points WHERE ${where} GROUP BY step)`, sql`float8send`, float8s]
        : // seed uncast: grouping by the key's own columns lets an index scan feed the ordered aggregates presorted (no sort)
          [sql`(SELECT seed, step, ${v} AS v FROM metric_points WHERE ${where})`, sql`float4send`, float4s];
      const result = await db.execute<{ seed: number; steps: Buffer; vals: Buffer }>(sql`
        SELECT seed, string_agg(int4send(step), ''::bytea ORDER BY step) AS steps, string_agg(${send}(v), ''::bytea ORDER BY step) AS vals
        FROM ${source} AS src GROUP BY seed ORDER BY seed`);
      const points = result.rows.map((r) => ({ seed: r.seed, steps: int4s(r.steps), values: decode(r.vals) }));
      return bucketPoints(points, options.buckets, options.xScale).map((b): BucketedSeries => ({ key, seed: b.seed < 0 ? null : b.seed, raw: b.raw, buckets: b.buckets }));
    }),
  );
  return perKey.flat();
}
