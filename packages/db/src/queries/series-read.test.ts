import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { parseRunConfig } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import { claimNextRun, createRun, finishRun, requestCancel } from "./runs.ts";
import { recordProgress, type EvaluationRecord } from "./progress.ts";
import { readBucketedSeries, readSeries } from "./series.ts";
import { streamMetricPoints } from "./export.ts";
import { latestStepBySeed, pointsAfter } from "./metrics-appended.ts";
import { decodeArray } from "./series-read.ts";

/**
 * A run's points are rows while it runs and arrays once it ends (drizzle/0006_metric_arrays.sql).
 * Every reader must answer the same either way, and nothing recorded may be lost in the move.
 */
let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(async () => t?.drop());

async function startRun(name: string, seeds: number) {
  const r = parseRunConfig({ p: 13, steps: 1_000, seeds });
  if (!r.ok) throw new Error("bad config");
  const run = (await createRun(t.db, { name, config: r.config })).run;
  await claimNextRun(t.db, "w");
  return run.id;
}

/** Steps 0..99 per seed; test_acc only at even steps, and one NaN loss. */
function evaluations(seeds: number): EvaluationRecord[] {
  return Array.from({ length: seeds }, (_, seed) =>
    Array.from({ length: 100 }, (_, step) => ({
      seed,
      step,
      metrics: { train_loss: step === 42 ? Number.NaN : step + 1000 * seed, ...(step % 2 === 0 ? { test_acc: step / 100 } : {}) },
    })),
  ).flat();
}

const stored = async (runId: string) =>
  (
    await t.db.execute<{ rows: number; arrays: number }>(sql`
      SELECT (SELECT count(*)::int FROM metric_points WHERE run_num = r.num) AS rows, (SELECT count(*)::int FROM metric_arrays WHERE run_num = r.num) AS arrays
      FROM runs r WHERE r.id = ${runId}`)
  ).rows[0];

/** Everything a reader can see of a run. */
async function snapshot(runId: string) {
  const exported = [];
  for await (const batch of streamMetricPoints(t.db, runId, 37)) exported.push(...batch);
  return {
    series: await readSeries(t.db, runId, { keys: ["train_loss", "test_acc"], maxPoints: 1000 }),
    zoomed: await readSeries(t.db, runId, { keys: ["train_loss"], fromStep: 10, toStep: 20, maxPoints: 1000 }),
    buckets: await readBucketedSeries(t.db, runId, { keys: ["train_loss", "test_acc"], buckets: 7, xScale: "log" }),
    median: await readBucketedSeries(t.db, runId, { keys: ["train_loss"], aggregate: "median", buckets: 10, xScale: "linear" }),
    exported,
    latest: [...(await latestStepBySeed(t.db, runId))],
    after: await pointsAfter(t.db, runId, new Map([[0, 95], [1, 90]])),
  };
}

describe("a run's points move from rows to arrays when it ends", () => {
  it("answers every reader the same before and after, with one array row per seed and no rows left", async () => {
    const runId = await startRun("ends", 2);
    await recordProgress(t.db, { runId, workerId: "w", stepsDone: 100, evaluations: evaluations(2), events: [] });
    const live = await snapshot(runId);
    expect(await stored(runId)).toEqual({ rows: 200, arrays: 0 });
    expect(live.exported).toHaveLength(200);

    expect(await finishRun(t.db, runId, "w", { status: "succeeded" })).toBe(true);
    expect(await stored(runId)).toEqual({ rows: 0, arrays: 2 });
    // Steps 0..99 are evenly spaced: series reads rebuild them from the stride (the odd run of
    // series-buckets.test.ts covers uneven steps, shipped as an array).
    const strides = await t.db.execute<{ step_stride: number | null }>(sql`SELECT step_stride FROM metric_arrays WHERE run_num = (SELECT num FROM runs WHERE id = ${runId}) ORDER BY seed`);
    expect(strides.rows).toEqual([{ step_stride: 1 }, { step_stride: 1 }]);
    expect(await snapshot(runId)).toEqual(live);
  });

  it("moves them however the run ends (a cancel, the stale sweep's failure)", async () => {
    const cancelled = await startRun("cancelled", 1);
    await recordProgress(t.db, { runId: cancelled, workerId: "w", stepsDone: 100, evaluations: evaluations(1), events: [] });
    await finishRun(t.db, cancelled, "w", { status: "cancelled" });
    expect(await stored(cancelled)).toEqual({ rows: 0, arrays: 1 });

    const failed = await startRun("failed", 1);
    await recordProgress(t.db, { runId: failed, workerId: "w", stepsDone: 100, evaluations: evaluations(1), events: [] });
    await t.db.execute(sql`UPDATE runs SET status = 'failed' WHERE id = ${failed}`);
    expect(await stored(failed)).toEqual({ rows: 0, arrays: 1 });

    // A queued run cancelled before it ran has no points: nothing to move, nothing created.
    const r = parseRunConfig({ p: 13, steps: 10 });
    if (!r.ok) throw new Error("bad config");
    const queued = (await createRun(t.db, { name: "never ran", config: r.config })).run.id;
    await requestCancel(t.db, queued);
    expect(await stored(queued)).toEqual({ rows: 0, arrays: 0 });
  });

  it("merges rows written after the run ended: the rows win on a step both hold, and a second move keeps everything", async () => {
    const runId = await startRun("late rows", 1);
    await recordProgress(t.db, { runId, workerId: "w", stepsDone: 100, evaluations: evaluations(1), events: [] });
    await finishRun(t.db, runId, "w", { status: "succeeded" });
    // Rows appear for the ended run (e.g. an import or a manual repair): one replaces step 50, one extends it.
    await t.db.execute(sql`INSERT INTO metric_points (run_num, seed, step, train_loss)
      SELECT num, 0, s, v FROM runs, (VALUES (50, -1::real), (200, 7::real)) AS late(s, v) WHERE id = ${runId}`);
    const read = async () => (await readSeries(t.db, runId, { keys: ["train_loss"], maxPoints: 1000 }))[0]!.points;
    const merged = await read();
    expect(merged).toHaveLength(101);
    expect(merged.find((p) => p.step === 50)?.value).toBe(-1);
    expect(merged.at(-1)).toEqual({ step: 200, value: 7, min: 7, max: 7 });
    expect(merged.find((p) => p.step === 51)?.value).toBe(51);

    await t.db.execute(sql`SELECT compact_run_points(num) FROM runs WHERE id = ${runId}`);
    expect(await stored(runId)).toEqual({ rows: 0, arrays: 1 });
    expect(await read()).toEqual(merged);
    const n = await t.db.execute(sql`SELECT count(*)::int AS n FROM run_metric_points WHERE run_id = ${runId}`);
    expect(n.rows[0]).toEqual({ n: 101 });
  });

  it("keeps a metric a run never recorded as NULL, not an array of NULLs", async () => {
    const runId = await startRun("sparse", 1);
    await recordProgress(t.db, { runId, workerId: "w", stepsDone: 100, evaluations: evaluations(1), events: [] });
    await finishRun(t.db, runId, "w", { status: "succeeded" });
    const row = await t.db.execute<{ fourier: unknown; acc: number }>(sql`
      SELECT fourier_score AS fourier, cardinality(test_acc) AS acc FROM metric_arrays WHERE run_num = (SELECT num FROM runs WHERE id = ${runId})`);
    expect(row.rows[0]).toEqual({ fourier: null, acc: 100 });
  });
});

describe("decodeArray (PostgreSQL's binary array format)", () => {
  it("reads values, NULLs, NaN and empty arrays as array_send writes them", async () => {
    const row = await t.db.execute<{ f: Buffer; i: Buffer; e: Buffer }>(sql`
      SELECT array_send(ARRAY[1.5, NULL, 'NaN', '-Infinity', -0.25]::real[]) AS f, array_send(ARRAY[0, -7, 2147483647]::int[]) AS i,
             array_send('{}'::real[]) AS e`);
    const f = decodeArray(row.rows[0]!.f, "float4");
    expect([...f.values]).toEqual([1.5, 0, Number.NaN, Number.NEGATIVE_INFINITY, -0.25]);
    expect([...f.present!]).toEqual([1, 0, 1, 1, 1]);
    const i = decodeArray(row.rows[0]!.i, "int4");
    expect([...i.values]).toEqual([0, -7, 2147483647]);
    expect(i.present).toBeUndefined(); // no NULLs: every value is present
    expect(decodeArray(row.rows[0]!.e, "float4").values).toHaveLength(0);
  });
});
