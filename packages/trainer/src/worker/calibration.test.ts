import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { createRun, getRun, type RunRow } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { parseRunConfig, type RunConfigInput } from "@grokscope/spec";
import { createWorker } from "./worker-loop.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let worker: ReturnType<typeof createWorker>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  worker = createWorker({ db: t.db, idlePollMs: 100, log: () => {} });
  void worker.start();
});
afterAll(async () => {
  await worker?.stop();
  await t?.drop();
});

const cell = { p: 13, trainFraction: 0.5, lr: 3e-3, weightDecay: 1, embedDim: 32, hiddenDim: 64, backend: "wasm" } as const;
const parse = (input: RunConfigInput) => {
  const parsed = parseRunConfig({ ...cell, ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
};

async function waitFinished(id: string, timeoutMs = 50_000): Promise<RunRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(t.db, id);
    if (run && run.status !== "queued" && run.status !== "running") return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run?.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("clamp.rho calibration in the worker", () => {
  it("fails a rho run clearly when its cell has no finished unclamped τ = 1 run", async () => {
    const { run } = await createRun(t.db, { name: "rho alone", config: parse({ steps: 20, clamp: { rho: 1.1, fromStep: 0 } }) });
    const failed = await waitFinished(run.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/no finished unclamped τ = 1 runs of this cell \(model=mlp, p=13, .*loss=ce.*\) to calibrate w_c; run one first/);
  });

  it("resolves the target to ρ·w_c from the cell's finished control runs and records both", async () => {
    // A finished control run whose two seeds grokked at weight norms 30 and 50 (w_c = 40).
    const { run: control } = await createRun(t.db, { name: "control", config: parse({ steps: 100, seeds: 2 }) });
    await t.db.execute(sql`UPDATE runs SET status = 'succeeded' WHERE id = ${control.id}`);
    await t.db.execute(sql`INSERT INTO metric_points (run_num, seed, step, weight_norm) VALUES (${control.num}, 0, 50, 30), (${control.num}, 1, 70, 50)`);
    await t.db.execute(sql`INSERT INTO run_events (run_id, seed, kind, step, value) VALUES (${control.id}, 0, 't_grok', 50, 1), (${control.id}, 1, 't_grok', 70, 1)`);

    const { run } = await createRun(t.db, { name: "rho", config: parse({ steps: 20, evalEvery: 10, clamp: { rho: 1.15, fromStep: 0 } }) });
    const done = await waitFinished(run.id);
    expect(done.status, done.error ?? "").toBe("succeeded");
    expect(done.criticalNorm).toBe(40);
    expect(done.clampTarget).toBeCloseTo(46);
  });

  it("stores an absolute clamp target as given", async () => {
    const { run } = await createRun(t.db, { name: "abs", config: parse({ steps: 20, evalEvery: 10, clamp: { target: 25, fromStep: 0 } }) });
    const done = await waitFinished(run.id);
    expect(done).toMatchObject({ status: "succeeded", clampTarget: 25, criticalNorm: null });
  });
});
