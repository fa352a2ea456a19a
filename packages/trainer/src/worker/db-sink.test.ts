import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { claimNextRun, createRun, type Db } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { METRIC_KEYS, parseRunConfig, type MetricKey } from "@grokscope/spec";
import { createDbSink } from "./db-sink.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => void (t = await createTestDatabase(inject("pgAdminUrl"))));
afterAll(async () => t?.drop());

/**
 * The registry as seen during a restart: the next `failures` transactions fail with the error
 * node-postgres gives for a dropped connection; `afterCommit` makes them fail only after
 * committing (the reply lost on the way back), the case that tempts a retry into duplicates.
 */
function flakyDb(db: Db, failures: number, afterCommit = false): Db {
  let left = failures;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "transaction") return Reflect.get(target, prop, receiver);
      return async (fn: never) => {
        if (left > 0 && !afterCommit) {
          left--;
          throw new Error("Connection terminated unexpectedly");
        }
        const result = await target.transaction(fn);
        if (left-- > 0) throw new Error("Connection terminated unexpectedly");
        return result;
      };
    },
  });
}

const metrics = Object.fromEntries(METRIC_KEYS.map((k) => [k, 0.5])) as Record<MetricKey, number>;

async function claimedRun(workerId: string) {
  const parsed = parseRunConfig({ p: 13 });
  if (!parsed.ok) throw new Error("bad config");
  const { run } = await createRun(t.db, { name: workerId, config: parsed.config });
  const claimed = await claimNextRun(t.db, workerId);
  expect(claimed?.id).toBe(run.id);
  return run.id;
}

const steps = async (runId: string) =>
  (await t.db.execute<{ step: number }>(sql`SELECT step FROM run_metric_points WHERE run_id = ${runId} ORDER BY step`)).rows.map((r) => r.step);

describe("db sink during a database outage", () => {
  it.each([
    ["fails before committing", false],
    ["commits but loses the reply", true],
  ])("keeps every point when a write %s, and writes each exactly once", async (_case, afterCommit) => {
    const runId = await claimedRun(`sink-${String(afterCommit)}`);
    const logs: string[] = [];
    const sink = createDbSink({ db: flakyDb(t.db, 3, afterCommit), runId, workerId: `sink-${String(afterCommit)}`, flushEveryMs: 0, log: (m) => void logs.push(m) });
    // Training goes on while writes fail: onEvaluation never throws.
    for (let step = 0; step <= 100; step += 10) await sink.onEvaluation({ step, seed: 0, metrics, events: [] });
    await sink.flush();
    expect(await steps(runId)).toEqual(Array.from({ length: 11 }, (_, i) => i * 10));
    expect(sink.buffered).toBe(0);
    expect(sink.shouldStop()).toBe(false);
    expect(logs.some((l) => /failed/.test(l))).toBe(true);
  });

  it("gives up a durable flush after maxOutageMs, keeping the points for a later try", async () => {
    const runId = await claimedRun("sink-giveup");
    const sink = createDbSink({ db: flakyDb(t.db, 1_000), runId, workerId: "sink-giveup", flushEveryMs: 60_000, maxOutageMs: 300, log: () => {} });
    await sink.onEvaluation({ step: 0, seed: 0, metrics, events: [] });
    await expect(sink.flush()).rejects.toThrow(/Connection terminated/);
    expect(sink.buffered).toBe(1);
  });
});
