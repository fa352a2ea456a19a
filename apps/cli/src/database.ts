import path from "node:path";
import { createDb, runMigrations, startEmbeddedPostgres, type DbHandle } from "@grokscope/db";
import type { CliEnv } from "./env.ts";
import { processAlive, readRegistryFile } from "./registry-url.ts";

export interface Database extends DbHandle {
  /** Stops the embedded server if this process started one. */
  stopServer(): Promise<void>;
  embedded: boolean;
}

/**
 * With DATABASE_URL: the team's server, nothing started. Without: the embedded server of a
 * running `grokscope start` (its registry.json; a second server cannot open the same data
 * folder), else an embedded PostgreSQL of our own whose data lives in GROKSCOPE_DATA_DIR/pg and
 * survives restarts. Migrations run either way.
 */
export async function openDatabase(env: CliEnv, log: (msg: string) => void, alive = processAlive): Promise<Database> {
  let url = env.DATABASE_URL;
  let stopServer = async () => {};
  let embedded = !url;
  if (!url) {
    const running = await readRegistryFile(env.GROKSCOPE_DATA_DIR);
    if (running && alive(running.pid)) {
      url = running.url;
      embedded = false;
    }
  }
  if (!url) {
    const server = await startEmbeddedPostgres({ dataDir: path.join(env.GROKSCOPE_DATA_DIR, "pg"), log });
    url = server.url;
    stopServer = server.stop;
  }
  const handle = createDb(url);
  try {
    await runMigrations(handle.db);
  } catch (error) {
    await handle.close();
    await stopServer();
    throw error;
  }
  return { ...handle, stopServer, embedded };
}
