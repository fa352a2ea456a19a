import { listTagsOfRuns, type AuthUser, type Db } from "@grokscope/db";
import type { Caller } from "./auth/caller.ts";
import { createBatchLoader } from "./batch-loader.ts";
import type { RunChangeHub } from "./run-changes.ts";
import { createSeriesCache, type SeriesCache } from "./series-cache.ts";

/** What every resolver receives: the database, the live-change hub and per-request loaders. No SQL here. */
export interface ApiContext {
  db: Db;
  changes: RunChangeHub;
  loadTags: (runId: string) => Promise<string[]>;
  /** Who is calling (checked by auth/guard.ts before any root resolver runs). */
  caller: Caller;
  /** The caller's user, e.g. `user.name` as the author of a run or annotation; null when anonymous. */
  user: AuthUser | null;
  /** Bucketed series of finished runs, shared by every request of this server (series-cache.ts). */
  seriesCache: SeriesCache;
}

const NO_SERIES_CACHE = createSeriesCache(0);
const ANONYMOUS: Caller = { user: null, invalidCredentials: false };

/** A fresh context per request or subscription, so loader batches never outlive it. */
export const createContext = (db: Db, changes: RunChangeHub, caller: Caller = ANONYMOUS, seriesCache: SeriesCache = NO_SERIES_CACHE): ApiContext => ({
  db,
  changes,
  loadTags: createBatchLoader((ids) => listTagsOfRuns(db, ids), () => []),
  caller,
  user: caller.user,
  seriesCache,
});
