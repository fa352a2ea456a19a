import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { createRun, getRun, listEvents, type RunRow } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { parseRunConfig, type RunConfigInput } from "@grokscope/spec";

/**
 * Issue 7: real `grokscope worker` processes killed with SIGKILL at random moments of a multi-seed
 * run; each time a fresh worker requeues the run (stale after GROKSCOPE_STALE_AFTER_SECONDS, 2 s
 * here, 30 s in production) and resumes it from its latest checkpoint. The end result must be
 * exactly the uninterrupted run's (training is deterministic), with no gap and no duplicate.
 */
const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const STALE_AFTER_SECONDS = 2;
let t: Awaited<ReturnType<typeof createTestDatabase>>;
const workers = new Set<ChildProcess>();
const output: string[] = [];
let stdout = ""; // the workers run one after another, so their logs do not interleave
beforeAll(async () => void (t = await createTestDatabase(inject("pgAdminUrl"))));
afterAll(async () => {
  for (const w of workers) await stop(w, "SIGTERM");
  await t?.drop();
});

// Checkpoints every 25 steps: between evaluations (every 10), so a resume starts between two of them.
// 1,000 steps (~5 s here): each kill lands well before the end even on a machine a few times faster.
const CONFIG: RunConfigInput = {
  p: 13, lr: 0.03, weightDecay: 1, trainFraction: 0.9, seeds: 3, steps: 1000, evalEvery: 10, embedDim: 16, hiddenDim: 32,
  checkpointEvery: 25, backend: "wasm",
};
const EVAL_STEPS = Array.from({ length: 101 }, (_, i) => i * 10);

function startWorker(): ChildProcess {
  const env = { ...process.env, DATABASE_URL: t.url, GROKSCOPE_STALE_AFTER_SECONDS: String(STALE_AFTER_SECONDS) };
  const w = spawn(process.execPath, ["--import", "tsx", MAIN, "worker"], { env, stdio: ["ignore", "pipe", "pipe"] });
  const tag = `[pid ${w.pid}] `;
  w.stdout!.on("data", (d) => {
    stdout += String(d);
    output.push(tag + String(d).trimEnd());
  });
  w.stderr!.on("data", (d) => output.push(tag + String(d).trimEnd()));
  workers.add(w);
  return w;
}
async function stop(w: ChildProcess, signal: NodeJS.Signals) {
  if (w.exitCode === null && w.signalCode === null) {
    const exited = new Promise((r) => w.once("exit", r));
    w.kill(signal);
    await exited;
  }
  workers.delete(w);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output.slice(-30).join("\n")}`);
    await sleep(50);
  }
}
const maxStep = async (runId: string) =>
  Number((await t.db.execute<{ s: number }>(sql`SELECT coalesce(max(step), -1)::int AS s FROM run_metric_points WHERE run_id = ${runId}`)).rows[0]!.s);
const ownedBy = (run: RunRow | undefined, w: ChildProcess) => run?.status === "running" && Boolean(run.workerId?.includes(`:${w.pid}:`));
const finished = (r: RunRow | undefined) => (r && r.status !== "queued" && r.status !== "running" ? r : undefined);

async function points(runId: string) {
  const rows = await t.db.execute<{ row: Record<string, unknown> }>(
    sql`SELECT to_jsonb(m) - 'run_id' AS row FROM run_metric_points m WHERE run_id = ${runId} ORDER BY seed, step`,
  );
  return rows.rows.map((r) => r.row);
}
const eventsOf = async (runId: string) => (await listEvents(t.db, runId)).map(({ seed, kind, step, value }) => ({ seed, kind, step, value }));

async function enqueue(name: string) {
  const parsed = parseRunConfig(CONFIG);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return (await createRun(t.db, { name, config: parsed.config })).run;
}

describe("workers killed with SIGKILL during a multi-seed run", () => {
  let resumed: RunRow;

  it("resume it from its latest checkpoint each time, and it succeeds without a gap or a duplicate", async () => {
    const run = await enqueue("killed twice");
    let w = startWorker();
    let reached = -1;
    const delays: number[] = [];
    const reachedAt: number[] = [];
    for (let kill = 0; kill < 2; kill++) {
      // Let this worker claim the run and write points of its own, past at least one checkpoint of
      // its own (40 > 25 + the 10 a checkpoint may lead the points by), then kill it at a random
      // moment: mid-step, mid-evaluation or mid-write.
      const from = Math.max(reached, 10);
      await until(`worker ${kill + 1} to write points`, async () => ownedBy(await getRun(t.db, run.id), w) && (await maxStep(run.id)) >= from + 40, 40_000);
      const delay = Math.round(Math.random() * 300);
      delays.push(delay);
      await sleep(delay);
      await stop(w, "SIGKILL");
      reached = await maxStep(run.id);
      reachedAt.push(reached);
      const killed = await getRun(t.db, run.id);
      expect(killed?.status, `killed after ${delays.join(", ")} ms`).toBe("running");
      expect(reached).toBeLessThan(1000);
      // Only the latest resume checkpoint is kept, whatever moment the kill hit.
      const resumeRows = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM checkpoints WHERE run_id = ${run.id} AND kind = 'resume'`);
      expect(resumeRows.rows[0]!.n).toBe(1);
      // A fresh worker takes it back well within a minute: stale threshold + start-up.
      const killedAt = Date.now();
      w = startWorker();
      const back = w;
      await until(`the run to be resumed by worker ${kill + 2}`, async () => ownedBy(await getRun(t.db, run.id), back), 30_000);
      expect(Date.now() - killedAt).toBeLessThan(30_000);
    }
    resumed = await until("the run to finish", async () => finished(await getRun(t.db, run.id)), 40_000);
    expect(resumed, `killed after ${delays.join(", ")} ms`).toMatchObject({ status: "succeeded", error: null, attempts: 3, stepsDone: 1000 });
    const steps = await t.db.execute<{ seed: number; steps: number[] }>(
      sql`SELECT seed, array_agg(step ORDER BY step) AS steps FROM run_metric_points WHERE run_id = ${run.id} GROUP BY seed ORDER BY seed`,
    );
    expect(steps.rows).toEqual([0, 1, 2].map((seed) => ({ seed, steps: EVAL_STEPS })));
    // Each resumed worker started from a checkpoint (not from scratch, which would also end equal).
    const starts = [...stdout.matchAll(new RegExp(`run ${run.id} .*from its resume checkpoint at step (\\d+)`, "g"))].map((m) => Number(m[1]));
    expect(starts).toHaveLength(2);
    starts.forEach((step, i) => {
      expect(step % 25).toBe(0);
      expect(step).toBeGreaterThan(i === 0 ? 0 : starts[i - 1]!);
      // The latest checkpoint: at most one checkpoint interval behind the last point written.
      expect(step).toBeGreaterThanOrEqual(reachedAt[i]! - 25);
      expect(step).toBeLessThanOrEqual(reachedAt[i]! + 10);
    });
  });

  it("ends with exactly the metrics, events and summary of an uninterrupted run of the same config", async () => {
    const reference = await enqueue("uninterrupted"); // trained by the last worker, never killed
    const done = await until("the reference run", async () => finished(await getRun(t.db, reference.id)), 40_000);
    expect(done).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(await points(resumed.id)).toEqual(await points(reference.id));
    expect(await eventsOf(resumed.id)).toEqual(await eventsOf(reference.id));
    const summary = (r: RunRow) => [r.tMem, r.tGrok, r.delay, r.seedsGrokked, r.logitScaleAtGrok, r.finalTrainAcc, r.finalTestAcc];
    expect(summary(resumed)).toEqual(summary(done));
  });

  it("fails a run visibly, with the reason, once it has used all its attempts", async () => {
    const run = await enqueue("out of attempts");
    const w = [...workers][0]!;
    await until("the last worker to checkpoint it", async () => ownedBy(await getRun(t.db, run.id), w) && (await maxStep(run.id)) >= 50, 40_000);
    // As if this were its third attempt already.
    await t.db.execute(sql`UPDATE runs SET attempts = 3 WHERE id = ${run.id}`);
    await stop(w, "SIGKILL");
    startWorker();
    const failed = await until("the run to be failed", async () => finished(await getRun(t.db, run.id)), 30_000);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/stopped reporting.*not resumed: all 3 attempts used/);
    const running = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM runs WHERE status = 'running'`);
    expect(running.rows[0]!.n).toBe(0);
  });
});
