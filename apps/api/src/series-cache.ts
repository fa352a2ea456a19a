import type { RunRow } from "@grokscope/db";

/** What the cache holds: bucketed series as the API answers them (resolvers/series.ts). */
interface Series {
  buckets: readonly unknown[];
}

/** Statuses after which a run's metric points never change again. */
const FINISHED = new Set<RunRow["status"]>(["succeeded", "failed", "cancelled"]);

/**
 * Bucketed series answers, kept in memory. A finished run's points never change (a worker writes
 * only runs it owns while they are running, and nothing rewrites a finished run's points), so its
 * answer is exact for good. A running run's points change only together with its stepsDone: each
 * flush writes its points and raises stepsDone in one transaction, and a resumed run's repeated
 * steps write nothing new. So its answer is kept under the stepsDone the request saw, and serves
 * every request that sees the same stepsDone. (The answer may hold points of a flush committed
 * after that run row was read: never older than what such a request could read itself.)
 *
 * Why: dashboards re-read the same runs all day (run pages refetching a live run after every
 * flush, compare views of up to 100 runs), and each read otherwise re-buckets ~10,000 rows per
 * key. Bounded by buckets held (least recently used out first); each API process has its own,
 * and none needs invalidating.
 */
export function createSeriesCache(maxBuckets = 500_000) {
  const entries = new Map<string, Series[]>(); // insertion order = recency
  let held = 0;
  const size = (series: readonly Series[]) => series.reduce((n, s) => n + s.buckets.length + 1, 0);

  return {
    /** The kept answer for this run's state and these arguments, or a fresh one from `read` (then kept). */
    async get<S extends Series>(run: RunRow, args: unknown, read: () => Promise<S[]>): Promise<S[]> {
      const version = FINISHED.has(run.status) ? "finished" : `at ${run.stepsDone}`;
      const key = `${run.id} ${version} ${JSON.stringify(args)}`;
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit as S[]; // one caller (Run.series) stores and reads one shape
      }
      const series = await read();
      const n = size(series);
      if (n > maxBuckets) return series;
      entries.set(key, series);
      held += n;
      for (const [oldest, value] of entries) {
        if (held <= maxBuckets) break;
        entries.delete(oldest);
        held -= size(value);
      }
      return series;
    },
    get size() {
      return { entries: entries.size, buckets: held };
    },
  };
}

export type SeriesCache = ReturnType<typeof createSeriesCache>;
