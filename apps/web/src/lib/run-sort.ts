/**
 * Sorting of the runs table, done by the API (`runs(orderBy:)`) so that it spans every page, not
 * just the rows loaded. Kept in the URL (`sort=tGrok&dir=asc`) so a sorted table can be shared.
 * Runs without a value (no T_grok yet: censored, not zero) come last either way (API contract).
 */
const ORDER_FIELDS = {
  name: "NAME",
  p: "P",
  temperature: "TEMPERATURE",
  weightDecay: "WEIGHT_DECAY",
  testAcc: "FINAL_TEST_ACC",
  tMem: "T_MEM",
  tGrok: "T_GROK",
  delay: "DELAY",
  clampRho: "CLAMP_RHO",
  seedsGrokked: "SEEDS_GROKKED",
  created: "CREATED_AT",
} as const;
export type SortKey = keyof typeof ORDER_FIELDS;
export const SORT_KEYS = Object.keys(ORDER_FIELDS) as SortKey[];
export type SortDir = "asc" | "desc";
export interface RunSort {
  key: SortKey;
  dir: SortDir;
}

/** The API's order: newest first. */
export const DEFAULT_SORT: RunSort = { key: "created", dir: "desc" };

/** The API's RunOrder for a sort. */
export const toRunOrder = (sort: RunSort) => ({ field: ORDER_FIELDS[sort.key], direction: sort.dir === "asc" ? "ASC" : "DESC" });

export function parseRunSort(params: { get(name: string): string | null }): RunSort {
  const key = params.get("sort");
  if (key == null || !Object.hasOwn(ORDER_FIELDS, key)) return DEFAULT_SORT;
  return { key: key as SortKey, dir: params.get("dir") === "desc" ? "desc" : "asc" };
}

/** Writes the sort into `params`; the default sort leaves no trace. */
export function writeSortParams(params: URLSearchParams, sort: RunSort): void {
  params.delete("sort");
  params.delete("dir");
  if (sort.key === DEFAULT_SORT.key && sort.dir === DEFAULT_SORT.dir) return;
  params.set("sort", sort.key);
  params.set("dir", sort.dir);
}

/** Clicking a header: a new column sorts ascending, the same column flips direction. */
export const nextSort = (current: RunSort, key: SortKey): RunSort =>
  current.key === key ? { key, dir: current.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" };
