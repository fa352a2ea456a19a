/**
 * API under load (not a test): 200 concurrent loopback clients read Run.series and the runs table
 * through the real GraphQL server while 4 real worker processes train and write metrics into the
 * same PostgreSQL. Bounded in time: DURATION seconds of load (autocannon's `amount` would override
 * the duration, so it is not used), and the whole script exits after DURATION + 3 minutes.
 *   npx tsx bench/load.ts            (from apps/api; DURATION=20 CONNECTIONS=200 by default)
 * Targets: 0 errors, 0 non-2xx, p99 ≤ 200 ms.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon, { type Result } from "autocannon";
import { sql } from "drizzle-orm";
import { createDb, createRun, runMigrations, startEmbeddedPostgres } from "@grokscope/db";
import { parseRunConfig } from "@grokscope/spec";
import { createApiServer } from "../src/server.ts";
import { fillRuns, ingest } from "./fill.ts";

const DURATION = Number(process.env.DURATION ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 200);
const WORKERS = Number(process.env.WORKERS ?? 4);
/** Requests per second from each client in the "dashboards" model. */
const RATE = Number(process.env.RATE ?? 2);
// The CLI's worker entry, spawned as a process (the API itself never imports the trainer).
const CLI = fileURLToPath(new URL("../../cli/src/main.ts", import.meta.url));
const log = (msg: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function main() {
  setTimeout(() => (console.error("bench overran its time bound"), process.exit(2)), (2 * DURATION + 180) * 1_000).unref();
  const dir = await mkdtemp(path.join(tmpdir(), "grokscope-load-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
  const handle = createDb(server.url, { max: 20, applicationName: "grokscope-load" });
  const workers: ReturnType<typeof spawn>[] = [];
  try {
    await runMigrations(handle.db);
    log("filling 1,000 runs; 5 of them with 10,000 evaluations to read as series");
    await fillRuns(handle.db, 1_000);
    const long = (await handle.db.execute<{ id: string }>(sql`SELECT id FROM runs ORDER BY name LIMIT 5`)).rows.map((r) => r.id);
    await ingest(handle.db, long, 10_000, 1_000);
    // Finished runs the team browses while the workers write others (their series answers are
    // then kept by the API, series-cache.ts; BYPASS_CACHE=1 keeps them "running" to measure without).
    if (!process.env.BYPASS_CACHE) await handle.db.execute(sql`UPDATE runs SET status = 'succeeded', finished_at = now() WHERE id = ANY(${sql.param(long)}::uuid[])`);
    await handle.db.execute(sql`VACUUM ANALYZE`);

    // Writers: 4 workers training long runs for the whole bench.
    for (let i = 0; i < WORKERS; i++) {
      const parsed = parseRunConfig({ p: 13, steps: 1_000_000, evalEvery: 10, embedDim: 16, hiddenDim: 32, backend: "cpu", seed: i });
      if (!parsed.ok) throw new Error("bad config");
      await createRun(handle.db, { name: `load-writer-${i}`, config: parsed.config });
      workers.push(spawn(process.execPath, ["--import", "tsx", CLI, "worker"], { env: { ...process.env, DATABASE_URL: server.url }, stdio: "ignore" }));
    }
    const api = await createApiServer({ db: handle.db, databaseUrl: server.url, port: 0, host: "127.0.0.1" });
    const writing = async () => Number((await handle.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM runs WHERE name LIKE 'load-writer-%' AND status = 'running' AND steps_done > 0`)).rows[0]!.n);
    for (const deadline = Date.now() + 90_000; (await writing()) < WORKERS && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 500));
    log(`${await writing()} workers writing; ${CONNECTIONS} clients for ${DURATION} s`);

    const post = (query: string, variables: Record<string, unknown>) => ({ method: "POST", path: "/graphql", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    const series = `query($id: ID!) { run(id: $id) { series(keys: ["test_loss", "train_acc"], seeds: [0], buckets: 500) { raw columns { toStep min max last } } } }`;
    const table = `{ runs(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount edges { node { id name status progress { stepsDone } tags summary { tGrok } } } } }`;
    // Unloaded baseline, and proof that both documents are valid before hammering them.
    for (const [name, req] of [["series", post(series, { id: long[0] })], ["table", post(table, {})]] as const) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const res = await fetch(api.url, { method: "POST", headers: req.headers, body: req.body });
        const text = await res.text();
        times.push(performance.now() - t0);
        if (res.status !== 200 || text.includes('"errors"')) throw new Error(`${name} query failed: HTTP ${res.status} ${text.slice(0, 300)}`);
      }
      log(`${name}: one client, unloaded, median ${times.sort((a, b) => a - b)[2]!.toFixed(1)} ms`);
    }
    const half = Math.floor(CONNECTIONS / 2);
    const pointsNow = async () => Number((await handle.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM metric_points`)).rows[0]!.n);
    const header = `${"scenario".padEnd(30)} ${"requests".padStart(8)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"max ms".padStart(7)} ${"errors".padStart(6)} ${"timeouts".padStart(8)} ${"non-2xx".padStart(7)}`;
    const row = (name: string, r: Result) =>
      `${name.padEnd(30)} ${String(r.requests.total).padStart(8)} ${(r.requests.total / r.duration).toFixed(0).padStart(7)} ${r.latency.p50.toFixed(0).padStart(7)} ${r.latency.p99.toFixed(0).padStart(7)} ${r.latency.max.toFixed(0).padStart(7)} ${String(r.errors).padStart(6)} ${String(r.timeouts).padStart(8)} ${String(r.non2xx).padStart(7)}`;
    const lines: string[] = [header];
    const verdicts: string[] = [];
    /**
     * Two client models. "dashboards": each client asks RATE times a second, the way an open
     * dashboard refetches (the runs table at most once a second after a runsChanged push, a run
     * page every 300 ms while its run changes); latencies are corrected for coordinated omission.
     * "saturation": each client asks again the moment it has its answer, which measures capacity.
     */
    for (const [model, rate] of [["dashboards", RATE], ["saturation", undefined]] as const) {
      const run = (connections: number, requests: ReturnType<typeof post>[]) =>
        // workers: 1 puts the clients on their own thread; on the API's event loop they would halve its capacity.
        autocannon({ url: api.url.replace(/\/graphql$/, ""), connections, duration: DURATION, timeout: 10, requests, workers: 1, ...(rate ? { connectionRate: rate } : {}) });
      const before = await pointsNow();
      const [s, t] = await Promise.all([run(half, long.map((id) => post(series, { id }))), run(CONNECTIONS - half, [post(table, {})])]);
      const written = (await pointsNow()) - before;
      const label = rate ? `${model}, ${rate}/s each` : model;
      lines.push(row(`${label}: Run.series (${half})`, s), row(`${label}: runs table (${CONNECTIONS - half})`, t));
      lines.push(`  workers wrote ${written.toLocaleString("en")} metric points meanwhile (${(written / DURATION).toFixed(0)}/s)`);
      const p99 = Math.max(s.latency.p99, t.latency.p99);
      const errors = s.errors + t.errors + s.timeouts + t.timeouts + s.non2xx + t.non2xx;
      verdicts.push(`${model}: errors+timeouts+non-2xx = 0 → ${errors === 0 ? "ok" : `MISSED (${errors})`}; p99 ≤ 200 ms → ${p99 <= 200 ? "ok" : `MISSED (${p99} ms)`}`);
    }

    // A sanity read: the load did not trade correctness for speed (a 200 can carry GraphQL errors).
    const check = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: post(table, {}).body });
    const checkBody = (await check.json()) as { errors?: unknown[] };
    if (checkBody.errors) log(`post-load errors: ${JSON.stringify(checkBody.errors).slice(0, 300)}`);
    console.log(`\n${lines.join("\n")}`);
    console.log(`\npost-load query: HTTP ${check.status}, ${checkBody.errors ? "GraphQL errors!" : "no GraphQL errors"}`);
    console.log(`targets: ${verdicts.join("\n         ")}`);
    await api.close();
  } finally {
    for (const w of workers) w.kill("SIGTERM");
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once("exit", r)))));
    await handle.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
