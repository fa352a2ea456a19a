import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { createRun, getRun, listEvents, readSeries, requestCancel, type RunRow } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { parseRunConfig, type RunConfigInput } from "@grokscope/spec";
import { createRequire } from "node:module";
import { createWorker } from "./worker-loop.ts";

const canResolve = (pkg: string) => {
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
};

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let worker: ReturnType<typeof createWorker>;
const logs: string[] = [];
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  worker = createWorker({ db: t.db, idlePollMs: 100, log: (m) => logs.push(m) });
  void worker.start();
});
afterAll(async () => {
  await worker?.stop();
  await t?.drop();
});

async function enqueue(input: RunConfigInput, name = "worker test") {
  const parsed = parseRunConfig({ backend: "wasm", ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return (await createRun(t.db, { name, config: parsed.config })).run;
}

async function waitFor(id: string, done: (run: RunRow) => boolean, timeoutMs = 50_000): Promise<RunRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(t.db, id);
    if (run && done(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run?.status} at step ${run?.stepsDone}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("worker", () => {
  it("claims a queued run, streams every evaluation into the registry and records the outcome", async () => {
    const run = await enqueue({ p: 13, trainFraction: 0.5, lr: 3e-3, weightDecay: 1, steps: 150, evalEvery: 10, embedDim: 32, hiddenDim: 64 });
    const done = await waitFor(run.id, (r) => r.status !== "queued" && r.status !== "running");
    expect(done).toMatchObject({ status: "succeeded", stepsDone: 150, workerId: worker.workerId, backend: "wasm" });
    expect(done.msPerStep).toBeGreaterThan(0);
    expect(done.finalTrainAcc).toBeGreaterThanOrEqual(0.99);

    const series = await readSeries(t.db, run.id, { keys: ["train_acc", "weight_norm"], maxPoints: 1000 });
    const steps = series[0]!.points.map((p) => p.step);
    expect(steps).toEqual(Array.from({ length: 16 }, (_, i) => i * 10));
    expect(series[1]!.points.every((p) => p.value > 0)).toBe(true);
    const events = await listEvents(t.db, run.id);
    expect(events.find((e) => e.kind === "t_mem")?.step).toBe(done.tMem);
  });

  it("stops a running run when a cancel is requested", async () => {
    const run = await enqueue({ p: 13, steps: 200_000, evalEvery: 50, embedDim: 32, hiddenDim: 64 });
    await waitFor(run.id, (r) => r.status === "running" && r.stepsDone > 0);
    await requestCancel(t.db, run.id);
    const cancelled = await waitFor(run.id, (r) => r.status === "cancelled", 10_000);
    expect(cancelled.stepsDone).toBeLessThan(200_000);
  });

  it("fails a run whose requested backend is not installed, naming the package", async () => {
    // On a machine where tfjs-node-gpu *is* installed this case cannot arise; test the one that can.
    if (canResolve("@tensorflow/tfjs-node-gpu")) return;
    const run = await enqueue({ p: 13, steps: 10, backend: "tensorflow-gpu" });
    const failed = await waitFor(run.id, (r) => r.status === "failed");
    expect(failed.error).toMatch(/@tensorflow\/tfjs-node-gpu/);
    const n = await t.db.execute(sql`SELECT count(*)::int AS n FROM run_metric_points WHERE run_id = ${run.id}`);
    expect(n.rows[0]).toEqual({ n: 0 });
  });
});

/**
 * The database going away just as a run's outcome is written (PostgreSQL's own "terminating
 * connection" error, raised by a trigger on the first `drops` attempts for runs of one name; each
 * attempt is rolled back, as a lost connection's would be). The worker must wait it out: a run
 * that trained to the end is recorded as succeeded, a failing one keeps its own reason.
 */
describe("worker, when the database drops the write of a run's outcome", () => {
  async function dropOutcomeWrites(runName: string, drops: number) {
    const tag = runName.replace(/\W/g, "_");
    await t.db.execute(sql.raw(`
      CREATE SEQUENCE ${tag}_drops;
      CREATE FUNCTION ${tag}_drop() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name = '${runName}' AND NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('succeeded', 'failed')
           AND nextval('${tag}_drops') <= ${drops} THEN
          RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = 'admin_shutdown';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER ${tag}_drop BEFORE UPDATE ON runs FOR EACH ROW EXECUTE FUNCTION ${tag}_drop();`));
    return async () => Number((await t.db.execute<{ n: string }>(sql.raw(`SELECT last_value AS n FROM ${tag}_drops`))).rows[0]!.n);
  }

  it("records a run that trained to the end as succeeded once the database is back", async () => {
    const attempts = await dropOutcomeWrites("outage at the end", 2);
    const run = await enqueue({ p: 13, steps: 60, evalEvery: 10, embedDim: 16, hiddenDim: 32 }, "outage at the end");
    const done = await waitFor(run.id, (r) => r.status !== "queued" && r.status !== "running", 30_000);
    expect(done).toMatchObject({ status: "succeeded", error: null, stepsDone: 60, attempts: 1 });
    expect(await attempts()).toBe(3); // two dropped, the third recorded
    expect(logs.some((m) => m.startsWith(`run ${run.id}: outcome: database unavailable (1×), retrying: terminating connection due to administrator command`))).toBe(true);
    expect(logs).toContain(`run ${run.id}: outcome: database reachable again after 2 failed attempt(s)`);
    const n = await t.db.execute(sql`SELECT count(*)::int AS n FROM run_metric_points WHERE run_id = ${run.id}`);
    expect(n.rows[0]).toEqual({ n: 7 });
  });

  it("records a failing run as failed with its own reason, not the outage's", async () => {
    const attempts = await dropOutcomeWrites("outage on failure", 2);
    // A clamp relative to w_c in a cell with no finished unclamped run to calibrate it from.
    const run = await enqueue({ p: 11, lr: 0.0042, steps: 60, clamp: { rho: 1.1, fromStep: 0 } }, "outage on failure");
    const done = await waitFor(run.id, (r) => r.status !== "queued" && r.status !== "running", 30_000);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/^no finished unclamped τ = 1 runs of this cell/);
    expect(await attempts()).toBe(3);
  });
});
