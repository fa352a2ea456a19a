import { and, count, eq, getTableColumns, gt, isNull, lt, or, sql, type Column, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { runs, type RunRow } from "../schema/runs.ts";
import { runFilterSql, type RunFilter } from "./run-filter.ts";

export const RUN_ORDER_FIELDS = ["CREATED_AT", "T_GROK", "T_MEM", "P", "TEMPERATURE", "WEIGHT_DECAY", "NAME", "FINAL_TEST_ACC", "DELAY", "CLAMP_RHO", "SEEDS_GROKKED"] as const;
export type RunOrderField = (typeof RUN_ORDER_FIELDS)[number];
export interface RunOrder {
  field: RunOrderField;
  direction: "ASC" | "DESC";
}
/** Newest first, as the dashboard has always listed runs. */
export const DEFAULT_RUN_ORDER: RunOrder = { field: "CREATED_AT", direction: "DESC" };

/**
 * How each sort key travels in a cursor: as the text PostgreSQL prints for it, which is exact
 * (shortest round-trip floats; timestamps with microseconds and their offset, which a JS Date
 * would drop, skipping rows), and casts back to the column's type. The key is read as the raw
 * column — node-postgres parses numbers from that exact text, and drizzle hands timestamptz
 * through as text — rather than as `column::text`, which PostgreSQL would compute for every
 * matching row before sorting, not just for the page. `valid` screens tampered cursors.
 */
interface SortKey {
  column: Column;
  /** A NOT NULL column orders without NULLS LAST, so a DESC listing can walk its index (see listRuns). */
  notNull?: boolean;
  cast: (key: string) => SQL;
  valid: (key: string) => boolean;
}
const INT = /^-?\d{1,10}$/;
// PostgreSQL prints non-finite floats as NaN / Infinity (a diverged run can record them).
const FLOAT = /^(-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?|NaN|-?Infinity)$/i;
// As PostgreSQL prints a timestamptz: "2026-11-29 09:40:14.123456+00" (fraction and minutes of the offset optional).
const TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
// Cursors issued before keys were read raw: UTC without an offset.
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const integerKey = (column: Column): SortKey => ({ column, cast: (k) => sql`${k}::integer`, valid: (k) => INT.test(k) });
const floatKey = (column: Column, type: SQL): SortKey => ({ column, cast: (k) => sql`${k}::${type}`, valid: (k) => FLOAT.test(k) });

const SORT_KEYS: Record<RunOrderField, SortKey> = {
  CREATED_AT: {
    column: runs.createdAt,
    notNull: true,
    cast: (k) => (UTC_TIMESTAMP.test(k) ? sql`(${k}::timestamp AT TIME ZONE 'UTC')` : sql`${k}::timestamptz`),
    valid: (k) => TIMESTAMPTZ.test(k) || UTC_TIMESTAMP.test(k),
  },
  T_GROK: integerKey(runs.tGrok),
  T_MEM: integerKey(runs.tMem),
  P: integerKey(runs.p),
  TEMPERATURE: floatKey(runs.temperature, sql`double precision`),
  WEIGHT_DECAY: floatKey(runs.weightDecay, sql`double precision`),
  FINAL_TEST_ACC: floatKey(runs.finalTestAcc, sql`real`),
  DELAY: integerKey(runs.delay),
  CLAMP_RHO: floatKey(runs.clampRho, sql`double precision`),
  SEEDS_GROKKED: { ...integerKey(runs.seedsGrokked), notNull: true },
  NAME: { column: runs.name, notNull: true, cast: (k) => sql`${k}::text`, valid: () => true },
};

/** Whether a cursor's key could have come from this order (tampered keys are refused, not cast). */
export const isValidSortKey = (field: RunOrderField, key: string | null) => key === null || SORT_KEYS[field].valid(key);

/** Position of a row in a listing: its sort key as text (null sorts last) and its id. */
export interface RunPosition {
  key: string | null;
  id: string;
}

export interface RunsPage {
  rows: RunRow[];
  /** Where each row sits in the order, for cursors (parallel to rows). */
  positions: RunPosition[];
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * Rows after `after` in (key, id) order, nulls last in either direction. The id breaks ties so
 * the order is total and keyset pages never skip or repeat a row.
 */
function afterCondition(sortKey: SortKey, direction: RunOrder["direction"], after: RunPosition): SQL {
  const beyond = direction === "ASC" ? gt : lt;
  const { column } = sortKey;
  if (after.key === null) return and(isNull(column), beyond(runs.id, after.id))!;
  const key = sortKey.cast(after.key);
  return or(beyond(column, key), and(eq(column, key), beyond(runs.id, after.id)), isNull(column))!;
}

export async function listRuns(
  db: Db,
  options: { first: number; filter?: RunFilter; order?: RunOrder; after?: RunPosition; withTotal?: boolean },
): Promise<RunsPage> {
  const order = options.order ?? DEFAULT_RUN_ORDER;
  const sortKey = SORT_KEYS[order.field];
  const filter = runFilterSql(db, options.filter);
  const where = options.after ? and(filter, afterCondition(sortKey, order.direction, options.after)) : filter;
  const dir = order.direction === "ASC" ? sql`ASC` : sql`DESC`;
  // The page and the total are independent: asked together, they cost one round trip, not two.
  const total = options.withTotal === false ? Promise.resolve(-1) : db.select({ n: count() }).from(runs).where(filter).then(([t]) => Number(t?.n ?? 0));
  const pageQuery = db
    .select({ ...getTableColumns(runs), sortKey: sql<string | number | null>`${sortKey.column}`.as("sort_key") })
    .from(runs)
    .where(where)
    // "DESC NULLS LAST" matches no index (DESC puts nulls first); for a NOT NULL column it means
    // plain DESC, which the (created_at DESC, id DESC) index serves without sorting every run.
    .orderBy(sortKey.notNull ? sql`${sortKey.column} ${dir}` : sql`${sortKey.column} ${dir} NULLS LAST`, sql`${runs.id} ${dir}`)
    .limit(options.first + 1);
  // Promise.all, so a failure of either is one rejection the caller sees (never an unhandled one).
  const [found, totalCount] = await Promise.all([pageQuery, total]);
  const page = found.slice(0, options.first);
  const rows = page.map(({ sortKey: _key, ...row }) => row as RunRow);
  // String() of a parsed number is the shortest round-trip text, as PostgreSQL prints it.
  const positions = page.map((r) => ({ key: r.sortKey === null ? null : String(r.sortKey), id: r.id }));
  return { rows, positions, hasNextPage: found.length > options.first, totalCount };
}
