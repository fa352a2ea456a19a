import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkpoints } from "@grokscope/db";
import { startTestApi, type TestApi } from "./test-harness.ts";

let t: TestApi;
let parentId: string;
beforeAll(async () => {
  t = await startTestApi();
  const created = await t.gql(`mutation { createRun(input: { name: "parent", config: { p: 13, steps: 2000, seeds: 2, temperature: 1, checkpointSteps: [800] } }) { id } }`);
  parentId = created.body.data.createRun.id;
  await t.db.db.insert(checkpoints).values({ runId: parentId, step: 800, kind: "kept", seeds: 2, state: Buffer.from([1, 2, 3]) });
});
afterAll(async () => t?.close());

const FORK = `mutation($runId: ID!, $step: Int!, $overrides: RunConfigInput, $key: String) {
  forkRun(runId: $runId, step: $step, overrides: $overrides, idempotencyKey: $key) {
    id name author status forkStep parent { id } seeds config { p seeds temperature clamp { rho target fromStep } steps } } }`;

describe("forkRun", () => {
  it("queues a run from the parent's checkpoint with the overrides applied", async () => {
    const { body } = await t.gql(FORK, { runId: parentId, step: 800, overrides: { temperature: 1.3, clamp: { rho: 1.15, fromStep: 800 } } });
    expect(body.errors).toBeUndefined();
    expect(body.data.forkRun).toMatchObject({
      status: "QUEUED",
      forkStep: 800,
      parent: { id: parentId },
      seeds: 2,
      config: { p: 13, seeds: 2, temperature: 1.3, steps: 2000, clamp: { rho: 1.15, target: null, fromStep: 800 } },
    });
    expect(body.data.forkRun.name).toBe("parent (fork @800)");
    expect(body.data.forkRun.author).toBe("local");
  });

  it("refuses a step without a checkpoint (field step) and an unknown run (NOT_FOUND)", async () => {
    const noCheckpoint = await t.gql(FORK, { runId: parentId, step: 900 });
    expect(noCheckpoint.status).toBeLessThan(500);
    expect(noCheckpoint.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "step" });
    expect(noCheckpoint.body.errors?.[0]?.message).toContain("800");
    const missing = await t.gql(FORK, { runId: "00000000-0000-0000-0000-000000000000", step: 800 });
    expect(missing.body.errors?.[0]?.extensions.code).toBe("NOT_FOUND");
  });

  it.each([
    ["a fixed field (p)", { p: 17 }, "p"],
    ["the seed count", { seeds: 3 }, "seeds"],
    ["a clamp with both target and rho", { clamp: { rho: 1, target: 30 } }, "clamp.rho"],
    ["steps not beyond the fork step", { steps: 800 }, "steps"],
  ])("names the field of an incompatible override: %s", async (_label, overrides, field) => {
    const { body } = await t.gql(FORK, { runId: parentId, step: 800, overrides });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("returns the first fork for a retried idempotency key", async () => {
    const a = (await t.gql(FORK, { runId: parentId, step: 800, overrides: { temperature: 1.7 }, key: "fork-1" })).body.data.forkRun;
    const b = (await t.gql(FORK, { runId: parentId, step: 800, overrides: { temperature: 1.5 }, key: "fork-1" })).body.data.forkRun;
    expect(b.id).toBe(a.id);
    expect(b.config.temperature).toBe(1.7);
  });
});

describe("createRun idempotency and new config fields", () => {
  it("returns the first run for a retried idempotencyKey", async () => {
    const q = `mutation($key: String, $name: String) { createRun(input: { name: $name, config: { p: 13 } }, idempotencyKey: $key) { id name author } }`;
    const a = (await t.gql(q, { key: "run-1", name: "first" })).body.data.createRun;
    const b = (await t.gql(q, { key: "run-1", name: "second" })).body.data.createRun;
    expect(b).toEqual(a);
    expect(a).toMatchObject({ name: "first", author: "local" });
  });

  it("accepts and returns the transformer, grokfast and schedule knobs", async () => {
    const { body } = await t.gql(`mutation { createRun(input: { config: {
      p: 13, model: "TRANSFORMER", heads: 4, embedDim: 64, warmupSteps: 10, grokfast: { alpha: 0.9 }, batchSize: 64,
      checkpointEvery: 500, checkpointSteps: [100], decayOrder: TORCH, clamp: { target: 30 } } }) {
      config { model heads embedDim hiddenDim warmupSteps grokfast { alpha lambda } batchSize checkpointEvery checkpointSteps decayOrder clamp { target rho fromStep } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.createRun.config).toEqual({
      model: "transformer", heads: 4, embedDim: 64, hiddenDim: 512, warmupSteps: 10, grokfast: { alpha: 0.9, lambda: 2 }, batchSize: 64,
      checkpointEvery: 500, checkpointSteps: [100], decayOrder: "TORCH", clamp: { target: 30, rho: null, fromStep: 500 },
    });
  });

  it("refuses a clamp with neither target nor rho, naming the field", async () => {
    const { body } = await t.gql(`mutation { createRun(input: { config: { p: 13, clamp: { fromStep: 10 } } }) { id } }`);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "clamp.target" });
  });
});
