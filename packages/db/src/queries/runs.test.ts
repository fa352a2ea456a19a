import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { parseRunConfig, type RunConfig } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import pg from "pg";
import { claimNextRun, createRun, sweepStaleRuns, finishRun, getRun, requestCancel, requeueRun } from "./runs.ts";
import { RUN_CHANNEL } from "./notify.ts";
import { listRuns } from "./run-list.ts";
import { recordProgress } from "./progress.ts";
import { sql } from "drizzle-orm";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(async () => t?.drop());

const config = (over: object = {}): RunConfig => {
  const r = parseRunConfig({ p: 13, steps: 100, ...over });
  if (!r.ok) throw new Error("bad test config");
  return r.config;
};

describe("runs as a queue", () => {
  it("creates queued runs and pages them newest first without repeats", async () => {
    for (let i = 0; i < 5; i++) await createRun(t.db, { name: `page-${i}`, config: config() });
    const first = await listRuns(t.db, { first: 3 });
    expect(first.rows).toHaveLength(3);
    expect(first.hasNextPage).toBe(true);
    const second = await listRuns(t.db, { first: 3, after: first.positions.at(-1) });
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.totalCount).toBeGreaterThanOrEqual(5);
  });

  it("returns the first run for a retried idempotency key", async () => {
    const a = await createRun(t.db, { name: "idem", config: config(), idempotencyKey: "key-1" });
    const b = await createRun(t.db, { name: "idem again", config: config(), idempotencyKey: "key-1" });
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.run.id).toBe(a.run.id);
  });

  it("never hands one run to two concurrent claimers", async () => {
    await t.db.execute(sql`UPDATE runs SET status = 'cancelled' WHERE status = 'queued'`);
    for (let i = 0; i < 6; i++) await createRun(t.db, { name: `claim-${i}`, config: config() });
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => claimNextRun(t.db, `w${i}`)));
    const claimed = claims.filter((c) => c !== undefined).map((c) => c!.id);
    expect(claimed).toHaveLength(6);
    expect(new Set(claimed).size).toBe(6);
  });

  it("cancels a queued run at once and flags a running one for its worker", async () => {
    const { run: queued } = await createRun(t.db, { name: "cancel-q", config: config() });
    expect((await requestCancel(t.db, queued.id)).outcome).toBe("cancelled");
    expect((await getRun(t.db, queued.id))?.status).toBe("cancelled");

    const { run } = await createRun(t.db, { name: "cancel-r", config: config() });
    await t.db.execute(sql`UPDATE runs SET status = 'cancelled' WHERE status = 'queued' AND id <> ${run.id}`);
    const claimed = await claimNextRun(t.db, "worker-c");
    expect(claimed?.id).toBe(run.id);
    expect((await requestCancel(t.db, run.id)).outcome).toBe("requested");
    const outcome = await recordProgress(t.db, { runId: run.id, workerId: "worker-c", stepsDone: 10, evaluations: [], events: [] });
    expect(outcome).toEqual({ owned: true, cancelRequested: true });
    expect(await finishRun(t.db, run.id, "worker-c", { status: "cancelled" })).toBe(true);
    expect((await requestCancel(t.db, run.id)).outcome).toBe("finished");
    expect((await requestCancel(t.db, "00000000-0000-0000-0000-000000000000")).outcome).toBe("not-found");
  });

  it("fails runs whose worker stopped heart-beating and then ignores that worker", async () => {
    const { run } = await createRun(t.db, { name: "stale", config: config() });
    await t.db.execute(sql`UPDATE runs SET status = 'cancelled' WHERE status = 'queued' AND id <> ${run.id}`);
    await claimNextRun(t.db, "worker-dead");
    await recordProgress(t.db, {
      runId: run.id, workerId: "worker-dead", stepsDone: 20, events: [],
      evaluations: [{ seed: 0, step: 10, metrics: { train_acc: 0.5 } }],
    });
    await t.db.execute(sql`UPDATE runs SET heartbeat_at = now() - interval '2 minutes' WHERE id = ${run.id}`);
    expect((await sweepStaleRuns(t.db, 30)).failed).toContain(run.id);
    const failed = await getRun(t.db, run.id);
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toMatch(/worker-dead stopped reporting/);
    const late = await recordProgress(t.db, { runId: run.id, workerId: "worker-dead", stepsDone: 30, events: [], evaluations: [] });
    expect(late.owned).toBe(false);
    const points = await t.db.execute(sql`SELECT count(*)::int AS n FROM run_metric_points WHERE run_id = ${run.id}`);
    expect(points.rows[0]).toEqual({ n: 1 });
  });
});

describe("announcing a worker's outcome on the run channel", () => {
  it("finishRun and requeueRun announce a change once, in its transaction; a repeat that changes nothing is silent", async () => {
    const heard: string[] = [];
    const listener = new pg.Client({ connectionString: t.url });
    await listener.connect();
    listener.on("notification", (m) => void (m.payload && heard.push(m.payload)));
    await listener.query(`LISTEN ${RUN_CHANNEL}`);
    try {
      const { run } = await createRun(t.db, { name: "announced", config: config() });
      // Running on worker w-announce, set by hand: no announcement of its own.
      const claim = () => t.db.execute(sql`UPDATE runs SET status = 'running', worker_id = 'w-announce' WHERE id = ${run.id}`);
      await claim();
      await waitUntil(() => heard.length === 1); // createRun's
      expect(await requeueRun(t.db, run.id, "w-announce", "requeued: shut down")).toBe(true);
      await claim();
      expect(await finishRun(t.db, run.id, "w-announce", { status: "succeeded" })).toBe(true);
      // What a worker retrying after a lost reply does: the run is finished already.
      expect(await finishRun(t.db, run.id, "w-announce", { status: "succeeded" })).toBe(false);
      expect(await requeueRun(t.db, run.id, "w-announce", "requeued: shut down")).toBe(false);
      await waitUntil(() => heard.length >= 3);
      await new Promise((r) => setTimeout(r, 200)); // room for a stray extra one
      expect(heard).toEqual([run.id, run.id, run.id]);
    } finally {
      await listener.end();
    }
  });
});

async function waitUntil(done: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}
