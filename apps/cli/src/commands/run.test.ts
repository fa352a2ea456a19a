import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { getRun } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { enqueueRunFromFlags } from "./run.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(async () => t?.drop());

describe("grokscope run (enqueue)", () => {
  it("enqueues a run with the flags' config and name", async () => {
    const out = await enqueueRunFromFlags(t.db, ["--p", "13", "--seeds", "3", "--clamp-rho", "1.15", "--name", "my run"]);
    if (!out.ok) throw new Error(out.errors.join("; "));
    const stored = await getRun(t.db, out.run.id);
    expect(stored).toMatchObject({ status: "queued", name: "my run", seeds: 3, clampRho: 1.15 });
  });

  it("rejects bad flags with field-named errors and enqueues nothing", async () => {
    expect(await enqueueRunFromFlags(t.db, ["--p", "12"])).toEqual({ ok: false, errors: ["p: p must be prime"] });
    expect(await enqueueRunFromFlags(t.db, ["--bogus"])).toEqual({ ok: false, errors: ["unknown argument --bogus"] });
  });
});
