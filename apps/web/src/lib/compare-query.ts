import { MAX_BANDED_RUNS } from "./compare-lines.ts";
import type { MetricSeries } from "./types.ts";

/**
 * The compare view loads up to MAX_COMPARE runs. One request per run would queue behind the
 * browser's six connections per host; one document for all would exceed the API's alias and cost
 * limits (apps/api/src/cost-limit.ts). So runs are fetched in batches: one document per batch,
 * each run an aliased `run(id)` field with its own id variable.
 */
export const COMPARE_BATCH = 10;

// `series` (one bucketing statement per key, parallel-array columns) rather than `metrics`: with
// 100 runs the server's time per run is what the chart waits for (e2e/bench/dashboard.ts). Beyond
// MAX_BANDED_RUNS the chart draws no min–max bands, so their columns are not fetched: half the
// answer to encode, compress, send and parse.
const runFields = (banded: boolean) => `id name status
      config { p temperature weightDecay loss lr trainFraction }
      summary { tMem tGrok }
      series(keys: $keys, buckets: $buckets) { key seed columns { toStep ${banded ? "min max " : ""}last } }`;

/** One seed's bucketed series as the API's `series { columns }` returns it (min, max only for a banded chart). */
export interface SeriesColumnsAnswer {
  key: string;
  seed: number | null;
  columns: { toStep: number[]; min?: (number | null)[]; max?: (number | null)[]; last: (number | null)[] };
}

/** Columns → the point lists the chart code draws: each bucket at its last step, with its min and max (the value itself when not fetched). */
export function seriesToMetrics(series: readonly SeriesColumnsAnswer[]): MetricSeries[] {
  return series.map(({ key, seed, columns: { toStep, min, max, last } }) => ({
    key,
    seed: seed ?? 0,
    points: toStep.map((step, i) => ({ step, value: last[i]!, min: (min ?? last)[i]!, max: (max ?? last)[i]! })),
  }));
}

export interface CompareBatch {
  query: string;
  variables: Record<string, unknown>;
  /** Alias of each run in the answer, in the order of `ids`. */
  aliases: string[];
}

/** Splits ids into batches of `size` and builds each batch's document and variables. */
export function compareBatches(ids: readonly string[], metric: string, buckets: number, size = COMPARE_BATCH): CompareBatch[] {
  const batches: CompareBatch[] = [];
  for (let start = 0; start < ids.length; start += size) {
    const chunk = ids.slice(start, start + size);
    const aliases = chunk.map((_, i) => `r${i}`);
    const params = chunk.map((_, i) => `$id${i}: ID!`).join(", ");
    const fields = chunk.map((_, i) => `r${i}: run(id: $id${i}) { ${runFields(ids.length <= MAX_BANDED_RUNS)} }`).join("\n    ");
    const variables: Record<string, unknown> = { keys: [metric], buckets };
    chunk.forEach((id, i) => (variables[`id${i}`] = id));
    batches.push({ query: `query CompareRuns(${params}, $keys: [String!]!, $buckets: Int) {\n    ${fields}\n  }`, variables, aliases });
  }
  return batches;
}
