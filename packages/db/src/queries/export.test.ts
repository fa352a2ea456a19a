import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { parseRunConfig } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import { claimNextRun, createRun } from "./runs.ts";
import { recordProgress } from "./progress.ts";
import { addTags } from "./tags.ts";
import { METRIC_EXPORT_COLUMNS, streamMetricPoints, streamRuns, type MetricExportRow } from "./export.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let runId: string;
const POINTS_PER_SEED = 50_000;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  const r = parseRunConfig({ p: 13, steps: 1_000_000 });
  if (!r.ok) throw new Error("bad config");
  runId = (await createRun(t.db, { name: "export", config: r.config })).run.id;
  await claimNextRun(t.db, "w");
  // 2 seeds × 50,000 evaluations = 100k points, written in batches like a worker would.
  for (let start = 0; start < POINTS_PER_SEED; start += 10_000) {
    const evaluations = [0, 1].flatMap((seed) =>
      Array.from({ length: 10_000 }, (_, i) => ({ seed, step: (start + i) * 10, metrics: { train_loss: 1 / (start + i + 1), test_acc: seed } })),
    );
    await recordProgress(t.db, { runId, workerId: "w", stepsDone: start * 10, evaluations, events: [] });
  }
  await addTags(t.db, runId, ["exported"]);
}, 120_000);
afterAll(async () => t?.drop());

describe("metric export", () => {
  it("names every metric column of the table", () => {
    expect(METRIC_EXPORT_COLUMNS).toContain("train_loss");
    expect(METRIC_EXPORT_COLUMNS).toContain("fourier_score");
    expect(METRIC_EXPORT_COLUMNS).toHaveLength(18);
  });

  it("streams 100k points in (step, seed) order, in bounded batches", async () => {
    let n = 0;
    let prev: MetricExportRow | undefined;
    let largest = 0;
    let ordered = true;
    const started = performance.now();
    for await (const batch of streamMetricPoints(t.db, runId, 5000)) {
      largest = Math.max(largest, batch.length);
      for (const row of batch) {
        if (prev && !(row.step > prev.step || (row.step === prev.step && row.seed > prev.seed))) ordered = false;
        prev = row;
        n++;
      }
    }
    const elapsed = performance.now() - started;
    expect(ordered).toBe(true);
    expect(n).toBe(2 * POINTS_PER_SEED);
    expect(largest).toBe(5000);
    expect(prev).toMatchObject({ seed: 1, step: (POINTS_PER_SEED - 1) * 10, test_acc: 1, weight_norm: null });
    expect(elapsed).toBeLessThan(10_000);
  });

  it("yields nothing for an unknown run", async () => {
    const batches = [];
    for await (const b of streamMetricPoints(t.db, "00000000-0000-0000-0000-000000000000")) batches.push(b);
    expect(batches).toEqual([]);
  });
});

describe("runs export", () => {
  it("pages through matching runs with their tags", async () => {
    const parsed = parseRunConfig({ p: 17 });
    if (!parsed.ok) throw new Error("bad config");
    for (let i = 0; i < 5; i++) await createRun(t.db, { name: `more-${i}`, config: parsed.config });
    const all: string[] = [];
    for await (const batch of streamRuns(t.db, undefined, 2)) all.push(...batch.map((r) => r.name));
    expect(all).toHaveLength(6);
    const tagged = [];
    for await (const batch of streamRuns(t.db, { tags: ["exported"] })) tagged.push(...batch);
    expect(tagged.map((r) => [r.name, r.tags])).toEqual([["export", ["exported"]]]);
  });
});
