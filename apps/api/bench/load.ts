/**
 * API under load (not a test): 200 concurrent loopback clients read Run.series and the runs table
 * through the real GraphQL server while 4 real worker processes train and write metrics into the
 * same PostgreSQL, first as dashboards (open-loop.ts), then at saturation (autocannon). Bounded in
 * time: DURATION seconds per model, and the whole script exits after 2 × DURATION + 190 s.
 *   npx tsx bench/load.ts   (from apps/api; DURATION=20 CONNECTIONS=200 RATE=2 WORKERS=4 by default;
 *                            GROKSCOPE_WORKER_NICE=0 runs the workers at the API's priority)
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
const OPEN_LOOP = fileURLToPath(new URL("./open-loop.ts", import.meta.url));

interface Stats {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
const log = (msg: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function main() {
  setTimeout(() => (console.error("bench overran its time bound"), process.exit(2)), (2 * DURATION + 190) * 1_000).unref();
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
    const pointsNow = async () => Number((await handle.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM metric_points_all`)).rows[0]!.n);
    const header = `${"scenario".padEnd(30)} ${"requests".padStart(8)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"max ms".padStart(7)} ${"errors".padStart(6)} ${"timeouts".padStart(8)} ${"non-2xx".padStart(7)}`;
    const row = (name: string, r: Stats) =>
      `${name.padEnd(30)} ${String(r.requests).padStart(8)} ${(r.requests / r.seconds).toFixed(0).padStart(7)} ${r.p50.toFixed(0).padStart(7)} ${r.p99.toFixed(0).padStart(7)} ${r.max.toFixed(0).padStart(7)} ${String(r.errors).padStart(6)} ${String(r.timeouts).padStart(8)} ${String(r.non2xx).padStart(7)}`;
    const lines: string[] = [header];
    const verdicts: string[] = [];
    /**
     * Two client models. "dashboards": each client asks RATE times a second from its own phase,
     * as open dashboards refetch (the runs table at most once a second after a runsChanged push,
     * a run page every 300 ms while its run changes), without waiting for earlier answers
     * (open-loop.ts). "saturation": each client asks again the moment it has its answer
     * (autocannon), which measures capacity.
     */
    const openLoop = (clients: number, bodies: string[]) =>
      new Promise<Stats>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", OPEN_LOOP, JSON.stringify({ url: api.url, bodies, clients, rate: RATE, seconds: DURATION })], { stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
        child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Stats) : reject(new Error(`open-loop client exited with ${code}`))));
      });
    // workers: 1 puts autocannon's clients on their own thread; on the API's event loop they would halve its capacity.
    const closedLoop = async (connections: number, requests: ReturnType<typeof post>[]): Promise<Stats> => {
      const r: Result = await autocannon({ url: api.url.replace(/\/graphql$/, ""), connections, duration: DURATION, timeout: 10, requests, workers: 1 });
      return { requests: r.requests.total, seconds: r.duration, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx };
    };
    const seriesRequests = long.map((id) => post(series, { id }));
    for (const model of ["dashboards", "saturation"] as const) {
      const before = await pointsNow();
      const [s, t] =
        model === "dashboards"
          ? await Promise.all([openLoop(half, seriesRequests.map((r) => r.body)), openLoop(CONNECTIONS - half, [post(table, {}).body])])
          : await Promise.all([closedLoop(half, seriesRequests), closedLoop(CONNECTIONS - half, [post(table, {})])]);
      const written = (await pointsNow()) - before;
      const label = model === "dashboards" ? `${model}, ${RATE}/s each` : model;
      lines.push(row(`${label}: Run.series (${half})`, s), row(`${label}: runs table (${CONNECTIONS - half})`, t));
      lines.push(`  workers wrote ${written.toLocaleString("en")} metric points meanwhile (${(written / DURATION).toFixed(0)}/s)`);
      const p99 = Math.max(s.p99, t.p99);
      const errors = s.errors + t.errors + s.timeouts + t.timeouts + s.non2xx + t.non2xx;
      verdicts.push(`${model}: errors+timeouts+non-2xx = 0 → ${errors === 0 ? "ok" : `MISSED (${errors})`}; p99 ≤ 200 ms → ${p99 <= 200 ? "ok" : `MISSED (${p99.toFixed(0)} ms)`}`);
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
