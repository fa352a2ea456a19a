import { paperMediationSweep } from "@grokscope/spec";
import { describe, expect, it } from "vitest";
import { mediationSweepInput, paperTGrok } from "./paper-preset.ts";

describe("mediationSweepInput", () => {
  it("asks for the same grid, control cell, seeds and base as packages/spec's preset", () => {
    const ours = mediationSweepInput(97, 4, 8000);
    const spec = paperMediationSweep(97, 4, 8000);
    expect(ours.grid).toEqual(spec.grid);
    expect(ours.extraCells).toEqual(spec.extraCells);
    expect(ours.seeds).toBe(spec.seeds);
    expect(ours.base).toMatchObject({ p: spec.base.p, steps: spec.base.steps, weightDecay: spec.base.weightDecay, trainFraction: spec.base.trainFraction });
    expect(String(spec.base.loss).toUpperCase()).toBe(ours.base.loss);
  });
});

describe("paperTGrok", () => {
  it("finds the paper's median for reported cells only", () => {
    expect(paperTGrok({ "clamp.rho": 1.15, temperature: 1 })).toBe(6050);
    expect(paperTGrok({ "clamp.rho": "none", temperature: 1 })).toBe(2750);
    expect(paperTGrok({ temperature: 1 })).toBe(2750);
    expect(paperTGrok({ "clamp.rho": 1, temperature: 1.7 })).toBe(1088);
    expect(paperTGrok({ "clamp.rho": 1, temperature: 1.3 })).toBeNull();
  });
});
