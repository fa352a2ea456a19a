import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { parseRunConfig, type RunConfig, type RunConfigInput } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import { metricPoints } from "../schema/metrics.ts";
import { runEvents } from "../schema/events.ts";
import { createRun } from "./runs.ts";
import { forecastHistory, insertForecast, latestForecasts, type ForecastInput } from "./forecasts.ts";
import { readFinishedRuns } from "./forecasts-corpus.ts";
import { importFinishedRun } from "./forecasts-import.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(async () => t?.drop());

const config = (over: RunConfigInput = {}): RunConfig => {
  const r = parseRunConfig({ p: 13, steps: 1000, ...over });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};
const newRun = async (over: RunConfigInput = {}, status = "running") => {
  const { run } = await createRun(t.db, { name: "f", config: config(over) });
  await t.db.execute(sql`UPDATE runs SET status = ${status} WHERE id = ${run.id}`);
  return run;
};
const forecast = (step: number, over: Partial<ForecastInput> = {}): ForecastInput => ({
  step,
  forecaster: "selector/first-passage",
  tGrok: 900,
  low: 700,
  high: 1200,
  probability: 0.8,
  nowcast: false,
  ...over,
});

describe("forecast history", () => {
  it("stores one forecast per (run, step), a retry replacing the row", async () => {
    const run = await newRun();
    await insertForecast(t.db, run.id, forecast(100));
    await insertForecast(t.db, run.id, forecast(50, { tGrok: null, low: null, high: null, probability: 0.3 }));
    await insertForecast(t.db, run.id, forecast(100, { tGrok: 950 }));
    const history = await forecastHistory(t.db, run.id);
    expect(history.map((f) => [f.step, f.tGrok])).toEqual([
      [50, null],
      [100, 950],
    ]);
    expect(history[0]).toMatchObject({ low: null, high: null, probability: 0.3, nowcast: false });
    expect((await forecastHistory(t.db, run.id, { fromStep: 60 })).map((f) => f.step)).toEqual([100]);
  });

  it("returns the newest forecast of many runs in one call, leaving out runs without one", async () => {
    const [a, b, none] = [await newRun(), await newRun(), await newRun()];
    for (const step of [10, 30, 20]) await insertForecast(t.db, a.id, forecast(step, { tGrok: 1000 + step }));
    await insertForecast(t.db, b.id, forecast(5, { nowcast: true }));
    const latest = await latestForecasts(t.db, [a.id, b.id, none.id, a.id]);
    expect(latest.get(a.id)).toMatchObject({ step: 30, tGrok: 1030 });
    expect(latest.get(b.id)).toMatchObject({ step: 5, nowcast: true });
    expect(latest.has(none.id)).toBe(false);
    expect((await latestForecasts(t.db, [])).size).toBe(0);
  });

  it("deletes a run's forecasts with the run", async () => {
    const run = await newRun();
    await insertForecast(t.db, run.id, forecast(10));
    await t.db.execute(sql`DELETE FROM runs WHERE id = ${run.id}`);
    expect(await forecastHistory(t.db, run.id)).toEqual([]);
  });
});

describe("readFinishedRuns", () => {
  it("reads succeeded, non-forked runs with per-seed points and events, thinned but keeping event steps", async () => {
    const done = await newRun({ seeds: 2, temperature: 1.3 }, "succeeded");
    const steps = Array.from({ length: 101 }, (_, i) => i * 10);
    for (const seed of [0, 1]) {
      await t.db.insert(metricPoints).values(steps.map((step) => ({ runNum: done.num, seed, step, trainAcc: step >= 200 ? 1 : 0.5, testAcc: step >= 600 ? 0.95 : 0.1, paramSqNorm: 100 - step / 20 })));
    }
    await t.db.insert(runEvents).values([
      { runId: done.id, seed: 0, kind: "t_mem", step: 200 },
      { runId: done.id, seed: 1, kind: "t_mem", step: 210 },
      { runId: done.id, seed: 0, kind: "t_grok", step: 600, value: 3 },
      { runId: done.id, seed: 0, kind: "t_50", step: 550 },
    ]);
    await newRun({}, "running");
    await newRun({}, "succeeded"); // no metrics: skipped
    const fork = await newRun({}, "succeeded");
    await t.db.execute(sql`UPDATE runs SET parent_run_id = ${done.id} WHERE id = ${fork.id}`);
    await t.db.insert(metricPoints).values({ runNum: fork.num, seed: 0, step: 0, trainAcc: 1 });

    const { runs, skipped } = await readFinishedRuns(t.db, { maxPointsPerSeed: 20, filter: { temperature: { in: [1.3] } } });
    expect(runs.map((r) => r.id)).toEqual([done.id]);
    expect(skipped).toBe(0);
    const [s0, s1] = runs[0]!.seeds;
    expect(s0).toMatchObject({ tMem: 200, tGrok: 600 });
    expect(s1!.tMem).toBe(210);
    expect(s1!.tGrok).toBeUndefined();
    const kept = s0!.points.map((p) => p.step);
    // Every 6th of 101 points (ceil(101 / 20)), the last one, and every seed's event steps.
    expect(kept).toContain(0);
    expect(kept).toContain(1000);
    expect(kept).toEqual(expect.arrayContaining([200, 210, 600]));
    expect(kept.length).toBeLessThanOrEqual(24);
    expect(s1!.points.map((p) => p.step)).toEqual(kept);
    expect(s0!.points.find((p) => p.step === 600)!.metrics).toEqual({ train_acc: 1, test_acc: expect.closeTo(0.95, 5), param_sq_norm: 70 });

    const all = await readFinishedRuns(t.db, { includeForks: true });
    expect(all.runs.map((r) => r.id).sort()).toEqual([done.id, fork.id].sort());
    expect(all.skipped).toBe(1);
  });
});

describe("importFinishedRun", () => {
  it("stores a corpus run that readFinishedRuns reads back, with its summary medians", async () => {
    const points = (tMem: number, tGrok: number) =>
      [0, 100, 200, 300, 400].map((step) => ({ step, metrics: { train_acc: step >= tMem ? 1 : 0.2, test_acc: step >= tGrok ? 0.95 : 0.05, logit_scale: step / 100 } }));
    const row = await importFinishedRun(t.db, {
      name: "imported",
      config: config({ p: 17, steps: 400 }),
      seeds: [
        { tMem: 100, tGrok: 300, points: points(100, 300) },
        { tMem: 200, tGrok: 400, points: points(200, 400) },
        { tMem: 100, points: points(100, 999) },
      ],
    });
    expect(row).toMatchObject({ status: "succeeded", seeds: 3, tMem: 100, tGrok: 400, seedsGrokked: 2, stepsDone: 400 });
    const { runs } = await readFinishedRuns(t.db, { filter: { p: { in: [17] } } });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.seeds.map((s) => [s.tMem, s.tGrok])).toEqual([
      [100, 300],
      [200, 400],
      [100, undefined],
    ]);
    expect(runs[0]!.seeds[1]!.points[4]!.metrics).toMatchObject({ train_acc: 1, test_acc: expect.closeTo(0.95, 5), logit_scale: 4 });
  });
});
