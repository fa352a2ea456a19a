import { sql, type SQL } from "drizzle-orm";
import type { MetricKey } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runNumSql } from "./run-num.ts";

/** Steps (int4) or values (float4, or float8 after a merge) as they were decoded, unwidened. */
type Numbers = Int32Array | Float32Array | Float64Array;

/** A key's recorded points of one seed: ascending steps and their values, index by index. */
export interface KeyPoints {
  steps: Numbers;
  values: Numbers;
}

/** One seed's points within a step range, as series.ts buckets them. */
export interface SeedSeries {
  seed: number;
  /** Every evaluation step of the seed in the range, whichever keys it recorded. */
  steps: Numbers;
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
 * an ended run costs a detoast of a few arrays and no per-point work in SQL (its steps, when evenly
 * spaced as they usually are, not even sent: see step_stride in drizzle/0006). Normally a run is in
 * exactly one of the two; should both hold a seed, the rows win on a step both hold, as in the
 * database's own merge (compact_run_points).
 *
 * The binary forms travel as base64 text: bytea's hex text is 2 characters per byte to write,
 * send and parse, base64 1.33 (for 100 runs of 10,000 points, ~1 ms less per run on each side).
 * node-postgres' binary result mode would avoid text altogether, but its parser reads every field
 * as a UTF-8 string first, which mangles arbitrary bytes.
 */
export async function readSeedSeries(db: Db, runId: string, options: SeedSeriesOptions): Promise<SeedSeries[]> {
  const { keys, fromStep, toStep } = options;
  const seedFilter = options.seeds ? sql`AND seed = ANY(${sql.param([...options.seeds])}::smallint[])` : sql``;
  const base64 = (array: SQL) => sql`encode(array_send(${array}), 'base64')`;
  const arrayColumns = keys.map((key, i) => sql`, ${base64(sql`${sql.identifier(key)}`)} AS ${sql.identifier(`v${i}`)}`);
  const rowColumns = keys.map((key, i) => sql`, ${base64(sql`array_agg(${sql.identifier(key)} ORDER BY step)`)} AS ${sql.identifier(`v${i}`)}`);
  const result = await db.execute<Record<string, string | null> & SeedRow>(sql`
    WITH run AS (SELECT ${runNumSql(runId)} AS num)
    -- Evenly spaced steps are not shipped: first step, count and stride rebuild them.
    SELECT seed, false AS live, CASE WHEN step_stride IS NULL THEN ${base64(sql`steps`)} END AS steps,
      steps[1] AS first_step, cardinality(steps) AS step_count, step_stride ${sql.join(arrayColumns, sql``)}
    FROM metric_arrays WHERE run_num = (SELECT num FROM run) ${seedFilter}
    UNION ALL
    -- seed uncast: grouping by the key's own columns lets the index scan feed the ordered aggregates presorted
    SELECT seed, true, ${base64(sql`array_agg(step ORDER BY step)`)}, NULL, NULL, NULL ${sql.join(rowColumns, sql``)}
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

/** One answer row: a seed's steps (or how to rebuild them) and, as v0, v1, …, its values per key. */
interface SeedRow {
  seed: number;
  live: boolean;
  steps: string | null;
  first_step: number | null;
  step_count: number | null;
  step_stride: number | null;
}

/** A seed's points as read: steps, and per key its values and where it was recorded (absent: everywhere). */
interface PointTable {
  steps: Numbers;
  columns: Column[];
}
interface Column {
  values: Numbers;
  present?: Uint8Array;
}

function readRow(row: SeedRow & Record<string, unknown>, keyCount: number, range?: [number, number]): PointTable {
  const steps = row.steps !== null ? decodeArray(Buffer.from(row.steps, "base64"), "int4").values : evenSteps(row.first_step!, row.step_count!, row.step_stride!);
  // An ended run's arrays hold all its steps; keep those in the range (steps ascend).
  const [start, end] = range ? [lowerBound(steps, range[0]), lowerBound(steps, range[1] + 1)] : [0, steps.length];
  const columns = Array.from({ length: keyCount }, (_, i): Column => {
    const packed = row[`v${i}`] as string | null;
    if (!packed) return { values: new Float32Array(end - start), present: new Uint8Array(end - start) };
    // (PostgreSQL wraps base64 lines at 76 characters; Node's decoder skips the newlines.)
    const { values, present } = decodeArray(Buffer.from(packed, "base64"), "float4");
    return { values: values.subarray(start, end), present: present?.subarray(start, end) };
  });
  return { steps: steps.subarray(start, end), columns };
}

function evenSteps(first: number, count: number, stride: number): Int32Array {
  const steps = new Int32Array(count);
  for (let i = 0; i < count; i++) steps[i] = first + i * stride;
  return steps;
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
      present: Uint8Array.from(order, ([t, k]) => t.columns[c]!.present?.[k] ?? 1),
    })),
  };
}

/** The points where a key was recorded. */
function recorded(steps: Numbers, { values, present }: Column): KeyPoints {
  if (!present) return { steps, values };
  let n = 0;
  for (let i = 0; i < present.length; i++) n += present[i]!;
  if (n === steps.length) return { steps, values };
  const out = { steps: new Int32Array(n), values: new Float64Array(n) };
  for (let i = 0, k = 0; i < steps.length; i++) {
    if (!present[i]) continue;
    out.steps[k] = steps[i]!;
    out.values[k++] = values[i]!;
  }
  return out;
}

/** First index whose step is ≥ `step`. */
function lowerBound(steps: Numbers, step: number): number {
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
 * then per element its byte length (-1 for NULL) and its big-endian bytes. Values come back in
 * their own width (Int32Array, Float32Array: a series read allocates half what doubles would, and
 * garbage collection was a fifth of its time); `present` marks the non-NULL ones, only when the
 * array has NULLs.
 */
export function decodeArray<E extends "int4" | "float4">(bytes: Buffer, element: E): { values: E extends "int4" ? Int32Array : Float32Array; present?: Uint8Array } {
  type Values = E extends "int4" ? Int32Array : Float32Array;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dimensions = view.getInt32(0);
  const length = dimensions === 0 ? 0 : view.getInt32(12);
  if (dimensions > 1) throw new Error(`expected a one-dimensional array, got ${dimensions} dimensions`);
  const values = (element === "int4" ? new Int32Array(length) : new Float32Array(length)) as Values;
  const present = view.getInt32(4) !== 0 ? new Uint8Array(length) : undefined;
  let offset = 20;
  for (let i = 0; i < length; i++) {
    const size = view.getInt32(offset);
    offset += 4;
    if (size < 0) continue;
    values[i] = element === "int4" ? view.getInt32(offset) : view.getFloat32(offset);
    if (present) present[i] = 1;
    offset += size;
  }
  return { values, present };
}
