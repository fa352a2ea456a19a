import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema/index.ts";

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

/** One pool per process; every query in packages/db takes the `Db` it returns. */
export function createDb(url: string, options: { max?: number; applicationName?: string } = {}): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "grokscope",
    connectionTimeoutMillis: 10_000,
  });
  // A client losing its server (restart, network) must not crash the process: an idle one is
  // dropped by the pool, a checked-out one fails its query, and the next query reconnects.
  pool.on("error", () => {});
  pool.on("connect", (client) => void client.on("error", () => {}));
  const db = drizzle(pool, { schema, casing: "snake_case" }) as Db;
  return { db, pool, url, close: () => pool.end() };
}
