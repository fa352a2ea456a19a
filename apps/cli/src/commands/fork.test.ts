import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createRun, getRun, saveCheckpoint, type RunRow } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { parseRunConfig, type RunConfig } from "@grokscope/spec";
import { parseForkFrom } from "./fork.ts";
import { enqueueRunFromFlags, parseRunArgs } from "./run.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let parent: RunRow;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  const config = parseRunConfig({ p: 13, seeds: 2, steps: 3000, clamp: { rho: 1.15 }, checkpointSteps: [800] });
  if (!config.ok) throw new Error("bad config");
  parent = (await createRun(t.db, { name: "parent", config: config.config })).run;
  await saveCheckpoint(t.db, { runId: parent.id, step: 800, kind: "kept", seeds: 2, state: new Uint8Array([1, 2, 3]) });
});
afterAll(async () => t?.drop());

const errorsOf = async (argv: string[]) => {
  const out = await enqueueRunFromFlags(t.db, argv);
  if (out.ok) throw new Error("expected errors");
  return out.errors;
};

describe("grokscope run --fork-from", () => {
  it("enqueues a fork from the checkpoint with the parent's config and the overrides", async () => {
    const out = await enqueueRunFromFlags(t.db, ["--fork-from", `${parent.id}@800`, "--temperature", "1.7", "--clamp-rho", "1.0"]);
    if (!out.ok) throw new Error(out.errors.join("; "));
    const stored = await getRun(t.db, out.run.id);
    expect(stored).toMatchObject({ parentRunId: parent.id, forkStep: 800, status: "queued", name: "parent (fork @800)", seeds: 2, p: 13, clampRho: 1 });
    const config = stored!.config as RunConfig;
    expect(config).toMatchObject({ temperature: 1.7, steps: 3000, clamp: { rho: 1, fromStep: 500 } });
  });

  it("--no-clamp drops the parent's clamp; --name names the fork", async () => {
    const out = await enqueueRunFromFlags(t.db, ["--fork-from", `${parent.id}@800`, "--no-clamp", "--name", "free"]);
    if (!out.ok) throw new Error(out.errors.join("; "));
    expect((out.run.config as RunConfig).clamp).toBeUndefined();
    expect(out.run.name).toBe("free");
  });

  it("says what is wrong with RUN@STEP", () => {
    expect(parseForkFrom("abc")).toEqual({ ok: false, error: expect.stringMatching(/must look like RUN_ID@STEP/) });
    expect(parseForkFrom("abc@800")).toEqual({ ok: false, error: expect.stringMatching(/"abc" is not a run id/) });
    expect(parseForkFrom(`${parent.id}@x`)).toEqual({ ok: false, error: expect.stringMatching(/step "x" must be a whole number/) });
    expect(parseForkFrom(`${parent.id}@800`)).toEqual({ ok: true, runId: parent.id, step: 800 });
  });

  it("an unknown run, a step without a checkpoint, a forbidden change", async () => {
    const ghost = randomUUID();
    expect(await errorsOf(["--fork-from", `${ghost}@800`])).toEqual([`--fork-from: unknown run ${ghost}`]);
    expect(await errorsOf(["--fork-from", `${parent.id}@900`])).toEqual([
      `--fork-from: run ${parent.id} has no checkpoint at step 900 (checkpoints: 800; keep one with --checkpoint-steps 900)`,
    ]);
    expect(await errorsOf(["--fork-from", `${parent.id}@800`, "--p", "17", "--seeds", "3"])).toEqual([
      "p: a fork keeps the parent's p (parent 13, fork 17)",
      "seeds: a fork keeps the parent's seeds (parent 2, fork 3)",
    ]);
    expect(await errorsOf(["--fork-from", `${parent.id}@800`, "--steps", "500"])).toEqual(["steps: steps (500) must exceed the fork step 800"]);
    expect(await errorsOf(["--fork-from", `${parent.id}@800`, "--temperature", "-1"])).toEqual(["temperature: temperature must be positive"]);
  });

  it("refuses --fork-from with --local and --no-clamp without --fork-from", () => {
    expect(parseRunArgs(["--fork-from", `${parent.id}@800`, "--local"])).toEqual({ ok: false, errors: [expect.stringMatching(/cannot be combined with --local/)] });
    expect(parseRunArgs(["--no-clamp"])).toEqual({ ok: false, errors: [expect.stringMatching(/--no-clamp applies only with --fork-from/)] });
  });
});
