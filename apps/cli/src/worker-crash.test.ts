import { spawn } from "node:child_process";
import { getPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { createRun, sweepStaleRuns, getRun } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { parseRunConfig } from "@grokscope/spec";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => void (t = await createTestDatabase(inject("pgAdminUrl"))));
afterAll(async () => t?.drop());

const metricRows = async (runId: string) =>
  Number((await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM run_metric_points WHERE run_id = ${runId}`)).rows[0]!.n);

describe("a worker killed with SIGKILL mid-run", () => {
  it("leaves its metrics in place and its run is failed with a reason once its heartbeat is stale", async () => {
    const parsed = parseRunConfig({ p: 13, steps: 500_000, evalEvery: 10, embedDim: 32, hiddenDim: 64 });
    if (!parsed.ok) throw new Error("bad config");
    const { run } = await createRun(t.db, { name: "doomed", config: parsed.config });

    const worker = spawn(process.execPath, ["--import", "tsx", MAIN, "worker"], { env: { ...process.env, DATABASE_URL: t.url }, stdio: "ignore" });
    const deadline = Date.now() + 60_000;
    while ((await metricRows(run.id)) < 5) {
      if (Date.now() > deadline) throw new Error("worker never wrote metrics");
      await new Promise((r) => setTimeout(r, 200));
    }
    // Training runs below the API's priority (GROKSCOPE_WORKER_NICE, default 10), never above ours.
    expect(getPriority(worker.pid!)).toBe(Math.max(10, getPriority()));
    worker.kill("SIGKILL");
    await new Promise((r) => worker.once("exit", r));
    const written = await metricRows(run.id);
    expect((await getRun(t.db, run.id))?.status).toBe("running");

    // The worker loop runs this check with a 30 s threshold; 1 s keeps the test short.
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await sweepStaleRuns(t.db, 1)).failed).toContain(run.id);
    const failed = await getRun(t.db, run.id);
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toMatch(/stopped reporting/);
    expect(await metricRows(run.id)).toBe(written);
    // Points form one gap-free prefix of evaluation steps: nothing half-written.
    const steps = await t.db.execute<{ step: number }>(sql`SELECT step FROM run_metric_points WHERE run_id = ${run.id} ORDER BY step`);
    expect(steps.rows.map((r) => r.step)).toEqual(Array.from({ length: written }, (_, i) => i * 10));
  });
});
