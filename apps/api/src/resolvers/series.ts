import { isMetricKey, readBucketedSeries, type BucketedSeries, type RunRow, type SeriesAggregate, type XScale } from "@grokscope/db";
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
  const series = await seriesCache.get(run, options, () => readBucketedSeries(db, run.id, options));
  return series.map((s) => ({ ...s, aggregate: args.aggregate ?? null }));
}

/** BucketedSeries.columns: the buckets as parallel arrays. */
export const bucketedSeriesResolvers = {
  columns: (series: BucketedSeries) => ({
    fromStep: series.buckets.map((b) => b.fromStep),
    toStep: series.buckets.map((b) => b.toStep),
    min: series.buckets.map((b) => b.min),
    max: series.buckets.map((b) => b.max),
    mean: series.buckets.map((b) => b.mean),
    last: series.buckets.map((b) => b.last),
    count: series.buckets.map((b) => b.count),
  }),
};
