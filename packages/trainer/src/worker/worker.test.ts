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
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  worker = createWorker({ db: t.db, idlePollMs: 100, log: () => {} });
  void worker.start();
});
afterAll(async () => {
  await worker?.stop();
  await t?.drop();
});

async function enqueue(input: RunConfigInput) {
  const parsed = parseRunConfig({ backend: "wasm", ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return (await createRun(t.db, { name: "worker test", config: parsed.config })).run;
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
