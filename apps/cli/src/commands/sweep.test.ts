import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { getSweep, sweepRuns } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import type { RunConfig } from "@grokscope/spec";
import { enqueueSweepFromArgs } from "./sweep.ts";
import { parseSweepArgs } from "./sweep-args.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(async () => t?.drop());

const errorsOf = (argv: string[]) => {
  const r = parseSweepArgs(argv);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
};

describe("grokscope sweep (enqueue)", () => {
  it("enqueues one multi-seed run per cell of the grid, with the base flags in every config", async () => {
    const out = await enqueueSweepFromArgs(t.db, [
      "--grid", "temperature=1,1.3,1.7",
      "--grid", "clamp.rho=1,1.15",
      "--seeds", "4",
      "--p", "13",
      "--steps", "2000",
      "--name", "mediation",
    ]);
    if (!out.ok) throw new Error(out.errors.join("; "));
    expect(out.runs).toHaveLength(6);
    const stored = await sweepRuns(t.db, out.sweep.id);
    expect(stored).toHaveLength(6);
    const configs = stored.map((r) => r.config as RunConfig);
    expect(configs.every((c) => c.p === 13 && c.steps === 2000 && c.seeds === 4 && c.clamp?.fromStep === 500)).toBe(true);
    const cells = configs.map((c) => `${c.temperature}/${c.clamp?.rho}`).sort();
    expect(cells).toEqual(["1.3/1", "1.3/1.15", "1.7/1", "1.7/1.15", "1/1", "1/1.15"]);
    expect(stored.every((r) => r.status === "queued" && r.seeds === 4 && r.name.startsWith("mediation "))).toBe(true);
    expect((await getSweep(t.db, out.sweep.id))?.spec).toMatchObject({ seeds: 4, base: { p: 13, steps: 2000 } });
  });

  it("accepts the flag spelling of a field and 'none' for an unclamped cell", async () => {
    const out = await enqueueSweepFromArgs(t.db, ["--grid", "clamp-rho=none,1.15", "--p", "13", "--seeds", "2"]);
    if (!out.ok) throw new Error(out.errors.join("; "));
    const configs = (await sweepRuns(t.db, out.sweep.id)).map((r) => r.config as RunConfig);
    expect(configs.map((c) => c.clamp?.rho ?? "none").sort()).toEqual([1.15, "none"]);
    expect(configs.every((c) => c.seeds === 2)).toBe(true);
  });

  it("--paper enqueues the paper's ρ × τ grid plus the unclamped control", async () => {
    const out = await enqueueSweepFromArgs(t.db, ["--paper", "--p", "59", "--seeds", "3", "--steps", "500"]);
    if (!out.ok) throw new Error(out.errors.join("; "));
    expect(out.runs).toHaveLength(11);
    expect(out.sweep.name).toBe("paper mediation p59");
    const configs = out.runs.map((r) => r.config as RunConfig);
    expect(configs.filter((c) => !c.clamp)).toHaveLength(1);
    expect(configs.every((c) => c.p === 59 && c.seeds === 3 && c.steps === 500)).toBe(true);
  });

  it("defaults to 4 seeds per cell and --local enqueues nothing", async () => {
    const parsed = parseSweepArgs(["--grid", "temperature=1,2", "--p", "13"]);
    expect(parsed.ok && parsed.args.spec.seeds).toBe(4);
    expect(await enqueueSweepFromArgs(t.db, ["--grid", "temperature=1,2", "--local"])).toEqual({ ok: false, errors: ["--local trains in this process; it enqueues nothing"] });
  });
});

describe("grokscope sweep: bad arguments name the field", () => {
  it("an unknown grid field", () => {
    expect(errorsOf(["--grid", "temprature=1,1.3"])).toEqual([expect.stringMatching(/^--grid temprature=1,1.3: unknown config field "temprature"/)]);
  });

  it("a value the field cannot take, once per field rather than once per cell", () => {
    const errors = errorsOf(["--grid", "temperature=hot,1", "--grid", "lr=1e-3,5"]);
    expect(errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/^temperature: cell \{"temperature":"hot"/), expect.stringMatching(/^lr: .*lr must be at most 1/)]),
    );
    expect(errorsOf(["--grid", "temperature=1,2", "--p", "12"])).toEqual(["p: p must be prime"]);
  });

  it("a malformed axis, a repeated axis, no axis, --paper with --grid", () => {
    expect(errorsOf(["--grid", "temperature"])).toEqual(['--grid: grid axis "temperature" must look like field=v1,v2']);
    expect(errorsOf(["--grid", "temperature=1", "--grid", "temperature=2"])).toEqual(["--grid temperature=2: temperature already has an axis"]);
    expect(errorsOf(["--p", "13"])).toEqual(["--grid: a sweep needs at least one --grid FIELD=V1,V2 (or --paper)"]);
    expect(errorsOf(["--paper", "--grid", "temperature=1,2"])[0]).toMatch(/^--paper sets the grid itself/);
    expect(errorsOf(["--grid", "temperature=1,2", "--seeds", "0"])).toEqual([expect.stringMatching(/^seeds: /)]);
    expect(errorsOf(["--grid", "temperature=1,2", "--bogus"])).toEqual(["unknown argument --bogus"]);
  });
});
