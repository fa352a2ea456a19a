import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createDb, findFreePort, requestCancel, runMigrations, startEmbeddedPostgres, type DbHandle, type EmbeddedServer } from "@grokscope/db";
import { createApiServer, type ApiServer } from "@grokscope/api";
import { enqueue, isFinished, spawnWorkers, stopWorkers, TINY, waitForRun, type WorkerProcess } from "./testing/worker-fleet.ts";

// A server of its own: stopping the shared test server would break every other test file.
let dir: string;
let port: number;
let server: EmbeddedServer | undefined;
let handle: DbHandle;
let api: ApiServer;
let workers: WorkerProcess[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "grokscope-restart-"));
  port = await findFreePort();
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port });
  handle = createDb(server.url, { max: 4 });
  await runMigrations(handle.db);
  api = await createApiServer({ db: handle.db, databaseUrl: server.url, port: 0, host: "127.0.0.1", log: () => {} });
  workers = spawnWorkers(4, server.url);
});
afterAll(async () => {
  await stopWorkers(workers);
  await api?.close();
  await handle?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const gql = async (query: string) => {
  const res = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
};
const maxStep = async (runId: string) =>
  Number((await handle.db.execute<{ s: number }>(sql`SELECT coalesce(max(step), -1)::int AS s FROM run_metric_points WHERE run_id = ${runId}`)).rows[0]!.s);

describe("PostgreSQL stopped and restarted under 4 training workers", () => {
  it("workers reconnect and carry on; every evaluation step is written exactly once; the API answers coded errors, then recovers", async () => {
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push(await enqueue(handle.db, `restart-${i}`, { ...TINY, steps: 500_000, evalEvery: 10, seed: i }));
    for (const r of runs) await waitForRun(handle.db, r.id, (x) => x.status === "running" && x.stepsDone >= 30, 40_000);
    const before = await Promise.all(runs.map((r) => maxStep(r.id)));

    await server!.stop();
    // While it is down: every answer is a coded GraphQL error, never an HTTP 500.
    const outage: { status: number; codes: (string | undefined)[] }[] = [];
    const downUntil = Date.now() + 3_000;
    while (Date.now() < downUntil) {
      const { status, body } = await gql(`{ runs(first: 5) { totalCount } }`);
      outage.push({ status, codes: (body.errors ?? []).map((e) => e.extensions?.code) });
      await new Promise((r) => setTimeout(r, 250));
    }
    server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port });

    expect(outage.length).toBeGreaterThan(3);
    for (const o of outage) {
      expect(o.status).not.toBe(500);
      expect(o.codes.length).toBeGreaterThan(0);
      expect(o.codes.every((c) => typeof c === "string" && c !== "INTERNAL_SERVER_ERROR")).toBe(true);
    }
    // Same API process, no restart: it answers again once the database is back.
    const recoverBy = Date.now() + 15_000;
    let answer = await gql(`{ runs(first: 5) { totalCount } }`);
    while (answer.body.errors && Date.now() < recoverBy) {
      await new Promise((r) => setTimeout(r, 250));
      answer = await gql(`{ runs(first: 5) { totalCount } }`);
    }
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.runs.totalCount).toBe(4);

    // Training went on: each run gets well past where it was, still owned by its worker.
    for (const [i, r] of runs.entries()) {
      const deadline = Date.now() + 30_000;
      while ((await maxStep(r.id)) < before[i]! + 100) {
        if (Date.now() > deadline) throw new Error(`run ${r.id} did not progress after the restart`);
        await new Promise((res) => setTimeout(res, 200));
      }
    }
    for (const r of runs) await requestCancel(handle.db, r.id);
    for (const r of runs) expect((await waitForRun(handle.db, r.id, isFinished, 15_000)).status).toBe("cancelled");

    // Points buffered during the outage landed exactly once: steps 0, 10, 20, … with no gap.
    for (const r of runs) {
      const steps = (await handle.db.execute<{ step: number }>(sql`SELECT step FROM run_metric_points WHERE run_id = ${r.id} ORDER BY step`)).rows.map((x) => x.step);
      expect(steps.length).toBeGreaterThan(before[0]! / 10);
      expect(steps).toEqual(Array.from({ length: steps.length }, (_, k) => k * 10));
    }
    // The workers logged the outage without ever printing the connection string's password.
    const logs = workers.map((w) => w.output.join("")).join("\n");
    expect(logs).toMatch(/write failed|database error/);
    expect(logs).not.toContain(`:${new URL(server!.url).password}@`);
  });
});
