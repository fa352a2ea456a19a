import { describe, expect, it } from "vitest";
import { expandSweep, paperMediationSweep, parseGridAxis, sweepSpecSchema } from "./sweep.ts";

describe("expandSweep", () => {
  it("takes the cartesian product of the axes and applies seeds to every cell", () => {
    const spec = sweepSpecSchema.parse({ base: { p: 59, steps: 100 }, grid: [parseGridAxis("temperature=1,1.3,1.7"), parseGridAxis("clamp.rho=1,1.15")], seeds: 4 });
    const r = expandSweep(spec);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.cells).toHaveLength(6);
    expect(r.cells.map((c) => [c.config.temperature, c.config.clamp?.rho])).toEqual([
      [1, 1], [1, 1.15], [1.3, 1], [1.3, 1.15], [1.7, 1], [1.7, 1.15],
    ]);
    expect(r.cells.every((c) => c.config.seeds === 4 && c.config.p === 59)).toBe(true);
  });
  it("drops an optional object for the value none (an unclamped control cell)", () => {
    const r = expandSweep(sweepSpecSchema.parse({ base: { clamp: { rho: 1 } }, grid: [{ field: "clamp.rho", values: ["none", 1.15] }] }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.cells.map((c) => c.config.clamp)).toEqual([undefined, { rho: 1.15, fromStep: 500 }]);
  });
  it("rejects the whole sweep, naming the cell, when one cell is invalid", () => {
    const r = expandSweep(sweepSpecSchema.parse({ grid: [{ field: "p", values: [97, 100] }] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ field: "p" });
    expect(r.issues[0]!.message).toContain('{"p":100}');
  });
  it("builds the paper's mediation sweep: 10 clamped cells and the unclamped control", () => {
    const r = expandSweep(paperMediationSweep(97, 12));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.cells).toHaveLength(11);
    expect(r.cells.filter((c) => c.config.clamp === undefined)).toHaveLength(1);
  });
});

describe("parseGridAxis", () => {
  it("types numbers and keeps words", () => {
    expect(parseGridAxis("op=add,mul")).toEqual({ field: "op", values: ["add", "mul"] });
    expect(parseGridAxis("lr=1e-3, 3e-3")).toEqual({ field: "lr", values: [1e-3, 3e-3] });
    expect(() => parseGridAxis("temperature")).toThrow(/field=v1,v2/);
  });
});
