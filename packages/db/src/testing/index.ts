import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type DbHandle } from "../client.ts";
import { runMigrations } from "../migrate.ts";
import "./provided-context.ts";

/**
 * A fresh, migrated database on the test run's PostgreSQL server (see global-setup.ts), so test
 * files never see each other's rows. `adminUrl` is the server's maintenance database URL.
 */
export async function createTestDatabase(adminUrl: string): Promise<DbHandle & { drop(): Promise<void> }> {
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = createDb(url.toString(), { max: 5 });
  await runMigrations(handle.db);
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
