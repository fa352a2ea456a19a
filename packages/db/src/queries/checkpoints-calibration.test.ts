import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { parseRunConfig, type RunConfig, type RunConfigInput } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import { claimNextRun, createRun, sweepStaleRuns, finishRun, getRun } from "./runs.ts";
import { recordProgress } from "./progress.ts";
import { loadCheckpoint, loadLatestResumeCheckpoint, saveCheckpoint } from "./checkpoints.ts";
import { criticalNorm } from "./calibration.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(async () => t?.drop());

const config = (over: RunConfigInput = {}): RunConfig => {
  const r = parseRunConfig({ p: 13, steps: 100, ...over });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};

async function claimed(over: RunConfigInput = {}) {
  const { run } = await createRun(t.db, { name: "c", config: config(over) });
  await t.db.execute(sql`UPDATE runs SET status = 'running', worker_id = 'w' WHERE id = ${run.id}`);
  return run;
}

describe("checkpoints", () => {
  it("keeps only the latest resume checkpoint and every kept one, idempotently", async () => {
    const run = await claimed();
    await saveCheckpoint(t.db, { runId: run.id, step: 10, kind: "resume", seeds: 1, state: new Uint8Array([1]) });
    await saveCheckpoint(t.db, { runId: run.id, step: 20, kind: "kept", seeds: 1, state: new Uint8Array([2]) });
    await saveCheckpoint(t.db, { runId: run.id, step: 20, kind: "kept", seeds: 1, state: new Uint8Array([9]) });
    await saveCheckpoint(t.db, { runId: run.id, step: 30, kind: "resume", seeds: 1, state: new Uint8Array([3, 4]) });
    const latest = await loadLatestResumeCheckpoint(t.db, run.id);
    expect(latest?.step).toBe(30);
    expect([...latest!.state]).toEqual([3, 4]);
    expect(await loadCheckpoint(t.db, run.id, 10)).toBeUndefined();
    expect([...(await loadCheckpoint(t.db, run.id, 20))!.state]).toEqual([2]);
  });
});

describe("stale runs", () => {
  it("requeues a run with a resume checkpoint (saying why) and fails one without", async () => {
    const resumable = await claimed();
    const lost = await claimed();
    await t.db.execute(sql`UPDATE runs SET attempts = 1 WHERE id IN (${resumable.id}, ${lost.id})`);
    await saveCheckpoint(t.db, { runId: resumable.id, step: 40, kind: "resume", seeds: 1, state: new Uint8Array([1]) });
    await t.db.execute(sql`UPDATE runs SET heartbeat_at = now() - interval '1 minute' WHERE id IN (${resumable.id}, ${lost.id})`);
    const { requeued: requeuedIds, failed } = await sweepStaleRuns(t.db, 30);
    expect(failed).toContain(lost.id);
    expect(failed).not.toContain(resumable.id);
    expect(requeuedIds).toEqual([resumable.id]);
    const requeued = await getRun(t.db, resumable.id);
    expect(requeued).toMatchObject({ status: "queued", workerId: null });
    expect(requeued?.error).toMatch(/requeued.*step 40/);
  });

  it("fails a resumable run that is out of attempts", async () => {
    const run = await claimed();
    await t.db.execute(sql`UPDATE runs SET attempts = 3, heartbeat_at = now() - interval '1 minute' WHERE id = ${run.id}`);
    await saveCheckpoint(t.db, { runId: run.id, step: 40, kind: "resume", seeds: 1, state: new Uint8Array([1]) });
    expect((await sweepStaleRuns(t.db, 30)).failed).toContain(run.id);
  });
});

describe("w_c calibration and claim order", () => {
  const cell = { p: 17, lr: 2e-3 } as const;

  it("claims a rho run only after the unclamped τ = 1 run of its cell has finished", async () => {
    await t.db.execute(sql`UPDATE runs SET status = 'cancelled' WHERE status IN ('queued', 'running')`);
    const control = (await createRun(t.db, { name: "control", config: config({ ...cell, seeds: 2 }) })).run;
    const clamped = (await createRun(t.db, { name: "rho", config: config({ ...cell, clamp: { rho: 1.15 } }) })).run;
    const other = (await createRun(t.db, { name: "other", config: config({ p: 19 }) })).run;
    // The rho run was created before `other` but must wait for its control.
    expect((await claimNextRun(t.db, "w1"))?.id).toBe(control.id);
    expect((await claimNextRun(t.db, "w2"))?.id).toBe(other.id);
    expect(await claimNextRun(t.db, "w3")).toBeUndefined();
    expect(await criticalNorm(t.db, config(cell))).toBeUndefined();

    // The control groks in both seeds: weight norms 40 and 50 at T_grok (30 and 60).
    await recordProgress(t.db, {
      runId: control.id,
      workerId: "w1",
      stepsDone: 60,
      evaluations: [
        { seed: 0, step: 30, metrics: { weight_norm: 40, test_acc: 0.95 } },
        { seed: 1, step: 30, metrics: { weight_norm: 45, test_acc: 0.5 } },
        { seed: 1, step: 60, metrics: { weight_norm: 50, test_acc: 0.95 } },
      ],
      events: [
        { seed: 0, kind: "t_grok", step: 30, value: 2 },
        { seed: 1, kind: "t_grok", step: 60, value: 4 },
      ],
    });
    const live = await getRun(t.db, control.id);
    expect(live).toMatchObject({ tGrok: 45, seedsGrokked: 2, logitScaleAtGrok: 3 });
    await finishRun(t.db, control.id, "w1", { status: "succeeded" });

    expect(await criticalNorm(t.db, config(cell))).toEqual({ wc: 45, runs: 1, seeds: 2 });
    expect(await criticalNorm(t.db, config({ ...cell, loss: "mse" }))).toBeUndefined();
    expect((await claimNextRun(t.db, "w3"))?.id).toBe(clamped.id);
  });
});
