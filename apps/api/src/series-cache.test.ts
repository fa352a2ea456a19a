import { describe, expect, it } from "vitest";
import type { BucketedSeries, RunRow } from "@grokscope/db";
import { createSeriesCache } from "./series-cache.ts";

const runIn = (status: RunRow["status"], id = "run-1", stepsDone = 0) => ({ id, status, stepsDone }) as RunRow;
const answer = (buckets: number): BucketedSeries[] => [
  { key: "test_acc", seed: 0, raw: false, buckets: Array.from({ length: buckets }, (_, i) => ({ fromStep: i, toStep: i, min: 0, max: 1, mean: 0.5, last: 1, count: 1 })) },
];
const counting = (buckets = 10) => {
  let reads = 0;
  return { read: async () => (reads++, answer(buckets)), reads: () => reads };
};

describe("series cache", () => {
  it("keeps a queued or running run's answer only while its stepsDone stays the same", async () => {
    const cache = createSeriesCache();
    for (const status of ["queued", "running"] as const) {
      const source = counting();
      const first = await cache.get(runIn(status, status, 100), { buckets: 10 }, source.read);
      expect(await cache.get(runIn(status, status, 100), { buckets: 10 }, source.read)).toBe(first);
      expect(source.reads()).toBe(1);
      // A flush wrote new points and raised stepsDone in the same transaction: read afresh.
      expect(await cache.get(runIn(status, status, 110), { buckets: 10 }, source.read)).not.toBe(first);
      expect(source.reads()).toBe(2);
    }
  });

  it("answers a finished run's repeated request from memory, and other arguments afresh", async () => {
    const cache = createSeriesCache();
    for (const status of ["succeeded", "failed", "cancelled"] as const) {
      const source = counting();
      const first = await cache.get(runIn(status, status), { buckets: 10 }, source.read);
      expect(await cache.get(runIn(status, status), { buckets: 10 }, source.read)).toBe(first);
      expect(source.reads()).toBe(1);
      await cache.get(runIn(status, status), { buckets: 20 }, source.read);
      await cache.get(runIn(status, `${status}-other`), { buckets: 10 }, source.read);
      expect(source.reads()).toBe(3);
    }
  });

  it("holds at most maxBuckets, dropping the least recently used first", async () => {
    const cache = createSeriesCache(30); // each answer holds 10 buckets + 1 per series
    const source = counting(10);
    for (const id of ["a", "b"]) await cache.get(runIn("succeeded", id), {}, source.read);
    await cache.get(runIn("succeeded", "a"), {}, source.read); // a is now the most recent
    await cache.get(runIn("succeeded", "c"), {}, source.read); // 33 > 30: b goes
    expect(cache.size).toEqual({ entries: 2, buckets: 22 });
    await cache.get(runIn("succeeded", "a"), {}, source.read);
    expect(source.reads()).toBe(3);
    await cache.get(runIn("succeeded", "b"), {}, source.read);
    expect(source.reads()).toBe(4);
    // An answer larger than the whole cache is served, not kept.
    await cache.get(runIn("succeeded", "huge"), {}, counting(100).read);
    expect(cache.size.buckets).toBeLessThanOrEqual(30);
  });
});
