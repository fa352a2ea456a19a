import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sweepSpecSchema } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import { runEvents } from "../schema/events.ts";
import { cancelSweep, createSweep, sweepProgress } from "./sweeps.ts";
import { sweepCells } from "./sweep-cells.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(async () => t?.drop());

const spec = sweepSpecSchema.parse({
  base: { p: 13, steps: 100 },
  grid: [
    { field: "clamp.rho", values: [1, 1.15] },
    { field: "temperature", values: [1, 1.3] },
  ],
  extraCells: [{ temperature: 1 }],
  seeds: 3,
});

describe("sweeps", () => {
  it("enqueues one queued multi-seed run per cell, named after its coordinates", async () => {
    const result = await createSweep(t.db, { name: "med", spec, author: "ada" });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.runs).toHaveLength(5);
    expect(result.runs.every((r) => r.status === "queued" && r.seeds === 3 && r.sweepId === result.sweep.id && r.author === "ada")).toBe(true);
    expect(result.runs.map((r) => r.name)).toContain("med ρ=1.15 τ=1.3");
    expect(result.runs.filter((r) => r.clampRho === null)).toHaveLength(1);
  });

  it("returns the first sweep for a retried idempotency key without enqueuing again", async () => {
    const a = await createSweep(t.db, { name: "idem", spec, idempotencyKey: "sweep-key" });
    const b = await createSweep(t.db, { name: "idem again", spec, idempotencyKey: "sweep-key" });
    if (!a.ok || !b.ok) throw new Error("expected valid sweeps");
    expect(b.created).toBe(false);
    expect(b.sweep.id).toBe(a.sweep.id);
    expect(b.runs.map((r) => r.id).sort()).toEqual(a.runs.map((r) => r.id).sort());
  });

  it("reports the invalid cell and field instead of enqueuing anything", async () => {
    const bad = sweepSpecSchema.parse({ base: { p: 13 }, grid: [{ field: "p", values: [13, 14] }], seeds: 1 });
    const result = await createSweep(t.db, { name: "bad", spec: bad });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ field: "p", message: expect.stringContaining('"p":14') });
  });

  it("computes each cell's medians over seeds from the per-seed events", async () => {
    const result = await createSweep(t.db, { name: "cells", spec });
    if (!result.ok) throw new Error("expected a valid sweep");
    const target = result.runs.find((r) => r.name === "cells ρ=1 τ=1.3")!;
    // Seeds 0 and 2 grok (T_grok 400 and 600); seed 1 never does → median of {400, 600, ∞} = 600.
    await t.db.insert(runEvents).values([
      { runId: target.id, seed: 0, kind: "t_mem", step: 100 },
      { runId: target.id, seed: 1, kind: "t_mem", step: 150 },
      { runId: target.id, seed: 2, kind: "t_mem", step: 200 },
      { runId: target.id, seed: 0, kind: "t_grok", step: 400, value: 12 },
      { runId: target.id, seed: 2, kind: "t_grok", step: 600, value: 20 },
    ]);
    const cells = await sweepCells(t.db, result.sweep);
    expect(cells.map((c) => c.values)).toEqual([
      { "clamp.rho": 1, temperature: 1 }, { "clamp.rho": 1, temperature: 1.3 },
      { "clamp.rho": 1.15, temperature: 1 }, { "clamp.rho": 1.15, temperature: 1.3 },
      { "clamp.rho": "none", temperature: 1 },
    ]);
    const cell = cells.find((c) => c.values["clamp.rho"] === 1 && c.values.temperature === 1.3)!;
    expect(cell.summary).toMatchObject({ seeds: 3, grokked: 2, tGrok: 600, tMem: 150, delay: 400, logitScaleAtGrok: 16 });
    expect(cells.find((c) => c.values["clamp.rho"] === "none")!.summary.grokked).toBe(0);
  });

  it("cancels the queued runs of a sweep and counts them in its progress", async () => {
    const result = await createSweep(t.db, { name: "cancel", spec });
    if (!result.ok) throw new Error("expected a valid sweep");
    const outcome = await cancelSweep(t.db, result.sweep.id);
    expect(outcome?.cancelled).toBe(5);
    const progress = (await sweepProgress(t.db, [result.sweep.id])).get(result.sweep.id);
    expect(progress).toMatchObject({ total: 5, cancelled: 5, queued: 0, stepsTotal: 500 });
  });
});
