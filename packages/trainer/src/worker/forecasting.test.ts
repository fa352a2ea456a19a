import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createRun, forecastHistory, getRun, importFinishedRun, readSeries, type RunRow } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { generateSyntheticCorpus } from "@grokscope/predictor";
import { parseRunConfig, type RunConfigInput } from "@grokscope/spec";
import { createForecastRefresher } from "./forecasting.ts";
import { clearForecasterCache } from "./forecasting-model.ts";
import { createWorker } from "./worker-loop.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(async () => t?.drop());

const configOf = (input: RunConfigInput) => {
  const parsed = parseRunConfig({ backend: "wasm", ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
};

/** A registry of finished runs that obey the forecasters' laws (predictor's synthetic corpus). */
async function seedRegistry(runs: number) {
  for (const run of generateSyntheticCorpus({ runs, seedsPerRun: 2, steps: 3000, runsPerSweep: 0 })) {
    await importFinishedRun(t.db, { name: run.id, config: run.config, seeds: run.seeds });
  }
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

describe("forecast refresher", () => {
  it("stores forecasts at evaluated steps while the worker trains, fitted on the registry's finished runs", async () => {
    await seedRegistry(12);
    clearForecasterCache(t.db);
    const worker = createWorker({ db: t.db, idlePollMs: 100, log: () => {} });
    void worker.start();
    try {
      const config = configOf({ p: 13, trainFraction: 0.5, lr: 3e-3, weightDecay: 1, steps: 150, evalEvery: 10, embedDim: 32, hiddenDim: 64, seeds: 2 });
      const { run } = await createRun(t.db, { name: "forecast me", config });
      const done = await waitFor(run.id, (r) => r.status !== "queued" && r.status !== "running");
      expect(done.status).toBe("succeeded");
      const history = await forecastHistory(t.db, run.id);
      const evaluated = new Set((await readSeries(t.db, run.id, { keys: ["train_acc"], maxPoints: 1000 }))[0]!.points.map((p) => p.step));
      // 16 evaluation steps (0..150 by 10), a forecast at every 5th: steps 40, 90 and 140.
      expect(history.map((f) => f.step)).toEqual([40, 90, 140]);
      for (const f of history) {
        expect(evaluated.has(f.step)).toBe(true);
        expect(f.step).toBeLessThanOrEqual(done.stepsDone);
        expect(f.forecaster).toMatch(/^selector\//);
        expect(f.probability).toBeGreaterThanOrEqual(0);
        expect(f.probability).toBeLessThanOrEqual(1);
        if (f.tGrok !== null) expect(f.low!).toBeLessThanOrEqual(f.high!);
      }
    } finally {
      await worker.stop();
    }
  });

  it("never lets a forecasting failure reach training: a broken database is logged and skipped", async () => {
    const logs: string[] = [];
    const down = () => {
      throw new Error("db down");
    };
    const broken = { ...t.db, select: down, selectDistinctOn: down, insert: down, execute: down } as unknown as typeof t.db;
    const { run } = await createRun(t.db, { name: "broken", config: configOf({ p: 13, steps: 20, evalEvery: 10 }) });
    const refresher = createForecastRefresher({ db: broken, run, log: (m) => logs.push(m), every: 1 });
    const seen: number[] = [];
    const sink = refresher.tap({ onEvaluation: (e) => void seen.push(e.step) });
    for (const step of [0, 10, 20]) await sink.onEvaluation({ step, seed: 0, metrics: { train_acc: 1, test_acc: 0.1 } as never, events: [] });
    await refresher.settle();
    expect(seen).toEqual([0, 10, 20]);
    expect(logs.some((m) => /failed/.test(m))).toBe(true);
    expect(await forecastHistory(t.db, run.id)).toEqual([]);
  });
});
