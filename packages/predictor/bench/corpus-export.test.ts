import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { claimNextRun, createRun, finishRun, recordProgress } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { encodeCorpus, finishedRunOf, generateSyntheticCorpus, loadCorpus } from "../src/index.ts";
import { readCorpusRuns } from "./corpus-export.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const [source] = generateSyntheticCorpus({ runs: 1, seedsPerRun: 2, steps: 1500, evalEvery: 10, seed: 4 });
let finishedId: string;

beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  // A finished two-seed run written as a worker writes it, and a run still queued (not exported).
  finishedId = (await createRun(t.db, { name: "finished", config: source!.config })).run.id;
  await createRun(t.db, { name: "queued", config: source!.config });
  await claimNextRun(t.db, "w");
  const evaluations = source!.seeds.flatMap((s, seed) => s.points.map((p) => ({ seed, step: p.step, metrics: p.metrics })));
  const events = source!.seeds.flatMap((s, seed) => [
    ...(s.tMem !== undefined ? [{ seed, kind: "t_mem", step: s.tMem }] : []),
    ...(s.tGrok !== undefined ? [{ seed, kind: "t_grok", step: s.tGrok }] : []),
  ]);
  await recordProgress(t.db, { runId: finishedId, workerId: "w", stepsDone: 1500, evaluations, events });
  await finishRun(t.db, finishedId, "w", { status: "succeeded" });
}, 120_000);
afterAll(async () => t?.drop());

describe("corpus export", () => {
  it("exports finished runs only, with events and the forecasters' metrics, loadable as a fixture", async () => {
    const { runs, skipped } = await readCorpusRuns(t.db);
    expect(skipped).toBe(0);
    expect(runs.map((r) => r.id)).toEqual([finishedId]);
    const [run] = loadCorpus(encodeCorpus(runs, { maxPointsPerSeed: 100 }));
    expect(run!.config).toEqual(source!.config);
    expect(run!.seeds.map((s) => [s.tMem, s.tGrok])).toEqual(source!.seeds.map((s) => [s.tMem, s.tGrok]));
    expect(run!.seeds[0]!.points.length).toBeLessThanOrEqual(100);
    expect(Object.keys(run!.seeds[0]!.points[0]!.metrics)).toContain("param_sq_norm");
    expect(finishedRunOf(run!).tGrok).toBe(finishedRunOf(source!).tGrok);
  });
});
