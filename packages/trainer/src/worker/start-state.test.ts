import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { createRun, getRun, saveCheckpoint } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { parseRunConfig } from "@grokscope/spec";
import { startState } from "./start-state.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(async () => t?.drop());

const config = () => {
  const parsed = parseRunConfig({ p: 13, steps: 100 });
  if (!parsed.ok) throw new Error("bad config");
  return parsed.config;
};

describe("a claimed run's start state", () => {
  it("is nothing for a fresh run, its own latest resume checkpoint after a crash", async () => {
    const { run } = await createRun(t.db, { name: "fresh", config: config() });
    expect(await startState(t.db, run)).toBeUndefined();
    await saveCheckpoint(t.db, { runId: run.id, step: 20, kind: "resume", seeds: 1, state: new Uint8Array([1]) });
    await saveCheckpoint(t.db, { runId: run.id, step: 40, kind: "resume", seeds: 1, state: new Uint8Array([7, 8]) });
    expect(await startState(t.db, run)).toEqual({ state: new Uint8Array([7, 8]), from: "its resume checkpoint at step 40" });
  });

  it("is the parent's checkpoint at fork_step for a fork, and a clear error when there is none", async () => {
    const { run: parent } = await createRun(t.db, { name: "parent", config: config() });
    await saveCheckpoint(t.db, { runId: parent.id, step: 80, kind: "kept", seeds: 1, state: new Uint8Array([5]) });
    const { run: child } = await createRun(t.db, { name: "fork", config: config() });
    await t.db.execute(sql`UPDATE runs SET parent_run_id = ${parent.id}, fork_step = 80 WHERE id = ${child.id}`);
    expect((await startState(t.db, (await getRun(t.db, child.id))!))?.state).toEqual(new Uint8Array([5]));
    await t.db.execute(sql`UPDATE runs SET fork_step = 60 WHERE id = ${child.id}`);
    await expect(startState(t.db, (await getRun(t.db, child.id))!)).rejects.toThrow(`fork parent ${parent.id} has no checkpoint at step 60`);
  });
});
