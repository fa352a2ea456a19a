import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sql } from "drizzle-orm";
import { parseRunConfig } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import { recordProgress } from "./progress.ts";
import { claimNextRun, createRun } from "./runs.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => void (t = await createTestDatabase(inject("pgAdminUrl"))));
afterAll(async () => t?.drop());

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
});
