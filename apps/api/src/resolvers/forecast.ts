import { forecastHistory, latestForecasts, type ForecastRow, type RunRow } from "@grokscope/db";
import type { ApiContext } from "../context.ts";
import { createBatchLoader } from "../batch-loader.ts";
import { badUserInput } from "../errors.ts";

/**
 * Per-request loaders of a run's newest forecast, so a runs page of 200 rows selecting `forecast`
 * costs one query (DISTINCT ON over the forecasts primary key), not 200. Kept beside the context
 * rather than in it: the WeakMap drops a request's loader with the request.
 */
const loaders = new WeakMap<ApiContext, (runId: string) => Promise<ForecastRow | null>>();
function latestLoader(ctx: ApiContext) {
  let load = loaders.get(ctx);
  if (!load) {
    load = createBatchLoader<ForecastRow | null>((ids) => latestForecasts(ctx.db, ids), () => null);
    loaders.set(ctx, load);
  }
  return load;
}

/** Run.forecast and Run.forecastHistory: the worker's stored forecasts (SCIENCE.md §8). */
export const runForecastResolvers = {
  forecast: (run: RunRow, _: unknown, ctx: ApiContext) => latestLoader(ctx)(run.id),
  forecastHistory: (run: RunRow, args: { fromStep?: number | null }, { db }: ApiContext) => {
    if (args.fromStep != null && args.fromStep < 0) throw badUserInput("fromStep", "must be at least 0");
    return forecastHistory(db, run.id, args.fromStep != null ? { fromStep: args.fromStep } : {});
  },
};
