import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { parseRunConfig } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import { claimNextRun, createRun, finishRun } from "./runs.ts";
import { recordProgress, type EvaluationRecord } from "./progress.ts";
import { readBucketedSeries, readSeries } from "./series.ts";

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

/**
 * The bucketing moved from SQL to JS (series-bucketing.ts): it must answer exactly what
 * PostgreSQL computes for the same definition, on awkward data (NaN, ±Infinity, gaps, seeds
 * with different ranges, keys missing at some steps).
 */
describe("bucketed series agree with PostgreSQL's own bucketing, whether a run's points are rows or arrays", () => {
  let oddRun: string;
  beforeAll(async () => {
    const r = parseRunConfig({ p: 13, steps: 100_000, seeds: 3 });
    if (!r.ok) throw new Error("bad config");
    oddRun = (await createRun(t.db, { name: "odd", config: r.config })).run.id;
    await claimNextRun(t.db, "w");
    let x = 7;
    const random = () => ((x = (x * 48271) % 2147483647), x / 2147483647);
    const evaluations: EvaluationRecord[] = [];
    for (let seed = 0; seed < 3; seed++)
      for (let step = seed * 37; step < 20_000 - seed * 500; step += 10 + Math.floor(random() * 20)) {
        const u = random();
        const value = u < 0.01 ? Number.NaN : u < 0.015 ? Number.POSITIVE_INFINITY : u < 0.02 ? Number.NEGATIVE_INFINITY : Math.fround(random() * 10 - 5);
        evaluations.push({ seed, step, metrics: u > 0.9 ? { test_acc: random() } : { test_acc: random(), train_loss: value } });
      }
    await recordProgress(t.db, { runId: oddRun, workerId: "w", stepsDone: 20_000, evaluations, events: [] });
  });

  /** The SQL bucketing this package used before (one hash aggregate over the materialised points). */
  async function reference(o: { buckets: number; log: boolean; aggregate?: "mean" | "max"; fromStep?: number; toStep?: number }) {
    const v = sql.identifier("train_loss");
    const n = o.buckets;
    const where = sql`run_num = (SELECT num FROM runs WHERE id = ${oddRun}) AND step BETWEEN ${o.fromStep ?? 0} AND ${o.toStep ?? 2_147_483_647} AND ${v} IS NOT NULL`;
    const source = o.aggregate
      ? sql`(SELECT -1 AS seed, step, ${o.aggregate === "mean" ? sql`avg(${v})` : sql`max(${v})`}::float8 AS v FROM metric_points WHERE ${where} GROUP BY step)`
      : sql`(SELECT seed::int AS seed, step, ${v}::float8 AS v FROM metric_points WHERE ${where})`;
    const [lo, hi] = [sql`(SELECT lo FROM b)`, sql`(SELECT hi FROM b)`];
    const bucket = o.log
      ? sql`least(floor((ln((step + 1)::float8) - ln(${lo} + 1.0::float8)) / greatest(ln(${hi} + 1.0::float8) - ln(${lo} + 1.0::float8), 1e-12) * ${n}::int)::int, ${n}::int - 1)`
      : sql`least(((step - ${lo})::int8 * ${n}::int) / greatest(${hi} - ${lo}, 1), ${n}::int - 1)`;
    const raw = sql`((SELECT n FROM b) <= ${n}::int)`;
    const rows = await t.db.execute<{ seed: number; from_step: number; to_step: number; min: number; max: number; mean: number; last: number; count: number; raw: boolean }>(sql`
      WITH src AS MATERIALIZED ${source},
      b AS (SELECT min(lo) AS lo, max(hi) AS hi, max(n) AS n FROM (SELECT min(step) AS lo, max(step) AS hi, count(*) AS n FROM src GROUP BY seed) per_seed)
      SELECT seed, min(step) AS from_step, max(step) AS to_step, min(v) AS min, max(v) AS max, avg(v) AS mean,
             (max(ARRAY[step::float8, v]))[2] AS last, count(*)::int AS count, bool_and(${raw}) AS raw
      FROM src GROUP BY seed, CASE WHEN ${raw} THEN step ELSE ${bucket} END ORDER BY seed, to_step`);
    return rows.rows;
  }

  /** readSeries' SQL before it was packed: one statement per seed and key. */
  async function referenceSeries(keys: ("train_loss" | "test_acc")[], maxPoints: number, fromStep = 0, toStep = 2_147_483_647) {
    const num = sql`(SELECT num FROM runs WHERE id = ${oddRun})`;
    const range = await t.db.execute<{ seed: number; lo: number; hi: number; n: number }>(sql`
      SELECT seed, min(step) AS lo, max(step) AS hi, count(*)::int AS n FROM metric_points
      WHERE run_num = ${num} AND step BETWEEN ${fromStep} AND ${toStep} GROUP BY seed ORDER BY seed`);
    const out = [];
    for (const { seed, lo, hi, n } of range.rows) {
      const width = n <= maxPoints ? 1 : Math.ceil((hi - lo + 1) / maxPoints);
      for (const key of keys) {
        const v = sql.identifier(key);
        const rows = await t.db.execute<{ step: number; value: number; min: number; max: number }>(sql`
          SELECT max(step) AS step, (array_agg(${v} ORDER BY step DESC))[1] AS value, min(${v}) AS min, max(${v}) AS max
          FROM metric_points WHERE run_num = ${num} AND seed = ${seed} AND step BETWEEN ${fromStep} AND ${toStep} AND ${v} IS NOT NULL
          GROUP BY (step - ${lo}::int) / ${width}::int ORDER BY 1`);
        // real values come back as their shortest decimal text; the packed path returns the float4 itself
        const f = (x: unknown) => Math.fround(Number(x));
        out.push({ key, seed, points: rows.rows.map((r) => ({ step: r.step, value: f(r.value), min: f(r.min), max: f(r.max) })) });
      }
    }
    return out;
  }

  const cases = [
    { buckets: 1_000, log: false },
    { buckets: 37, log: false },
    { buckets: 1, log: false },
    { buckets: 500, log: true },
    { buckets: 5_000, log: false }, // more buckets than points: raw
    { buckets: 100, log: false, fromStep: 5_000, toStep: 6_000 },
    { buckets: 50, log: false, aggregate: "mean" as const },
    { buckets: 200, log: true, aggregate: "max" as const },
  ];
  const seriesCases = [[1000, undefined, undefined], [37, undefined, undefined], [2, undefined, undefined], [100_000, undefined, undefined], [50, 5_000, 6_000]] as const;
  const seriesKeys = ["train_loss", "test_acc"] as ("train_loss" | "test_acc")[];

  // The oracles read metric_points rows, so they are computed while the run is live; the same
  // answers are then required once its points have moved to arrays (the run ended).
  let expectedBuckets: Awaited<ReturnType<typeof reference>>[];
  let expectedSeries: Awaited<ReturnType<typeof referenceSeries>>[];
  beforeAll(async () => {
    expectedBuckets = await Promise.all(cases.map((c) => reference(c)));
    expectedSeries = await Promise.all(seriesCases.map(([maxPoints, from, to]) => referenceSeries(seriesKeys, maxPoints, from, to)));
  });

  for (const phase of ["live run (rows)", "ended run (arrays)"] as const) {
    describe(phase, () => {
      if (phase === "ended run (arrays)")
        beforeAll(async () => {
          await finishRun(t.db, oddRun, "w", { status: "succeeded" });
          const stored = await t.db.execute<{ rows: number; arrays: number }>(sql`
            SELECT (SELECT count(*)::int FROM metric_points WHERE run_num = r.num) AS rows, (SELECT count(*)::int FROM metric_arrays WHERE run_num = r.num) AS arrays
            FROM runs r WHERE r.id = ${oddRun}`);
          expect(stored.rows[0]).toEqual({ rows: 0, arrays: 3 });
          // Its steps are unevenly spaced: they are stored and read as an array (no stride).
          const strides = await t.db.execute(sql`SELECT step_stride FROM metric_arrays WHERE run_num = (SELECT num FROM runs WHERE id = ${oddRun})`);
          expect(strides.rows).toEqual([{ step_stride: null }, { step_stride: null }, { step_stride: null }]);
        });

      cases.forEach((c, k) => {
        it(`bucketing matches for ${JSON.stringify(c)}`, async () => {
          const expected = expectedBuckets[k]!;
          const got = await readBucketedSeries(t.db, oddRun, { keys: ["train_loss"], buckets: c.buckets, xScale: c.log ? "log" : "linear", aggregate: c.aggregate, fromStep: c.fromStep, toStep: c.toStep });
          const flat = got.flatMap((s) => s.buckets.map((b) => ({ seed: s.seed ?? -1, raw: s.raw, ...b })));
          expect(flat.length).toBe(expected.length);
          expect(flat.length).toBeGreaterThan(0);
          flat.forEach((b, i) => {
            const e = expected[i]!;
            expect([b.seed, b.fromStep, b.toStep, b.count, b.raw]).toEqual([e.seed, e.from_step, e.to_step, e.count, e.raw]);
            expect([b.min, b.max, b.last]).toEqual([e.min, e.max, e.last].map(Number));
            if (Number.isFinite(e.mean)) expect(b.mean).toBeCloseTo(Number(e.mean), 9);
            else expect(b.mean).toEqual(Number(e.mean));
          });
        });
      });

      seriesCases.forEach(([maxPoints, from, to], k) => {
        it(`readSeries matches its per-seed SQL for maxPoints ${maxPoints}, steps ${from ?? 0}–${to ?? "end"}`, async () => {
          const got = await readSeries(t.db, oddRun, { keys: seriesKeys, maxPoints, fromStep: from, toStep: to });
          expect(got.length).toBe(6);
          expect(got).toEqual(expectedSeries[k]);
        });
      });
    });
  }
});
