/**
 * Long-run soak (not a test): one 50,000-step tiny run trained by a real worker loop (in this
 * process, so tf.memory() is visible) against a throw-away embedded PostgreSQL. Every SAMPLE_MS
 * it samples RSS, live tensors and metric rows written per second, and prints a row every
 * EVERY steps. Flat columns mean no tensor leak, no memory growth, no write slow-down.
 *   npx tsx bench/long-run.ts                 (from packages/trainer; STEPS, P, EVAL_EVERY, BACKEND,
 *                                              EMBED_DIM and HIDDEN_DIM: 128 and 256 for the paper MLP)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDb, createRun, getRun, runMigrations, startEmbeddedPostgres } from "@grokscope/db";
import { parseRunConfig } from "@grokscope/spec";
import { selectBackend, type BackendRequest } from "../src/backends.ts";
import { createWorker } from "../src/worker/index.ts";

const STEPS = Number(process.env.STEPS ?? 50_000);
const P = Number(process.env.P ?? 5);
const EVAL_EVERY = Number(process.env.EVAL_EVERY ?? 20);
const EVERY = Number(process.env.EVERY ?? 5_000);
const BACKEND = (process.env.BACKEND ?? "cpu") as BackendRequest;
const EMBED_DIM = Number(process.env.EMBED_DIM ?? 8);
const HIDDEN_DIM = Number(process.env.HIDDEN_DIM ?? 16);
const SAMPLE_MS = 500;

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "grokscope-soak-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
  const handle = createDb(server.url, { max: 4, applicationName: "grokscope-soak" });
  const worker = createWorker({ db: handle.db, idlePollMs: 100, log: () => {} });
  try {
    await runMigrations(handle.db);
    const parsed = parseRunConfig({ p: P, steps: STEPS, evalEvery: EVAL_EVERY, embedDim: EMBED_DIM, hiddenDim: HIDDEN_DIM, backend: BACKEND });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const { run } = await createRun(handle.db, { name: "soak", config: parsed.config });
    const { tf } = await selectBackend(BACKEND, () => {});
    const started = Date.now();
    void worker.start();

    const rows = async () => Number((await handle.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM run_metric_points WHERE run_id = ${run.id}`)).rows[0]!.n);
    console.log(`${"step".padStart(7)} ${"wall s".padStart(7)} ${"rss MiB".padStart(8)} ${"heap MiB".padStart(9)} ${"tensors".padStart(8)} ${"tf MiB".padStart(7)} ${"rows".padStart(6)} ${"rows/s".padStart(7)} ${"ms/step".padStart(8)}`);
    let next = 0;
    let last = { at: Date.now(), rows: 0, step: 0 };
    for (;;) {
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
      const r = await getRun(handle.db, run.id);
      if (!r) throw new Error("run vanished");
      const done = r.status !== "queued" && r.status !== "running";
      if (r.stepsDone >= next || done) {
        const now = Date.now();
        const n = await rows();
        const m = tf.memory();
        const rate = ((n - last.rows) * 1000) / Math.max(1, now - last.at);
        const msPerStep = r.stepsDone > last.step ? (now - last.at) / (r.stepsDone - last.step) : 0;
        console.log(
          `${String(r.stepsDone).padStart(7)} ${((now - started) / 1000).toFixed(0).padStart(7)} ${(process.memoryUsage().rss / 2 ** 20).toFixed(0).padStart(8)} ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0).padStart(9)} ${String(m.numTensors).padStart(8)} ${(m.numBytes / 2 ** 20).toFixed(2).padStart(7)} ${String(n).padStart(6)} ${rate.toFixed(0).padStart(7)} ${msPerStep.toFixed(2).padStart(8)}`,
        );
        last = { at: now, rows: n, step: r.stepsDone };
        next = (Math.floor(r.stepsDone / EVERY) + 1) * EVERY;
      }
      if (done) {
        const expected = Math.floor(STEPS / EVAL_EVERY) + 1;
        console.log(`\n${r.status} after ${((Date.now() - started) / 1000).toFixed(0)} s; ${await rows()} metric rows (expected ${expected}); error: ${r.error ?? "none"}`);
        break;
      }
    }
  } finally {
    await worker.stop();
    await handle.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
