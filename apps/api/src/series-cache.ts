import type { RunRow } from "@grokscope/db";

/** What the cache holds: bucketed series as the API answers them (resolvers/series.ts). */
interface Series {
  buckets: readonly unknown[];
}

/** Statuses after which a run's metric points never change again. */
const FINISHED = new Set<RunRow["status"]>(["succeeded", "failed", "cancelled"]);

/**
 * Bucketed series of finished runs, kept in memory: their points never change (a worker writes
 * only runs it owns while they are running, and nothing rewrites a finished run's points), so an
 * answer computed once is exact for good. Dashboards re-read the same finished runs all day (run
 * pages, compare views of up to 100 runs), and each read otherwise re-buckets ~10,000 rows per
 * key. Running runs are never cached. Bounded by buckets held (least recently used out first);
 * each API process has its own, and none needs invalidating.
 */
export function createSeriesCache(maxBuckets = 500_000) {
  const entries = new Map<string, Series[]>(); // insertion order = recency
  let held = 0;
  const size = (series: readonly Series[]) => series.reduce((n, s) => n + s.buckets.length + 1, 0);

  return {
    /** The cached answer, or a fresh one from `read` (cached when the run is finished). */
    async get<S extends Series>(run: RunRow, args: unknown, read: () => Promise<S[]>): Promise<S[]> {
      if (!FINISHED.has(run.status)) return read();
      const key = `${run.id} ${JSON.stringify(args)}`;
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
