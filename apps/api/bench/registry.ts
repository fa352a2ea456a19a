/**
 * Registry performance bench (not a test): fills a throw-away embedded PostgreSQL with 10,000
 * runs, 200 of which carry 1 seed × 10,000 evaluations × 12 metrics written through the worker's
 * recordProgress path, then measures ingest rate, storage per value and query latency through
 * the real GraphQL server. Sizes can be shrunk for a smoke run:
 *   RUNS=500 LONG_RUNS=5 POINTS=2000 npx tsx bench/registry.ts
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDb, readBucketedSeries, runMigrations, startEmbeddedPostgres } from "@grokscope/db";
import { createApiServer } from "../src/server.ts";
import { BENCH_KEYS, fillRuns, ingest } from "./fill.ts";
import { printTable, timeIt, type Row } from "./stats.ts";

const RUNS = Number(process.env.RUNS ?? 10_000);
const LONG_RUNS = Number(process.env.LONG_RUNS ?? 200);
const POINTS = Number(process.env.POINTS ?? 10_000);
const FLUSH = Number(process.env.FLUSH ?? 1_000);
const SAMPLES = Number(process.env.SAMPLES ?? 200);

const log = (msg: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "grokscope-bench-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg") });
  const handle = createDb(server.url, { max: 4, applicationName: "grokscope-bench" });
  const rows: Row[] = [];
  try {
    await runMigrations(handle.db);
    log(`filling ${RUNS} runs`);
    await fillRuns(handle.db, RUNS);
    const long = await handle.db.execute<{ id: string }>(sql`SELECT id FROM runs ORDER BY name LIMIT ${LONG_RUNS}`);
    const longIds = long.rows.map((r) => r.id);

    log(`ingesting ${LONG_RUNS} runs × ${POINTS} points × ${BENCH_KEYS.length} metrics, ${FLUSH} points per flush`);
    const wall = Date.now();
    const cpu = process.cpuUsage();
    const seconds = await ingest(handle.db, longIds, POINTS, FLUSH);
    const clientCpu = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
    const values = LONG_RUNS * POINTS * BENCH_KEYS.length;
    const rate = values / seconds;
    rows.push({ measure: "ingest (recordProgress, 1 process)", value: `${Math.round(rate).toLocaleString("en")} values/s`, target: "≥ 500,000 values/s", ok: rate >= 500_000 });
    rows.push({ measure: "ingest wall clock incl. data generation", value: `${((Date.now() - wall) / 1000).toFixed(1)} s for ${values.toLocaleString("en")} values`, target: "-", ok: null });
    rows.push({ measure: "  of which Node CPU (generation + driver)", value: `${clientCpu.toFixed(1)} s`, target: "-", ok: null });

    // Storage of a live run: its points are rows until it ends.
    const live = await storage(handle.db, "metric_points");
    rows.push({ measure: "storage per metric value, live runs (rows + indexes)", value: `${live.perValue.toFixed(2)} B (${live.mib} MiB)`, target: "≤ 12 B", ok: live.perValue <= 12 });
    // They are finished runs of the registry now (ingest wrote them as their worker would); ending
    // them moves their rows into arrays (drizzle/0006_metric_arrays.sql), as finishRun would.
    const ending = Date.now();
    await handle.db.execute(sql`UPDATE runs SET status = 'succeeded', finished_at = now() WHERE id = ANY(${sql.param(longIds)}::uuid[])`);
    rows.push({ measure: "  ending them (rows → arrays)", value: `${((Date.now() - ending) / LONG_RUNS).toFixed(1)} ms per run`, target: "-", ok: null });
    const ended = await storage(handle.db, "metric_arrays");
    rows.push({ measure: "storage per metric value, ended runs (arrays)", value: `${ended.perValue.toFixed(2)} B (${ended.mib} MiB)`, target: "≤ 12 B", ok: ended.perValue <= 12 });

    const api = await createApiServer({ db: handle.db, databaseUrl: server.url, port: 0, host: "127.0.0.1" });
    try {
      const gql = async (query: string, variables: Record<string, unknown>) => {
        const res = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
        const body = (await res.json()) as { errors?: unknown[] };
        if (body.errors) throw new Error(JSON.stringify(body.errors));
      };
      const baseline = await timeIt(() => gql(`{ __typename }`, {}), SAMPLES);
      rows.push({ measure: "HTTP round trip of { __typename } (overhead)", value: `p95 ${baseline.p95.toFixed(1)} ms (p50 ${baseline.p50.toFixed(1)})`, target: "-", ok: null });
      const runsQuery = `query($f: RunFilter) { runs(first: 50, filter: $f, orderBy: { field: T_GROK, direction: ASC }) {
        totalCount nodes { id name status config { p temperature weightDecay } summary { tGrok tMem delay } tags } } }`;
      const filter = { p: { in: [97, 53] }, temperature: { min: 1, max: 1.5 } };
      const runsTiming = await timeIt(() => gql(runsQuery, { f: filter }), SAMPLES);
      rows.push({ measure: "runs(first: 50) p∈{97,53}, 1≤τ≤1.5, by tGrok (HTTP)", value: `p95 ${runsTiming.p95.toFixed(1)} ms (p50 ${runsTiming.p50.toFixed(1)})`, target: "p95 ≤ 50 ms", ok: runsTiming.p95 <= 50 });

      // Each sample reads another run (and the columns variant another key), so these are first
      // reads; the API keeps finished runs' answers (series-cache.ts), measured separately below.
      const seriesQuery = (key: string, selection: string) =>
        `query($id: ID!) { run(id: $id) { series(keys: ["${key}"], seeds: [0], buckets: 1000) { raw ${selection} { toStep min max mean last } } } }`;
      let i = 0;
      const seriesTiming = await timeIt(() => gql(seriesQuery("test_loss", "buckets"), { id: longIds[i++ % longIds.length] }), SAMPLES);
      rows.push({ measure: `series 1 key, ${POINTS * 10} steps → 1,000 buckets (HTTP, first read)`, value: `p95 ${seriesTiming.p95.toFixed(1)} ms (p50 ${seriesTiming.p50.toFixed(1)})`, target: "p95 ≤ 20 ms", ok: seriesTiming.p95 <= 20 });
      i = 0;
      const columnsTiming = await timeIt(() => gql(seriesQuery("train_loss", "columns"), { id: longIds[i++ % longIds.length] }), SAMPLES);
      rows.push({ measure: "  same, as parallel arrays (series.columns)", value: `p95 ${columnsTiming.p95.toFixed(1)} ms (p50 ${columnsTiming.p50.toFixed(1)})`, target: "p95 ≤ 20 ms", ok: columnsTiming.p95 <= 20 });
      i = 0;
      const repeatTiming = await timeIt(() => gql(seriesQuery("train_loss", "columns"), { id: longIds[i++ % longIds.length] }), SAMPLES);
      rows.push({ measure: "  same, read again (cached answer of a finished run)", value: `p95 ${repeatTiming.p95.toFixed(1)} ms (p50 ${repeatTiming.p50.toFixed(1)})`, target: "-", ok: null });
      i = 0;
      const sqlTiming = await timeIt(async () => {
        await readBucketedSeries(handle.db, longIds[i++ % longIds.length]!, { keys: ["test_acc"], seeds: [0], buckets: 1000, xScale: "linear" });
      }, SAMPLES);
      rows.push({ measure: "  same, readBucketedSeries only (no HTTP)", value: `p95 ${sqlTiming.p95.toFixed(1)} ms (p50 ${sqlTiming.p50.toFixed(1)})`, target: "-", ok: null });
    } finally {
      await api.close();
    }
    printTable(rows);
  } finally {
    await handle.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Bytes per metric value stored in one of the two tables, with its indexes and TOAST. Each is
 * measured while it holds every point: the rows' pages a move to arrays empties stay with
 * metric_points, for the next live runs' rows.
 */
async function storage(db: Parameters<typeof fillRuns>[0], table: "metric_points" | "metric_arrays") {
  await db.execute(sql`VACUUM ANALYZE`);
  const size = await db.execute<{ bytes: string; n: string }>(sql`
    SELECT pg_total_relation_size(${table}::regclass) AS bytes, (SELECT count(*) FROM metric_points_all)::bigint AS n`);
  const bytes = Number(size.rows[0]!.bytes);
  return { perValue: bytes / (Number(size.rows[0]!.n) * BENCH_KEYS.length), mib: (bytes / 2 ** 20).toFixed(0) };
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
