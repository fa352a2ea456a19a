import { sql } from "drizzle-orm";
import type { MetricKey } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runNumSql } from "./run-num.ts";

/** A key's recorded points of one seed: ascending steps and their values, index by index. */
export interface KeyPoints {
  steps: Float64Array;
  values: Float64Array;
}

/** One seed's points within a step range, as series.ts buckets them. */
export interface SeedSeries {
  seed: number;
  /** Every evaluation step of the seed in the range, whichever keys it recorded. */
  steps: Float64Array;
  /** Per requested key (same order), the points where that key was recorded. */
  keys: KeyPoints[];
}

export interface SeedSeriesOptions {
  keys: readonly MetricKey[];
  /** Only these seeds (all when omitted). */
  seeds?: readonly number[];
  fromStep: number;
  toStep: number;
}

/**
 * Reads a run's points of some keys, per seed, from both places they live: the arrays of an
 * ended run (metric_arrays) and the rows of a live one (metric_points). One statement; each side
 * comes back as PostgreSQL's binary array format (array_send), rows aggregated in step order, so
 * an ended run costs a detoast of a few arrays and no per-point work in the database. Normally a
 * run is in exactly one of the two; should both hold a seed, the rows win on a step both hold, as
 * in the database's own merge (compact_run_points).
 */
export async function readSeedSeries(db: Db, runId: string, options: SeedSeriesOptions): Promise<SeedSeries[]> {
  const { keys, fromStep, toStep } = options;
  const seedFilter = options.seeds ? sql`AND seed = ANY(${sql.param([...options.seeds])}::smallint[])` : sql``;
  const arrayColumns = keys.map((key, i) => sql`, array_send(${sql.identifier(key)}) AS ${sql.identifier(`v${i}`)}`);
  const rowColumns = keys.map((key, i) => sql`, array_send(array_agg(${sql.identifier(key)} ORDER BY step)) AS ${sql.identifier(`v${i}`)}`);
  const result = await db.execute<Record<string, Buffer | null> & { seed: number; live: boolean; steps: Buffer }>(sql`
    WITH run AS (SELECT ${runNumSql(runId)} AS num)
    SELECT seed, false AS live, array_send(steps) AS steps ${sql.join(arrayColumns, sql``)}
    FROM metric_arrays WHERE run_num = (SELECT num FROM run) ${seedFilter}
    UNION ALL
    -- seed uncast: grouping by the key's own columns lets the index scan feed the ordered aggregates presorted
    SELECT seed, true, array_send(array_agg(step ORDER BY step)) ${sql.join(rowColumns, sql``)}
    FROM metric_points WHERE run_num = (SELECT num FROM run) AND step BETWEEN ${fromStep} AND ${toStep} ${seedFilter}
    GROUP BY seed
    ORDER BY seed, live`);
  const bySeed = new Map<number, PointTable>();
  for (const row of result.rows) {
    const table = readRow(row, keys.length, row.live ? undefined : [fromStep, toStep]);
    const stored = bySeed.get(row.seed);
    bySeed.set(row.seed, stored ? mergeTables(stored, table) : table);
  }
  return [...bySeed.entries()].map(([seed, table]) => ({ seed, steps: table.steps, keys: table.columns.map((c) => recorded(table.steps, c)) }));
}

/** A seed's points as read: steps, and per key its values with a flag where it was recorded. */
interface PointTable {
  steps: Float64Array;
  columns: { values: Float64Array; present: Uint8Array }[];
}

function readRow(row: Record<string, unknown>, keyCount: number, range?: [number, number]): PointTable {
  const steps = decodeArray(row.steps as Buffer, "int4").values;
  // An ended run's arrays hold all its steps; keep those in the range (steps ascend).
  const [start, end] = range ? [lowerBound(steps, range[0]), lowerBound(steps, range[1] + 1)] : [0, steps.length];
  const columns = Array.from({ length: keyCount }, (_, i) => {
    const packed = row[`v${i}`] as Buffer | null;
    if (!packed) return { values: new Float64Array(end - start), present: new Uint8Array(end - start) };
    const { values, present } = decodeArray(packed, "float4");
    return { values: values.subarray(start, end), present: present.subarray(start, end) };
  });
  return { steps: steps.subarray(start, end), columns };
}

/** Two tables of one seed merged in step order; `b` (live rows) wins on a step both hold. */
function mergeTables(a: PointTable, b: PointTable): PointTable {
  const order: [PointTable, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.steps.length || j < b.steps.length) {
    if (j >= b.steps.length || (i < a.steps.length && a.steps[i]! < b.steps[j]!)) order.push([a, i++]);
    else {
      if (i < a.steps.length && a.steps[i] === b.steps[j]) i++;
      order.push([b, j++]);
    }
  }
  return {
    steps: Float64Array.from(order, ([t, k]) => t.steps[k]!),
    columns: a.columns.map((_, c) => ({
      values: Float64Array.from(order, ([t, k]) => t.columns[c]!.values[k]!),
      present: Uint8Array.from(order, ([t, k]) => t.columns[c]!.present[k]!),
    })),
  };
}

/** The points where a key was recorded. */
function recorded(steps: Float64Array, column: { values: Float64Array; present: Uint8Array }): KeyPoints {
  let n = 0;
  for (let i = 0; i < column.present.length; i++) n += column.present[i]!;
  if (n === steps.length) return { steps, values: column.values };
  const out = { steps: new Float64Array(n), values: new Float64Array(n) };
  for (let i = 0, k = 0; i < steps.length; i++) {
    if (!column.present[i]) continue;
    out.steps[k] = steps[i]!;
    out.values[k++] = column.values[i]!;
  }
  return out;
}

/** First index whose step is ≥ `step`. */
function lowerBound(steps: Float64Array, step: number): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid]! < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A one-dimensional int4[] or float4[] in PostgreSQL's binary array format (array_send): a
 * header (dimensions, has-nulls flag, element type, then length and lower bound per dimension),
 * then per element its byte length (-1 for NULL) and its big-endian bytes.
 */
export function decodeArray(bytes: Buffer, element: "int4" | "float4"): { values: Float64Array; present: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dimensions = view.getInt32(0);
  if (dimensions === 0) return { values: new Float64Array(0), present: new Uint8Array(0) };
  if (dimensions !== 1) throw new Error(`expected a one-dimensional array, got ${dimensions} dimensions`);
  const length = view.getInt32(12);
  const values = new Float64Array(length);
  const present = new Uint8Array(length);
  let offset = 20;
  for (let i = 0; i < length; i++) {
    const size = view.getInt32(offset);
    offset += 4;
    if (size < 0) continue;
    values[i] = element === "int4" ? view.getInt32(offset) : view.getFloat32(offset);
    present[i] = 1;
    offset += size;
  }
  return { values, present };
}
