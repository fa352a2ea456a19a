import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { createServer } from "node:net";
import { createDb } from "./client.ts";
import { createTestDatabase } from "./testing/index.ts";
import { isDatabaseUnavailable } from "./unavailable.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => void (t = await createTestDatabase(inject("pgAdminUrl"))));
afterAll(async () => void (await t?.drop()));

/** A loopback port nothing listens on: connecting there is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
const failureOf = (p: Promise<unknown>) => p.then(() => expect.unreachable("the query succeeded"), (e: unknown) => e);

describe("isDatabaseUnavailable, on the errors real PostgreSQL and node-postgres raise", () => {
  it("is true for a refused connection", async () => {
    const handle = createDb(`postgres://postgres:x@127.0.0.1:${await closedPort()}/postgres`);
    try {
      expect(isDatabaseUnavailable(await failureOf(handle.db.execute(sql`SELECT 1`)))).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it("is true for the server's own shutdown codes (class 57P, class 08)", async () => {
    for (const code of ["admin_shutdown", "cannot_connect_now", "connection_failure"]) {
      const error = await failureOf(t.db.execute(sql.raw(`DO $$ BEGIN RAISE EXCEPTION 'going away' USING ERRCODE = '${code}'; END $$`)));
      expect(isDatabaseUnavailable(error), code).toBe(true);
    }
  });

  it("is false for a mistake in the query or the data, which a retry cannot fix", async () => {
    expect(isDatabaseUnavailable(await failureOf(t.db.execute(sql`SELEC 1`)))).toBe(false);
    expect(isDatabaseUnavailable(await failureOf(t.db.execute(sql`SELECT 1 / 0`)))).toBe(false);
    expect(isDatabaseUnavailable(new Error("no finished unclamped runs"))).toBe(false);
  });
});
