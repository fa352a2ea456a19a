import { listTagsOfRuns, type Db } from "@grokscope/db";
import { createBatchLoader } from "./batch-loader.ts";
import type { RunChangeHub } from "./run-changes.ts";

/** What every resolver receives: the database, the live-change hub and per-request loaders. No SQL here. */
export interface ApiContext {
  db: Db;
  changes: RunChangeHub;
  loadTags: (runId: string) => Promise<string[]>;
}

/** A fresh context per request or subscription, so loader batches never outlive it. */
export const createContext = (db: Db, changes: RunChangeHub): ApiContext => ({
  db,
  changes,
  loadTags: createBatchLoader((ids) => listTagsOfRuns(db, ids), () => []),
});
