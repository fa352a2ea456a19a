import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { requestCancel } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { enqueue, isFinished, spawnWorkers, startsPerRun, stopWorkers, TINY, waitForRun, type WorkerProcess } from "./testing/worker-fleet.ts";

// Tiny runs over 4 real worker processes: claims must never overlap (SKIP LOCKED). 20 runs keep
// this file under a minute on a loaded 2-core machine; bench/many-workers.ts runs 50.
const RUNS = 20;
let t: Awaited<ReturnType<typeof createTestDatabase>>;
let workers: WorkerProcess[] = [];
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  workers = spawnWorkers(4, t.url);
});
afterAll(async () => {
  await stopWorkers(workers);
  await t?.drop();
});

describe("4 worker processes sharing one queue", () => {
  it("train each of 20 tiny runs exactly once, all succeed, every step written once", async () => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await enqueue(t.db, `tiny-${i}`, { ...TINY, seed: i }));
    for (const r of runs) await waitForRun(t.db, r.id, isFinished, 50_000);

    const rows = await t.db.execute<{ id: string; status: string; error: string | null; worker_id: string; points: number; distinct_steps: number; max_step: number }>(sql`
      SELECT r.id, r.status, r.error, r.worker_id, count(m.step)::int AS points, count(DISTINCT (m.seed, m.step))::int AS distinct_steps,
             coalesce(max(m.step), -1)::int AS max_step
      FROM runs r LEFT JOIN metric_points_all m ON m.run_num = r.num WHERE r.name LIKE 'tiny-%' GROUP BY r.id`);
    expect(rows.rows).toHaveLength(RUNS);
    // 20 steps, evaluated every 5 → steps 0, 5, …, 20.
    for (const r of rows.rows) expect({ error: r.error, status: r.status, points: r.points, distinct: r.distinct_steps, max: r.max_step }).toEqual({ error: null, status: "succeeded", points: 5, distinct: 5, max: 20 });
    // Each run announced by exactly one worker, once: no run was trained twice.
    const starts = startsPerRun(workers);
    for (const r of runs) expect({ run: r.id, starts: starts.get(r.id) }).toEqual({ run: r.id, starts: 1 });
    const workerIds = new Set(rows.rows.map((r) => r.worker_id));
    expect(workerIds.size).toBeGreaterThan(1); // the work was actually shared
    expect(workerIds.size).toBeLessThanOrEqual(4);
  });

  // The target is 2 s (bench/many-workers.ts measures it: ~0.5 s here); the test allows twice that
  // so a loaded CI machine does not flake, and still fails if cancel waits for anything periodic.
  it("a cancel reaches the worker training the run and the run is cancelled within 2 × 2 s", async () => {
    const run = await enqueue(t.db, "long", { ...TINY, steps: 500_000, evalEvery: 10 });
    await waitForRun(t.db, run.id, (r) => r.status === "running" && r.stepsDone > 0, 30_000);
    const asked = Date.now();
    await requestCancel(t.db, run.id);
    const done = await waitForRun(t.db, run.id, isFinished, 10_000);
    const ms = Date.now() - asked;
    expect(done.status).toBe("cancelled");
    expect(ms).toBeLessThanOrEqual(4_000);
  });
});
