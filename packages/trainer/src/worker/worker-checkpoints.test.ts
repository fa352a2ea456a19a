import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { createForkRun, createRun, getRun, listEvents, requestCancel, summaryColumns, type RunRow } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { forkIssues, parseRunConfig, summarizeSeeds, type RunConfig, type RunConfigInput } from "@grokscope/spec";
import { peekState } from "../core/index.ts";
import { createWorker } from "./worker-loop.ts";

/**
 * Multi-seed runs, checkpoints, resume after a crash and forks, end to end through the in-process
 * worker against a real PostgreSQL. A worker crash is simulated by writing what a killed worker
 * leaves behind (a claimed run, points and checkpoints up to some step, a stale heartbeat); the
 * real SIGKILL version is apps/cli/src/worker-resume.test.ts.
 */
let t: Awaited<ReturnType<typeof createTestDatabase>>;
let worker: ReturnType<typeof createWorker>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  // A 2 s stale threshold (production: 30 s) so simulated crashes are picked up at once.
  worker = createWorker({ db: t.db, idlePollMs: 100, staleAfterSeconds: 2, log: () => {} });
  void worker.start();
});
afterAll(async () => {
  await worker?.stop();
  await t?.drop();
});

// 3 seeds of p = 13 in 500 steps: all memorise by step ~40, two of three grok (the t_grok median is censored-aware).
const BASE: RunConfigInput = {
  p: 13, lr: 0.03, weightDecay: 1, trainFraction: 0.9, seeds: 3, steps: 500, evalEvery: 10, embedDim: 16, hiddenDim: 32,
  checkpointEvery: 100, checkpointSteps: [150, 250], backend: "wasm",
};
const EVAL_STEPS = Array.from({ length: 51 }, (_, i) => i * 10);

function config(over: RunConfigInput = {}): RunConfig {
  const parsed = parseRunConfig({ ...BASE, ...over });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

async function waitFor(id: string, done: (run: RunRow) => boolean, timeoutMs = 40_000): Promise<RunRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(t.db, id);
    if (run && done(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run?.status} at step ${run?.stepsDone} (${run?.error})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const finished = (r: RunRow) => r.status !== "queued" && r.status !== "running";

/** Every metric point of a run (all columns but run_id) after `afterStep`, by seed then step. */
async function points(runId: string, afterStep = -1) {
  const rows = await t.db.execute<{ row: Record<string, unknown> }>(
    sql`SELECT to_jsonb(m) - 'run_id' AS row FROM run_metric_points m WHERE run_id = ${runId} AND step > ${afterStep} ORDER BY seed, step`,
  );
  return rows.rows.map((r) => r.row);
}
async function stepsBySeed(runId: string) {
  const rows = await t.db.execute<{ seed: number; steps: number[] }>(
    sql`SELECT seed, array_agg(step ORDER BY step) AS steps FROM run_metric_points WHERE run_id = ${runId} GROUP BY seed ORDER BY seed`,
  );
  return rows.rows;
}
async function checkpointRows(runId: string) {
  const rows = await t.db.execute<{ step: number; kind: string; seeds: number; state: Buffer }>(
    sql`SELECT step, kind, seeds, state FROM checkpoints WHERE run_id = ${runId} ORDER BY step`,
  );
  return rows.rows;
}
const eventsOf = async (runId: string) => (await listEvents(t.db, runId)).map(({ seed, kind, step, value }) => ({ seed, kind, step, value }));

/** What a worker killed at `crashStep` leaves: the run claimed by a dead worker, `from`'s points, events and checkpoints up to there. */
async function crashedCopy(from: RunRow, crashStep: number, opts: { attempts?: number; checkpoints?: boolean } = {}) {
  const { run } = await createRun(t.db, { name: "crashed", config: from.config as RunConfig });
  await t.db.execute(sql`INSERT INTO metric_points SELECT ${run.num}::int, seed, step, train_loss, test_loss, train_acc, test_acc, weight_norm,
      logit_scale, norm_embed, norm_hidden, norm_readout, param_sq_norm, logit_scale_train, sc_rate, frac_saturated, max_prob, logit_margin,
      grad_norm, update_norm, fourier_score FROM run_metric_points WHERE run_id = ${from.id} AND step <= ${crashStep}`);
  await t.db.execute(sql`INSERT INTO run_events SELECT ${run.id}::uuid, seed, kind, step, value FROM run_events WHERE run_id = ${from.id} AND step <= ${crashStep}`);
  if (opts.checkpoints !== false) {
    await t.db.execute(sql`INSERT INTO checkpoints (run_id, step, kind, seeds, state)
      SELECT ${run.id}::uuid, step, kind, seeds, state FROM checkpoints WHERE run_id = ${from.id} AND step <= ${crashStep}`);
  }
  await t.db.execute(sql`UPDATE runs SET status = 'running', worker_id = 'dead-worker', attempts = ${opts.attempts ?? 1}, steps_done = ${crashStep},
      started_at = now() - interval '1 minute', heartbeat_at = now() - interval '1 minute' WHERE id = ${run.id}`);
  return run;
}

let parent: RunRow;

describe("a multi-seed run through the worker", () => {
  it("writes every evaluation of every seed, per-seed events, and the medians of their outcomes as the summary", async () => {
    const { run } = await createRun(t.db, { name: "three seeds", config: config() });
    parent = await waitFor(run.id, finished);
    expect(parent).toMatchObject({ status: "succeeded", stepsDone: 500, error: null });

    expect(await stepsBySeed(run.id)).toEqual([0, 1, 2].map((seed) => ({ seed, steps: EVAL_STEPS })));

    const events = await eventsOf(run.id);
    const all = await points(run.id);
    const at = (seed: number, step: number) => all.find((p) => p.seed === seed && p.step === step)!;
    for (const seed of [0, 1, 2]) {
      const mem = events.find((e) => e.seed === seed && e.kind === "t_mem");
      expect(mem, `seed ${seed} memorises`).toBeDefined();
      // Each event sits on the first evaluation that crosses its threshold, in that seed's own series.
      expect(at(seed, mem!.step).train_acc).toBeGreaterThanOrEqual(0.99);
      expect(at(seed, mem!.step - 10).train_acc).toBeLessThan(0.99);
      const grok = events.find((e) => e.seed === seed && e.kind === "t_grok");
      if (grok) {
        expect(at(seed, grok.step).test_acc).toBeGreaterThanOrEqual(0.9);
        expect(at(seed, grok.step - 10).test_acc).toBeLessThan(0.9);
        expect(grok.value).toBe(at(seed, grok.step).logit_scale);
      }
    }
    expect(new Set(events.map((e) => e.seed))).toEqual(new Set([0, 1, 2]));

    const outcomes = [0, 1, 2].map((seed) => {
      const ev = (kind: string) => events.find((e) => e.seed === seed && e.kind === kind);
      return {
        tMem: ev("t_mem")?.step,
        tGrok: ev("t_grok")?.step,
        logitScaleAtGrok: ev("t_grok")?.value ?? undefined,
        finalTrainAcc: at(seed, 500).train_acc as number,
        finalTestAcc: at(seed, 500).test_acc as number,
      };
    });
    const medians = summaryColumns(summarizeSeeds(outcomes));
    // Real columns hold float32 (a median of two values is rounded there; pg returns its shortest decimal).
    const f32 = (x: number | null) => (x === null ? null : Math.fround(x));
    const expected = { ...medians, logitScaleAtGrok: f32(medians.logitScaleAtGrok), finalTrainAcc: f32(medians.finalTrainAcc), finalTestAcc: f32(medians.finalTestAcc) };
    expect(expected.seedsGrokked).toBeGreaterThan(0); // the config is chosen so that medians are not all empty
    expect({
      tMem: parent.tMem, tGrok: parent.tGrok, delay: parent.delay, seedsGrokked: parent.seedsGrokked,
      logitScaleAtGrok: f32(parent.logitScaleAtGrok), finalTrainAcc: f32(parent.finalTrainAcc), finalTestAcc: f32(parent.finalTestAcc),
    }).toEqual(expected);
  });

  it("keeps the checkpointSteps states and only the latest resume state, each holding every seed", async () => {
    const rows = await checkpointRows(parent.id);
    expect(rows.map(({ step, kind, seeds }) => ({ step, kind, seeds }))).toEqual([
      { step: 150, kind: "kept", seeds: 3 },
      { step: 250, kind: "kept", seeds: 3 },
      { step: 500, kind: "resume", seeds: 3 },
    ]);
    for (const row of rows) expect(peekState(new Uint8Array(row.state))).toMatchObject({ step: row.step, seeds: 3 });
  });
});

describe("a run whose worker died", () => {
  it("is requeued and resumed from its latest checkpoint (here a kept one), ending exactly as the uninterrupted run", async () => {
    // Killed at step 290: points to 290 written, checkpoints at 150 and 250 (kept), none since.
    const run = await crashedCopy(parent, 290);
    const done = await waitFor(run.id, finished);
    expect(done).toMatchObject({ status: "succeeded", stepsDone: 500, error: null, attempts: 2, workerId: worker.workerId });
    expect(await stepsBySeed(run.id)).toEqual([0, 1, 2].map((seed) => ({ seed, steps: EVAL_STEPS })));
    expect(await points(run.id)).toEqual(await points(parent.id));
    expect(await eventsOf(run.id)).toEqual(await eventsOf(parent.id));
    const summary = (r: RunRow) => [r.tMem, r.tGrok, r.delay, r.seedsGrokked, r.logitScaleAtGrok, r.finalTrainAcc, r.finalTestAcc];
    expect(summary(done)).toEqual(summary(parent));
  });

  it("is failed with the reason when it has no checkpoint yet, or has used all its attempts", async () => {
    const early = await crashedCopy(parent, 90, { checkpoints: false });
    const exhausted = await crashedCopy(parent, 290, { attempts: 3 });
    const a = await waitFor(early.id, finished, 10_000);
    const b = await waitFor(exhausted.id, finished, 10_000);
    expect(a.status).toBe("failed");
    expect(a.error).toMatch(/dead-worker stopped reporting.*no checkpoint to resume from/);
    expect(b.status).toBe("failed");
    expect(b.error).toMatch(/dead-worker stopped reporting.*all 3 attempts used/);
    // Their points stay as they were.
    expect((await points(a.id)).length).toBe(3 * 10);
    expect((await points(b.id)).length).toBe(3 * 30);
  });
});

describe("a fork", () => {
  it("with the parent's config continues the parent's series exactly from the fork step, inheriting its events", async () => {
    const cfg = config();
    expect(forkIssues(parent.config as RunConfig, cfg, 250)).toEqual([]);
    const { run } = await createForkRun(t.db, { parent, forkStep: 250, name: "same", config: cfg });
    const child = await waitFor(run.id, finished);
    expect(child).toMatchObject({ status: "succeeded", stepsDone: 500, parentRunId: parent.id, forkStep: 250 });
    // The child's own series starts after the fork step; the parent's points before it stay the parent's (lineage).
    const after = EVAL_STEPS.filter((s) => s > 250);
    expect(await stepsBySeed(run.id)).toEqual([0, 1, 2].map((seed) => ({ seed, steps: after })));
    expect(await points(run.id)).toEqual(await points(parent.id, 250));
    // Events fired before the fork are the child's history too, so its summary is the parent's.
    expect(await eventsOf(run.id)).toEqual(await eventsOf(parent.id));
    const summary = (r: RunRow) => [r.tMem, r.tGrok, r.delay, r.seedsGrokked, r.logitScaleAtGrok, r.finalTrainAcc, r.finalTestAcc];
    expect(summary(child)).toEqual(summary(parent));
    // Its own kept/resume checkpoints: none at or before the fork step.
    expect((await checkpointRows(run.id)).map((c) => c.step)).toEqual([500]);
  });

  it("whose worker died before its first checkpoint restarts from the parent's checkpoint", async () => {
    const { run } = await createForkRun(t.db, { parent, forkStep: 250, name: "crashed fork", config: config() });
    // Killed at step 280: points written to 280, its first own checkpoint (300) not reached.
    await t.db.execute(sql`INSERT INTO metric_points SELECT ${run.num}::int, seed, step, train_loss, test_loss, train_acc, test_acc, weight_norm,
        logit_scale, norm_embed, norm_hidden, norm_readout, param_sq_norm, logit_scale_train, sc_rate, frac_saturated, max_prob, logit_margin,
        grad_norm, update_norm, fourier_score FROM run_metric_points WHERE run_id = ${parent.id} AND step > 250 AND step <= 280`);
    await t.db.execute(sql`UPDATE runs SET status = 'running', worker_id = 'dead-worker', attempts = 1, steps_done = 280,
        heartbeat_at = now() - interval '1 minute' WHERE id = ${run.id}`);
    const child = await waitFor(run.id, finished);
    expect(child).toMatchObject({ status: "succeeded", stepsDone: 500, attempts: 2, error: null });
    expect(await points(run.id)).toEqual(await points(parent.id, 250));
  });

  it("with another temperature diverges from the parent after the fork step", async () => {
    const cfg = config({ temperature: 2 });
    expect(forkIssues(parent.config as RunConfig, cfg, 150)).toEqual([]);
    const { run } = await createForkRun(t.db, { parent, forkStep: 150, name: "hot", config: cfg });
    const child = await waitFor(run.id, finished);
    expect(child.status).toBe("succeeded");
    const mine = await points(run.id);
    const theirs = await points(parent.id, 150);
    expect(mine.map((p) => [p.seed, p.step])).toEqual(theirs.map((p) => [p.seed, p.step]));
    // Every seed's first evaluation after the fork already differs (τ changes the very next step).
    for (const seed of [0, 1, 2]) {
      const a = mine.find((p) => p.seed === seed && p.step === 160)!;
      const b = theirs.find((p) => p.seed === seed && p.step === 160)!;
      expect(a.train_loss).not.toBe(b.train_loss);
    }
  });
});

describe("a dead worker's run while every worker is busy", () => {
  it("is requeued within the stale threshold, not left running until a worker is free", async () => {
    const { run: long } = await createRun(t.db, { name: "long", config: config({ seeds: 1, steps: 200_000, checkpointSteps: [] }) });
    await waitFor(long.id, (r) => r.status === "running" && r.stepsDone > 0);
    const dead = await crashedCopy(parent, 290);
    const requeued = await waitFor(dead.id, (r) => r.status !== "running", 10_000);
    expect(requeued.status).toBe("queued");
    expect(requeued.error).toMatch(/requeued: worker dead-worker stopped reporting.*checkpoint at step 250/);
    expect((await getRun(t.db, long.id))?.status).toBe("running");
    // Once the worker is free it resumes the requeued run.
    await requestCancel(t.db, long.id);
    expect(await waitFor(dead.id, finished)).toMatchObject({ status: "succeeded", stepsDone: 500, error: null });
    expect(await points(dead.id)).toEqual(await points(parent.id));
  });
});

describe("a run whose worker shuts down (SIGTERM, Ctrl-C)", () => {
  it("is requeued with a checkpoint of the step reached, without using an attempt, and resumed to the uninterrupted result", async () => {
    // Its own registry, so that only the workers of this test can claim the run.
    const own = await createTestDatabase(inject("pgAdminUrl"));
    try {
      const { run } = await createRun(own.db, { name: "shut down", config: config({ checkpointSteps: [] }) });
      const first = createWorker({ db: own.db, idlePollMs: 100, staleAfterSeconds: 2, log: () => {} });
      void first.start();
      const deadline = Date.now() + 40_000;
      while (((await getRun(own.db, run.id))?.stepsDone ?? 0) < 120) {
        if (Date.now() > deadline) throw new Error("the first worker never reached step 120");
        await new Promise((r) => setTimeout(r, 20));
      }
      await first.stop();
      const requeued = (await getRun(own.db, run.id))!;
      expect(requeued).toMatchObject({ status: "queued", workerId: null, attempts: 0 });
      const stopStep = Number(requeued.error?.match(/shut down at step (\d+)/)?.[1]);
      expect(stopStep).toBeGreaterThanOrEqual(120);
      expect(stopStep).toBeLessThan(500);
      const resume = await own.db.execute<{ step: number }>(sql`SELECT step FROM checkpoints WHERE run_id = ${run.id} AND kind = 'resume'`);
      // The step reached, unless the stop fell on a checkpointEvery step (then that one is it).
      expect(resume.rows.map((r) => r.step)).toEqual([stopStep]);

      const second = createWorker({ db: own.db, idlePollMs: 100, staleAfterSeconds: 2, log: () => {} });
      void second.start();
      let done: RunRow | undefined;
      while (!done || !finished(done)) {
        if (Date.now() > deadline + 40_000) throw new Error(`run still ${done?.status}`);
        await new Promise((r) => setTimeout(r, 100));
        done = await getRun(own.db, run.id);
      }
      await second.stop();
      expect(done).toMatchObject({ status: "succeeded", stepsDone: 500, error: null, attempts: 1 });
      const pointsIn = async (db: typeof own.db, id: string) =>
        (await db.execute<{ row: Record<string, unknown> }>(sql`SELECT to_jsonb(m) - 'run_id' AS row FROM run_metric_points m WHERE run_id = ${id} ORDER BY seed, step`)).rows.map((r) => r.row);
      expect(await pointsIn(own.db, run.id)).toEqual(await points(parent.id));
    } finally {
      await own.drop();
    }
  });
});
