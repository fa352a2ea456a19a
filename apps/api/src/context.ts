import type { Db } from "@grokscope/db";
import type { RunChangeHub } from "./run-changes.ts";

/** What every resolver receives: the database and the live-change hub. No SQL here. */
export interface ApiContext {
  db: Db;
  changes: RunChangeHub;
}
