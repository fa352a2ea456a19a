import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { runEvents } from "@grokscope/db";
import { startTestApi, type TestApi } from "./test-harness.ts";

let t: TestApi;
beforeAll(async () => void (t = await startTestApi()));
afterAll(async () => t?.close());

const CREATE = `mutation($input: CreateSweepInput!, $key: String) { createSweep(input: $input, idempotencyKey: $key) {
  id name author seeds grid { field values } progress { total queued cancelled }
  runs { id name status seeds sweep { id } config { seeds clamp { rho } temperature } }
  cells { values tGrok delay grokked seeds logitScaleAtGrok runs { id } } } }`;
const MEDIATION = {
  name: "mediation",
  base: { p: 13, steps: 200 },
  grid: [{ field: "clamp.rho", values: [1, 1.15] }, { field: "temperature", values: [1, 1.3] }],
  extraCells: [{ temperature: 1 }],
  seeds: 3,
};
const sweepRunCount = async () => Number((await t.db.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM runs WHERE sweep_id IS NOT NULL`)).rows[0]!.n);

describe("createSweep", () => {
  it("enqueues one run per cell, each with the sweep's seeds", async () => {
    const { body } = await t.gql(CREATE, { input: MEDIATION });
    expect(body.errors).toBeUndefined();
    const sweep = body.data.createSweep;
    expect(sweep.progress).toMatchObject({ total: 5, queued: 5 });
    expect(sweep.runs).toHaveLength(5);
    for (const run of sweep.runs) expect(run).toMatchObject({ status: "QUEUED", seeds: 3, sweep: { id: sweep.id }, config: { seeds: 3 } });
    expect(sweep.runs.map((r: any) => r.name)).toContain("mediation ρ=1.15 τ=1.3");
    expect(sweep.grid).toEqual(MEDIATION.grid);
    // The test server runs on loopback without users, where every caller is the admin "local".
    expect(sweep.author).toBe("local");
    expect(sweep.cells.map((c: any) => c.values)).toContainEqual({ "clamp.rho": "none", temperature: 1 });
  });

  it("reports each cell's medians over seeds, computed from the per-seed events", async () => {
    const sweep = (await t.gql(CREATE, { input: { ...MEDIATION, name: "cells" } })).body.data.createSweep;
    const run = sweep.runs.find((r: any) => r.name === "cells ρ=1.15 τ=1.3");
    // T_grok 300, 500 and never → censored median 500; delays 200 and 380 → median over 3 with +∞ = 380.
    await t.db.db.insert(runEvents).values([
      { runId: run.id, seed: 0, kind: "t_mem", step: 100 },
      { runId: run.id, seed: 1, kind: "t_mem", step: 120 },
      { runId: run.id, seed: 0, kind: "t_grok", step: 300, value: 10 },
      { runId: run.id, seed: 1, kind: "t_grok", step: 500, value: 14 },
    ]);
    const q = `query($id: ID!) { sweep(id: $id) { cells { values tGrok delay grokked seeds logitScaleAtGrok runs { id } } } }`;
    const cells = (await t.gql(q, { id: sweep.id })).body.data.sweep.cells;
    const cell = cells.find((c: any) => c.runs[0].id === run.id);
    expect(cell).toMatchObject({ values: { "clamp.rho": 1.15, temperature: 1.3 }, tGrok: 500, delay: 380, grokked: 2, seeds: 3, logitScaleAtGrok: 12 });
    expect(cells.filter((c: any) => c.tGrok === null)).toHaveLength(4);
  });

  it("returns the first sweep for a retried idempotency key", async () => {
    const a = (await t.gql(CREATE, { input: { ...MEDIATION, name: "idem" }, key: "sweep-1" })).body.data.createSweep;
    const before = await sweepRunCount();
    const b = (await t.gql(CREATE, { input: { ...MEDIATION, name: "idem retry" }, key: "sweep-1" })).body.data.createSweep;
    expect(b.id).toBe(a.id);
    expect(b.name).toBe("idem");
    expect(await sweepRunCount()).toBe(before);
  });

  it("rejects an invalid cell with BAD_USER_INPUT naming the field and the cell, enqueuing nothing", async () => {
    const before = await sweepRunCount();
    const { status, body } = await t.gql(CREATE, { input: { name: "bad", base: { p: 13 }, grid: [{ field: "p", values: [13, 15] }], seeds: 2 } });
    expect(status).toBeLessThan(500);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "p" });
    expect(body.errors?.[0]?.message).toContain('"p":15');
    expect(await sweepRunCount()).toBe(before);
    const tooMany = await t.gql(CREATE, { input: { name: "bad", seeds: 99, grid: [{ field: "p", values: [13] }] } });
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "seeds" });
  });
});

describe("cancelSweep and listing", () => {
  it("cancels the sweep's queued runs", async () => {
    const sweep = (await t.gql(CREATE, { input: { ...MEDIATION, name: "to cancel" } })).body.data.createSweep;
    const { body } = await t.gql(`mutation($id: ID!) { cancelSweep(id: $id) { progress { total queued cancelled } runs { status } } }`, { id: sweep.id });
    expect(body.data.cancelSweep.progress).toEqual({ total: 5, queued: 0, cancelled: 5 });
    expect(new Set(body.data.cancelSweep.runs.map((r: any) => r.status))).toEqual(new Set(["CANCELLED"]));
    const missing = await t.gql(`mutation { cancelSweep(id: "00000000-0000-0000-0000-000000000000") { id } }`);
    expect(missing.body.errors?.[0]?.extensions.code).toBe("NOT_FOUND");
  });

  it("pages sweeps newest first and filters runs by sweep", async () => {
    const q = `query($after: String) { sweeps(first: 2, after: $after) { totalCount nodes { id name } pageInfo { hasNextPage endCursor } } }`;
    const a = (await t.gql(q)).body.data.sweeps;
    expect(a.nodes.map((n: any) => n.name)).toEqual(["to cancel", "idem"]);
    const b = (await t.gql(q, { after: a.pageInfo.endCursor })).body.data.sweeps;
    expect(b.nodes.map((n: any) => n.name)).toEqual(["cells", "mediation"]);
    expect(b.pageInfo.hasNextPage).toBe(false);
    const runs = (await t.gql(`query($s: [ID!]) { runs(filter: { sweep: $s, clampRho: { min: 1.1 } }, orderBy: { field: CLAMP_RHO }) { totalCount } }`, { s: [a.nodes[0].id] })).body;
    expect(runs.data.runs.totalCount).toBe(2);
  });
});
