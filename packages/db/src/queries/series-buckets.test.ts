import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { parseRunConfig } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import { claimNextRun, createRun } from "./runs.ts";
import { recordProgress, type EvaluationRecord } from "./progress.ts";
import { readBucketedSeries } from "./series.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let runId: string;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  const r = parseRunConfig({ p: 13, steps: 10_000, seeds: 3 });
  if (!r.ok) throw new Error("bad config");
  runId = (await createRun(t.db, { name: "buckets", config: r.config })).run.id;
  await claimNextRun(t.db, "w");
  // Steps 1..1000 for three seeds; seed s has train_loss = step + 1000·s, plus one spike on seed 0.
  const evaluations: EvaluationRecord[] = [];
  for (let seed = 0; seed < 3; seed++)
    for (let step = 1; step <= 1000; step++)
      evaluations.push({ seed, step, metrics: { train_loss: seed === 0 && step === 537 ? 1e6 : step + 1000 * seed } });
  await recordProgress(t.db, { runId, workerId: "w", stepsDone: 1000, evaluations, events: [] });
});
afterAll(async () => t?.drop());

const read = (over: Partial<Parameters<typeof readBucketedSeries>[2]> = {}) =>
  readBucketedSeries(t.db, runId, { keys: ["train_loss"], seeds: [0], buckets: 10, xScale: "linear", ...over });

describe("bucketed series", () => {
  it("keeps a single spike as its bucket's max when 1,000 points become 10 buckets", async () => {
    const [series] = await read();
    expect(series!.raw).toBe(false);
    expect(series!.buckets).toHaveLength(10);
    const spiky = series!.buckets.filter((b) => b.max === 1e6);
    expect(spiky).toHaveLength(1);
    expect(spiky[0]!.fromStep).toBeLessThanOrEqual(537);
    expect(spiky[0]!.toStep).toBeGreaterThanOrEqual(537);
  });

  it("reports each bucket's mean, min, last and count", async () => {
    const [series] = await read({ fromStep: 1, toStep: 100, buckets: 2, seeds: [1] });
    const first = series!.buckets[0]!;
    const expectedMean = Array.from({ length: first.count }, (_, i) => first.fromStep + i + 1000).reduce((a, b) => a + b) / first.count;
    expect(first.mean).toBeCloseTo(expectedMean, 6);
    expect(first.min).toBe(first.fromStep + 1000);
    expect(first.last).toBe(first.toStep + 1000);
    expect(series!.buckets.reduce((a, b) => a + b.count, 0)).toBe(100);
  });

  it("returns raw points when the range holds fewer points than buckets", async () => {
    const [series] = await read({ fromStep: 10, toStep: 14, buckets: 10 });
    expect(series!.raw).toBe(true);
    expect(series!.buckets.map((b) => [b.fromStep, b.toStep, b.last, b.min, b.max, b.count])).toEqual(
      [10, 11, 12, 13, 14].map((s) => [s, s, s, s, s, 1]),
    );
  });

  it("makes LOG buckets narrow early and wide late, unlike LINEAR ones", async () => {
    const [linear] = await read();
    const [log] = await read({ xScale: "log" });
    const width = (b: { fromStep: number; toStep: number }) => b.toStep - b.fromStep + 1;
    expect(linear!.buckets.map(width)).toEqual(Array(10).fill(100));
    // ln(step+1)-spaced edges over steps 1..1000: the first bucket holds steps 1–2, the last ~500 steps.
    expect(width(log!.buckets[0]!)).toBe(2);
    const widths = log!.buckets.map(width);
    expect(widths).toEqual([...widths].sort((a, b) => a - b));
    expect(width(log!.buckets.at(-1)!)).toBeGreaterThan(400);
    expect(log!.buckets.reduce((a, b) => a + b.count, 0)).toBe(1000);
  });

  it("aggregates seeds step by step before bucketing (median and mean)", async () => {
    const [median] = await read({ seeds: [0, 1, 2], aggregate: "median", fromStep: 1, toStep: 5 });
    expect(median!.seed).toBeNull();
    expect(median!.buckets.map((b) => b.last)).toEqual([1001, 1002, 1003, 1004, 1005]);
    const [mean] = await read({ seeds: [0, 1], aggregate: "mean", fromStep: 1, toStep: 1 });
    expect(mean!.buckets[0]!.last).toBe(501);
  });

  it("returns one series per requested seed", async () => {
    const series = await read({ seeds: [1, 2], fromStep: 1, toStep: 3 });
    expect(series.map((s) => [s.seed, s.buckets[0]!.last])).toEqual([[1, 1001], [2, 2001]]);
  });
});
