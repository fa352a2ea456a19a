import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { claimNextRun, finishRun, recordProgress, type EvaluationRecord } from "@grokscope/db";
import { startTestApi, type TestApi } from "./test-harness.ts";

let t: TestApi;
let runId: string;
// 1,000 evaluations (steps 10…10,000) per seed; seed s has test_loss = 1 + s, one spike on seed 0.
const SPIKE_STEP = 4_230;
beforeAll(async () => {
  t = await startTestApi();
  runId = (await t.gql(`mutation { createRun(input: { config: { p: 13, steps: 20000, seeds: 3 } }) { id } }`)).body.data.createRun.id;
  await claimNextRun(t.db.db, "w");
  const evaluations: EvaluationRecord[] = [];
  for (let seed = 0; seed < 3; seed++)
    for (let i = 1; i <= 1000; i++) evaluations.push({ seed, step: i * 10, metrics: { test_loss: seed === 0 && i * 10 === SPIKE_STEP ? 50 : 1 + seed } });
  await recordProgress(t.db.db, { runId, workerId: "w", stepsDone: 10_000, evaluations, events: [] });
});
afterAll(async () => t?.close());

const SERIES = `query($id: ID!, $seeds: [Int!], $agg: SeriesAggregate, $from: Int, $to: Int, $buckets: Int, $x: XScale) { run(id: $id) {
  series(keys: ["test_loss"], seeds: $seeds, aggregate: $agg, fromStep: $from, toStep: $to, buckets: $buckets, xScale: $x) {
    key seed aggregate raw buckets { fromStep toStep min max mean last count } } } }`;
const series = async (vars: Record<string, unknown>) => {
  const { body } = await t.gql(SERIES, { id: runId, ...vars });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.run.series;
};

describe("Run.series", () => {
  it("keeps a single spike as a bucket's max when 1,000 points become 10 buckets, with a correct mean", async () => {
    const [s] = await series({ seeds: [0], buckets: 10 });
    expect(s).toMatchObject({ seed: 0, raw: false });
    expect(s.buckets).toHaveLength(10);
    const spiky = s.buckets.find((b: any) => b.max === 50);
    expect(spiky.fromStep).toBeLessThanOrEqual(SPIKE_STEP);
    expect(spiky.toStep).toBeGreaterThanOrEqual(SPIKE_STEP);
    expect(spiky.mean).toBeCloseTo((49 + spiky.count) / spiky.count, 9);
    expect(s.buckets.filter((b: any) => b.max === 50)).toHaveLength(1);
  });

  it("spaces LOG buckets by ln(step+1): narrow early, wide late", async () => {
    const [linear] = await series({ seeds: [0], buckets: 10, x: "LINEAR" });
    const [log] = await series({ seeds: [0], buckets: 10, x: "LOG" });
    expect(linear.buckets.map((b: any) => b.count)).toEqual(Array(10).fill(100));
    expect(log.buckets[0].count).toBeLessThan(5);
    expect(log.buckets.at(-1).count).toBeGreaterThan(300);
  });

  it("returns raw points when the range holds fewer points than buckets", async () => {
    const [s] = await series({ seeds: [0], from: 100, to: 140, buckets: 100 });
    expect(s.raw).toBe(true);
    expect(s.buckets.map((b: any) => b.toStep)).toEqual([100, 110, 120, 130, 140]);
  });

  it("aggregates seeds (median) or returns one series per seed", async () => {
    const [median] = await series({ agg: "MEDIAN", from: 10, to: 30 });
    expect(median).toMatchObject({ seed: null, aggregate: "MEDIAN" });
    expect(median.buckets.map((b: any) => b.last)).toEqual([2, 2, 2]);
    const columns = (await t.gql(`query($id: ID!) { run(id: $id) { series(keys: ["test_loss"], seeds: [0], fromStep: 10, toStep: 30) { columns { toStep last count } } } }`, { id: runId })).body;
    expect(columns.data.run.series[0].columns).toEqual({ toStep: [10, 20, 30], last: [1, 1, 1], count: [1, 1, 1] });
    const perSeed = await series({ seeds: [1, 2], from: 10, to: 10 });
    expect(perSeed.map((s: any) => [s.seed, s.buckets[0].last])).toEqual([[1, 2], [2, 3]]);
  });

  it("refuses a seed the run does not have and an unknown key", async () => {
    const bad = await t.gql(SERIES, { id: runId, seeds: [3] });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "seeds" });
    const key = await t.gql(`query($id: ID!) { run(id: $id) { series(keys: ["nope"]) { key } } }`, { id: runId });
    expect(key.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "keys" });
  });

  it("follows a running run's new points, and serves a finished run's unchanged answer again", async () => {
    const id = (await t.gql(`mutation { createRun(input: { config: { p: 13, steps: 100 } }) { id } }`)).body.data.createRun.id;
    expect((await claimNextRun(t.db.db, "w2"))?.id).toBe(id); // the only queued run
    const lastStep = async () => {
      const { body } = await t.gql(SERIES, { id, seeds: [0], buckets: 100 });
      return body.data.run.series[0]?.buckets.at(-1)?.toStep;
    };
    await recordProgress(t.db.db, { runId: id, workerId: "w2", stepsDone: 10, events: [], evaluations: [{ seed: 0, step: 10, metrics: { test_loss: 1 } }] });
    expect(await lastStep()).toBe(10);
    await recordProgress(t.db.db, { runId: id, workerId: "w2", stepsDone: 20, events: [], evaluations: [{ seed: 0, step: 20, metrics: { test_loss: 1 } }] });
    expect(await lastStep()).toBe(20); // not a cached answer while it runs
    await finishRun(t.db.db, id, "w2", { status: "succeeded" });
    expect(await lastStep()).toBe(20);
    expect(await lastStep()).toBe(20);
  });
});

describe("metricsAppended subscription", () => {
  it("delivers the new points of a recordProgress within 2 s", async () => {
    const client = createClient({ url: t.api.url.replace("http", "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    const received: any[] = [];
    const gotBoth = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: `subscription($id: ID!) { metricsAppended(runId: $id) { runId seed fromStep toStep count points } }`, variables: { id: runId } },
        { next: (msg) => { received.push(msg.data?.metricsAppended); if (received.length === 2) resolve(); }, error: reject, complete: () => {} },
      );
    });
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await recordProgress(t.db.db, {
      runId, workerId: "w", stepsDone: 10_020, events: [],
      evaluations: [
        { seed: 0, step: 10_010, metrics: { test_loss: 0.5 } },
        { seed: 0, step: 10_020, metrics: { test_loss: 0.4 } },
        { seed: 2, step: 10_010, metrics: { test_loss: 0.7 } },
      ],
    });
    await Promise.race([gotBoth, new Promise((_, reject) => setTimeout(() => reject(new Error("no delivery within 2 s")), 2000))]);
    expect(Date.now() - started).toBeLessThan(2000);
    await client.dispose();
    expect(received).toEqual([
      { runId, seed: 0, fromStep: 10_010, toStep: 10_020, count: 2, points: [{ step: 10_010, test_loss: 0.5 }, { step: 10_020, test_loss: 0.4 }] },
      { runId, seed: 2, fromStep: 10_010, toStep: 10_010, count: 1, points: [{ step: 10_010, test_loss: 0.7 }] },
    ]);
  });
});

describe("a diverged run (NaN and ±Infinity values)", () => {
  it("is served with nulls where values are not finite, never an error", async () => {
    const id = (await t.gql(`mutation { createRun(input: { config: { p: 13, steps: 20000 } }) { id } }`)).body.data.createRun.id;
    await claimNextRun(t.db.db, "w");
    const losses = [1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2];
    await recordProgress(t.db.db, { runId: id, workerId: "w", stepsDone: 50, evaluations: losses.map((v, i) => ({ seed: 0, step: (i + 1) * 10, metrics: { test_loss: v } })), events: [] });
    const { body } = await t.gql(
      `query($id: ID!) { run(id: $id) {
        raw: series(keys: ["test_loss"], buckets: 10) { raw buckets { toStep last } columns { last } }
        bucketed: series(keys: ["test_loss"], buckets: 2) { buckets { min max mean last count } }
        metrics(keys: ["test_loss"]) { points { step value min max } } } }`,
      { id },
    );
    expect(body.errors).toBeUndefined();
    const { raw, bucketed, metrics } = body.data.run;
    expect(raw[0].raw).toBe(true);
    expect(raw[0].buckets.map((b: any) => b.last)).toEqual([1, null, null, null, 2]);
    expect(raw[0].columns.last).toEqual([1, null, null, null, 2]);
    expect(metrics[0].points.map((p: any) => p.value)).toEqual([1, null, null, null, 2]);
    // Buckets (10–20, 30–50): NaN is the largest value, as in PostgreSQL; a finite min survives.
    expect(bucketed[0].buckets).toEqual([
      { min: 1, max: null, mean: null, last: null, count: 2 },
      { min: null, max: null, mean: null, last: 2, count: 3 },
    ]);
  });
});
