import type { RunListItem } from "./types.ts";

/**
 * Sorting of the runs table. Client-side over the loaded page only (the newest 100 runs): the API
 * has no `orderBy` on `runs` yet, so a sort cannot reach runs beyond the page. Kept in the URL
 * (`sort=tGrok&dir=asc`) so a sorted table can be shared.
 */
export const SORT_KEYS = ["name", "status", "p", "temperature", "loss", "steps", "testAcc", "tMem", "tGrok", "created"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";
export interface RunSort {
  key: SortKey;
  dir: SortDir;
}

/** The API's order: newest first. */
export const DEFAULT_SORT: RunSort = { key: "created", dir: "desc" };

const STATUS_ORDER = ["RUNNING", "QUEUED", "SUCCEEDED", "FAILED", "CANCELLED"];

const sortValue = (run: RunListItem, key: SortKey): string | number | null => {
  switch (key) {
    case "name": return run.name.toLowerCase();
    case "status": return STATUS_ORDER.indexOf(run.status);
    case "p": return run.config.p;
    case "temperature": return run.config.temperature;
    case "loss": return run.config.loss;
    case "steps": return run.progress.stepsDone;
    case "testAcc": return run.summary.finalTestAcc;
    case "tMem": return run.summary.tMem;
    case "tGrok": return run.summary.tGrok;
    case "created": return run.createdAt;
  }
};

/**
 * A sorted copy. Missing values (no T_grok yet: censored, not zero) always go last whatever the
 * direction; ties keep the API's order (Array.prototype.sort is stable).
 */
export function sortRuns(runs: readonly RunListItem[], sort: RunSort): RunListItem[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  return [...runs].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    const aMissing = va == null || (typeof va === "number" && !Number.isFinite(va));
    const bMissing = vb == null || (typeof vb === "number" && !Number.isFinite(vb));
    if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
    if (va === vb) return 0;
    return (va < vb ? -1 : 1) * sign;
  });
}

export function parseRunSort(params: { get(name: string): string | null }): RunSort {
  const key = params.get("sort");
  if (!SORT_KEYS.includes(key as SortKey)) return DEFAULT_SORT;
  return { key: key as SortKey, dir: params.get("dir") === "desc" ? "desc" : "asc" };
}

export function runSortSearch(sort: RunSort): string {
  return sort.key === DEFAULT_SORT.key && sort.dir === DEFAULT_SORT.dir ? "" : `?sort=${sort.key}&dir=${sort.dir}`;
}

/** Clicking a header: a new column sorts ascending, the same column flips direction. */
export const nextSort = (current: RunSort, key: SortKey): RunSort =>
  current.key === key ? { key, dir: current.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" };
