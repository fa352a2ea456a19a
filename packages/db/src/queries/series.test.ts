import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { parseRunConfig } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import { claimNextRun, createRun, getRun } from "./runs.ts";
import { recordProgress, type EvaluationRecord } from "./progress.ts";
import { listEvents, readSeries } from "./series.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let runId: string;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  const r = parseRunConfig({ p: 13, steps: 10_000 });
  if (!r.ok) throw new Error("bad config");
  runId = (await createRun(t.db, { name: "series", config: r.config })).run.id;
  await claimNextRun(t.db, "w");
  // 1,000 evaluations with one spike at step 5,000.
  const evaluations: EvaluationRecord[] = Array.from({ length: 1000 }, (_, i) => ({
    seed: 0,
    step: i * 10,
    metrics: { train_loss: i * 10 === 5000 ? 99 : 1, test_acc: i / 1000 },
  }));
  await recordProgress(t.db, {
    runId, workerId: "w", stepsDone: 9990, msPerStep: 3, evaluations,
    events: [{ seed: 0, kind: "t_mem", step: 200 }, { seed: 0, kind: "t_grok", step: 9000, value: 12.5 }],
  });
});
afterAll(async () => t?.drop());

describe("metric series", () => {
  it("writes every point once, even when a batch is retried", async () => {
    await recordProgress(t.db, {
      runId, workerId: "w", stepsDone: 9990, events: [],
      evaluations: [{ seed: 0, step: 10, metrics: { train_loss: 123 } }],
    });
    const n = await t.db.execute(sql`SELECT count(*)::int AS n FROM run_metric_points WHERE run_id = ${runId}`);
    expect(n.rows[0]).toEqual({ n: 1000 });
    const [series] = await readSeries(t.db, runId, { keys: ["train_loss"], fromStep: 10, toStep: 10, maxPoints: 10 });
    expect(series?.points).toEqual([{ step: 10, value: 1, min: 1, max: 1 }]);
  });

  it("returns raw points when the range holds fewer than maxPoints", async () => {
    const [series] = await readSeries(t.db, runId, { keys: ["test_acc"], fromStep: 100, toStep: 190, maxPoints: 100 });
    expect(series?.points.map((p) => p.step)).toEqual([100, 110, 120, 130, 140, 150, 160, 170, 180, 190]);
  });

  it("downsamples into at most maxPoints buckets and keeps a spike as a max", async () => {
    const [loss] = await readSeries(t.db, runId, { keys: ["train_loss"], maxPoints: 50 });
    expect(loss!.points.length).toBeLessThanOrEqual(50);
    expect(loss!.points.length).toBeGreaterThan(40);
    expect(Math.max(...loss!.points.map((p) => p.max))).toBeCloseTo(99);
    const steps = loss!.points.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(9990);
  });

  it("keeps the run's summary current as batches arrive", async () => {
    const run = await getRun(t.db, runId);
    expect(run).toMatchObject({ tMem: 200, tGrok: 9000, stepsDone: 9990 });
    expect(run?.finalTestAcc).toBeCloseTo(0.999);
    expect(run?.logitScaleAtGrok).toBeCloseTo(12.5);
  });

  it("lists events in step order", async () => {
    const events = await listEvents(t.db, runId);
    expect(events.map((e) => [e.kind, e.step])).toEqual([["t_mem", 200], ["t_grok", 9000]]);
    expect(events[1]?.value).toBeCloseTo(12.5);
  });
});
