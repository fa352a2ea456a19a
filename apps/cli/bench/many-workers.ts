/**
 * Many workers (not a test; src/many-workers.test.ts is the 20-run version): RUNS tiny runs over
 * WORKERS real `grokscope worker` processes on a throw-away embedded PostgreSQL. Prints how long
 * the queue took, runs per worker, and the exactly-once checks (starts per run, distinct steps).
 *   npx tsx bench/many-workers.ts        (from apps/cli; RUNS=50 WORKERS=4 by default)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDb, requestCancel, runMigrations, startEmbeddedPostgres } from "@grokscope/db";
import { enqueue, isFinished, spawnWorkers, startsPerRun, stopWorkers, TINY, waitForRun, type WorkerProcess } from "../src/testing/worker-fleet.ts";

const RUNS = Number(process.env.RUNS ?? 50);
const WORKERS = Number(process.env.WORKERS ?? 4);

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "grokscope-fleet-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
  const handle = createDb(server.url, { max: 4 });
  let workers: WorkerProcess[] = [];
  try {
    await runMigrations(handle.db);
    workers = spawnWorkers(WORKERS, server.url);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await enqueue(handle.db, `tiny-${i}`, { ...TINY, seed: i }));
    const t0 = Date.now();
    for (const r of runs) await waitForRun(handle.db, r.id, isFinished, 600_000);
    const wall = (Date.now() - t0) / 1000;

    const rows = (
      await handle.db.execute<{ status: string; worker_id: string; points: number; distinct_steps: number }>(sql`
      SELECT r.status, r.worker_id, count(m.step)::int AS points, count(DISTINCT (m.seed, m.step))::int AS distinct_steps
      FROM runs r LEFT JOIN metric_points_all m ON m.run_num = r.num GROUP BY r.id`)
    ).rows;
    const starts = startsPerRun(workers);
    const perWorker = new Map<string, number>();
    for (const r of rows) perWorker.set(r.worker_id, (perWorker.get(r.worker_id) ?? 0) + 1);
    const expectedPoints = Math.floor(TINY.steps! / TINY.evalEvery!) + 1;

    // Cancel latency: a long run on the now idle fleet.
    const long = await enqueue(handle.db, "long", { ...TINY, steps: 500_000, evalEvery: 10 });
    await waitForRun(handle.db, long.id, (r) => r.status === "running" && r.stepsDone > 0, 60_000);
    const asked = Date.now();
    await requestCancel(handle.db, long.id);
    const cancelled = await waitForRun(handle.db, long.id, isFinished, 30_000);
    const cancelMs = Date.now() - asked;

    console.log(`runs: ${RUNS} tiny (${JSON.stringify(TINY)}) over ${WORKERS} worker processes`);
    console.log(`queue drained in ${wall.toFixed(1)} s (${(RUNS / wall).toFixed(2)} runs/s)`);
    console.log(`runs per worker: ${[...perWorker.values()].join(", ")}`);
    console.log(`succeeded: ${rows.filter((r) => r.status === "succeeded").length}/${RUNS}`);
    console.log(`runs started more than once: ${runs.filter((r) => starts.get(r.id) !== 1).length}`);
    console.log(`runs with missing or duplicate steps: ${rows.filter((r) => r.points !== expectedPoints || r.distinct_steps !== r.points).length}`);
    console.log(`cancel of a running run: ${cancelled.status} after ${cancelMs} ms (target ≤ 2,000 ms)`);
  } finally {
    await stopWorkers(workers);
    await handle.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
