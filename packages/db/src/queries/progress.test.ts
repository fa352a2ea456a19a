import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sql } from "drizzle-orm";
import { parseRunConfig } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import { recordProgress, type EvaluationRecord, type EventRecord } from "./progress.ts";
import { claimNextRun, createRun } from "./runs.ts";
import { refreshLiveSummary } from "./summary.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => void (t = await createTestDatabase(inject("pgAdminUrl"))));
afterAll(async () => t?.drop());

/** A new run, claimed by worker "w". */
async function runningRun(name: string, seeds = 1) {
  const parsed = parseRunConfig({ p: 13, steps: 1000, seeds });
  if (!parsed.ok) throw new Error("bad config");
  const { run } = await createRun(t.db, { name, config: parsed.config });
  await claimNextRun(t.db, "w");
  return run.id;
}
const write = (runId: string, evaluations: EvaluationRecord[], events: EventRecord[] = [], workerId = "w") =>
  recordProgress(t.db, { runId, workerId, stepsDone: 100, evaluations, events });
const testLoss = async (runId: string) =>
  (await t.db.execute<{ step: number; test_loss: number }>(sql`SELECT step, test_loss FROM run_metric_points WHERE run_id = ${runId} ORDER BY step`)).rows;
const summary = async (runId: string) =>
  (await t.db.execute(sql`SELECT t_mem, t_grok, delay, seeds_grokked, logit_scale_at_grok, final_train_acc, final_test_acc FROM runs WHERE id = ${runId}`)).rows[0];

describe("recordProgress", () => {
  it("stores every value as the float32 it is, non-finite ones included, and keys a batch did not record as null", async () => {
    const parsed = parseRunConfig({ p: 13, steps: 100 });
    if (!parsed.ok) throw new Error("bad config");
    const { run } = await createRun(t.db, { name: "values", config: parsed.config });
    await claimNextRun(t.db, "w");
    const values = [0.1, 1 / 3, 1e-7, -2.5e-39 /* subnormal */, 3.4028234663852886e38, 123456.789, NaN, Infinity, -Infinity, 0];
    const outcome = await recordProgress(t.db, {
      runId: run.id, workerId: "w", stepsDone: 100, events: [],
      evaluations: values.map((v, i) => ({ seed: 0, step: i * 10, metrics: { test_loss: v, train_acc: i % 2 === 0 ? v : undefined } })),
    });
    expect(outcome).toMatchObject({ owned: true });
    // A batch that records only some keys leaves the others null.
    await recordProgress(t.db, { runId: run.id, workerId: "w", stepsDone: 100, events: [], evaluations: [{ seed: 1, step: 0, metrics: {} }] });

    const rows = await t.db.execute<{ seed: number; step: number; test_loss: number | string | null; train_acc: number | string | null; logit_scale: number | null }>(
      sql`SELECT seed, step, test_loss::float8::text AS test_loss, train_acc::float8::text AS train_acc, logit_scale FROM run_metric_points WHERE run_id = ${run.id} ORDER BY seed, step`,
    );
    // float8 text of the stored float4, read back as a JS number: exactly Math.fround of the value.
    const stored = (v: number | string | null) => (v === null ? null : Number(v));
    expect(rows.rows.filter((r) => r.seed === 0).map((r) => stored(r.test_loss))).toEqual(values.map(Math.fround));
    expect(rows.rows.filter((r) => r.seed === 0).map((r) => stored(r.train_acc))).toEqual(values.map((v, i) => (i % 2 === 0 ? Math.fround(v) : null)));
    expect(rows.rows.every((r) => r.logit_scale === null)).toBe(true);
    expect(rows.rows.find((r) => r.seed === 1)).toMatchObject({ step: 0, test_loss: null, train_acc: null });
  });

  it("keeps stored points when a batch is sent again, writes its new ones, and keeps the first of a point sent twice", async () => {
    const runId = await runningRun("retried");
    await write(runId, [{ seed: 0, step: 0, metrics: { test_loss: 1 } }, { seed: 0, step: 10, metrics: { test_loss: 1 } }]);
    const again = [10, 20, 20].map((step, i) => ({ seed: 0, step, metrics: { test_loss: i + 2 } }));
    expect(await write(runId, again)).toMatchObject({ owned: true });
    expect(await testLoss(runId)).toEqual([{ step: 0, test_loss: 1 }, { step: 10, test_loss: 1 }, { step: 20, test_loss: 3 }]);
  });

  it("writes nothing for a run the worker does not own", async () => {
    const runId = await runningRun("not mine");
    const before = await summary(runId);
    const outcome = await write(runId, [{ seed: 0, step: 0, metrics: { test_loss: 1, test_acc: 0.5 } }], [{ seed: 0, kind: "t_mem", step: 0 }], "other");
    expect(outcome).toEqual({ owned: false });
    expect(await testLoss(runId)).toEqual([]);
    const events = await t.db.execute(sql`SELECT 1 FROM run_events WHERE run_id = ${runId}`);
    expect(events.rows).toEqual([]);
    expect(await summary(runId)).toEqual(before);
  });

  it("keeps the live summary equal to one recomputed from every stored point and event", async () => {
    const runId = await runningRun("summary", 2);
    const acc = (seed: number, step: number, a: number) => ({ seed, step, metrics: { train_acc: a, test_acc: a / 3 } });
    const batches: [EvaluationRecord[], EventRecord[]][] = [
      [[acc(0, 10, 0.1), acc(1, 10, 0.7)], [{ seed: 0, kind: "t_mem", step: 10 }]],
      // Seed 1's step 5 is older than its stored step 10, so it is not the latest; seed 0's t_mem is stored already.
      [[acc(0, 20, 0.3), acc(1, 5, 0.9)], [{ seed: 0, kind: "t_mem", step: 99 }, { seed: 1, kind: "t_mem", step: 20 }]],
      [[acc(0, 30, 0.123457), acc(1, 30, 0.654321)], [{ seed: 0, kind: "t_grok", step: 30, value: 11.1 }, { seed: 1, kind: "t_grok", step: 30, value: 12.3 }]],
      [[], [{ seed: 1, kind: "t_grok", step: 40, value: 99 }]],
    ];
    for (const [evaluations, events] of batches) {
      await write(runId, evaluations, events);
      const live = await summary(runId);
      await refreshLiveSummary(t.db, runId);
      expect(live).toEqual(await summary(runId));
    }
    // The median of the float32s stored: (11.1f + 12.3f) / 2 rounds to 11.700001f, not to 11.7f.
    expect(await summary(runId)).toMatchObject({ t_mem: 15, t_grok: 30, delay: 15, seeds_grokked: 2, logit_scale_at_grok: 11.700001 });
  });
});
