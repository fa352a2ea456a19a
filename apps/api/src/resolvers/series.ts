import { isMetricKey, readBucketedSeries, type BucketedSeries, type RunRow, type SeriesAggregate, type SeriesBucket, type XScale } from "@grokscope/db";
import { METRIC_KEYS } from "@grokscope/spec";
import type { ApiContext } from "../context.ts";
import { badUserInput } from "../errors.ts";

const MAX_BUCKETS = 10_000;
const MAX_KEYS = METRIC_KEYS.length;

interface SeriesArgs {
  keys: string[];
  seeds?: number[] | null;
  aggregate?: "MEDIAN" | "MEAN" | "MIN" | "MAX" | null;
  fromStep?: number | null;
  toStep?: number | null;
  buckets?: number | null;
  xScale?: "LINEAR" | "LOG" | null;
}

/** Run.series: validates the arguments, then the database buckets (packages/db readBucketedSeries). */
export async function runSeries(run: RunRow, args: SeriesArgs, { db, seriesCache }: ApiContext) {
  if (args.keys.length < 1 || args.keys.length > MAX_KEYS) throw badUserInput("keys", `give 1–${MAX_KEYS} metric keys`);
  const unknown = args.keys.find((k) => !isMetricKey(k));
  if (unknown !== undefined) throw badUserInput("keys", `unknown metric key "${unknown}"; known: ${METRIC_KEYS.join(", ")}`);
  const buckets = args.buckets ?? 1000;
  if (buckets < 1 || buckets > MAX_BUCKETS) throw badUserInput("buckets", `must be between 1 and ${MAX_BUCKETS}`);
  const seeds = run.seeds ?? 1;
  const badSeed = args.seeds?.find((s) => s < 0 || s >= seeds);
  if (badSeed !== undefined) throw badUserInput("seeds", `seed ${badSeed} is not one of this run's seeds 0–${seeds - 1}`);
  if (args.fromStep != null && args.toStep != null && args.fromStep > args.toStep) throw badUserInput("fromStep", "must not exceed toStep");
  const aggregate = args.aggregate ? (args.aggregate.toLowerCase() as SeriesAggregate) : undefined;
  const options = {
    keys: args.keys.filter(isMetricKey),
    seeds: args.seeds ?? undefined,
    aggregate,
    fromStep: args.fromStep ?? undefined,
    toStep: args.toStep ?? undefined,
    buckets,
    xScale: (args.xScale ?? "LINEAR").toLowerCase() as XScale,
  };
  const series = await seriesCache.get(run, options, async () => (await readBucketedSeries(db, run.id, options)).map(withFiniteValues));
  return series.map((s) => ({ ...s, aggregate: args.aggregate ?? null }));
}

/** JSON (and GraphQL's Float) has no NaN or ±Infinity: a diverged run's values are null in the API. */
export const finiteOrNull = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);

type ApiBucket = Omit<SeriesBucket, "min" | "max" | "mean" | "last"> & { min: number | null; max: number | null; mean: number | null; last: number | null };
type ApiSeries = Omit<BucketedSeries, "buckets"> & { buckets: ApiBucket[] };

/** The series with every non-finite statistic as null; buckets that need no change are kept as they are. */
function withFiniteValues(series: BucketedSeries): ApiSeries {
  const finite = (b: SeriesBucket) => Number.isFinite(b.min) && Number.isFinite(b.max) && Number.isFinite(b.mean) && Number.isFinite(b.last);
  if (series.buckets.every(finite)) return series;
  return { ...series, buckets: series.buckets.map((b) => (finite(b) ? b : { ...b, min: finiteOrNull(b.min), max: finiteOrNull(b.max), mean: finiteOrNull(b.mean), last: finiteOrNull(b.last) })) };
}

/** BucketedSeries.columns: the buckets as parallel arrays. */
export const bucketedSeriesResolvers = {
  columns: (series: ApiSeries) => ({
    fromStep: series.buckets.map((b) => b.fromStep),
    toStep: series.buckets.map((b) => b.toStep),
    min: series.buckets.map((b) => b.min),
    max: series.buckets.map((b) => b.max),
    mean: series.buckets.map((b) => b.mean),
    last: series.buckets.map((b) => b.last),
    count: series.buckets.map((b) => b.count),
  }),
};
