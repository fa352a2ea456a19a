import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, findFreePort, type DbHandle } from "@grokscope/db";
import { createApiServer, type ApiServer } from "./server.ts";

// A database that is not there at all (nothing listens on the port): the cheapest stand-in for
// an outage. db-restart.test.ts in apps/cli covers a real stop and restart under load.
let handle: DbHandle;
let api: ApiServer;
beforeAll(async () => {
  const url = `postgres://postgres:not-the-password@127.0.0.1:${await findFreePort()}/grokscope`;
  handle = createDb(url, { max: 2 });
  api = await createApiServer({ db: handle.db, databaseUrl: url, port: 0, host: "127.0.0.1", log: () => {} });
});
afterAll(async () => {
  await api?.close();
  await handle?.close();
});

describe("API with its database unreachable", () => {
  it.each([
    ["a query (the caller is resolved from the database)", `{ runs { totalCount } }`, {}],
    ["a query with a token", `{ runs { totalCount } }`, { authorization: `Bearer gsk_${"A".repeat(43)}` }],
    ["a mutation", `mutation { createRun(input: { config: { p: 13 } }) { id } }`, {}],
  ])("answers %s with 503 SERVICE_UNAVAILABLE, never a 500 or a leaked detail", async (_what, query, headers) => {
    const res = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(JSON.parse(text).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|not-the-password|at /);
  });

  it("answers the plain HTTP routes with a coded 503 too", async () => {
    const base = api.url.replace(/\/graphql$/, "");
    const res = await fetch(`${base}/auth/me`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("SERVICE_UNAVAILABLE");
  });
});
