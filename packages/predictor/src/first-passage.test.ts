import { describe, expect, it } from "vitest";
import { FIRST_PASSAGE, firstPassageForecaster, fitFirstPassage, firstPassageMethod } from "./first-passage.ts";
import { SYNTHETIC_LAW } from "./synthetic.ts";
import { lawRun } from "./test-fixtures.ts";

// Free CE runs whose V(t) decays exactly as the law assumes (κ = 0.4, V* = 4000): vary V_mem,
// lr and λ so that κ and V* are identifiable.
const settings = [
  { lr: 1e-3, weightDecay: 1, r: 1.5 },
  { lr: 1e-3, weightDecay: 2, r: 3 },
  { lr: 2e-3, weightDecay: 1, r: 5 },
  { lr: 5e-4, weightDecay: 2, r: 2.2 },
  { lr: 1e-3, weightDecay: 0.5, r: 1.3 },
  { lr: 2e-3, weightDecay: 0.5, r: 4 },
];
const runs = settings.map((s, i) => lawRun(`run-${i}`, { lr: s.lr, weightDecay: s.weightDecay }, 200, s.r * SYNTHETIC_LAW.ce.vStar, i));

describe("first-passage law", () => {
  it("recovers κ and V* from runs that obey it", () => {
    const group = fitFirstPassage(runs).groups["mlp/ce"]!;
    expect(group.n).toBe(settings.length);
    // Events are read on the evaluation grid (every 5 steps), hence 2 % rather than exact.
    expect(group.kappa).toBeGreaterThan(SYNTHETIC_LAW.ce.kappa * 0.98);
    expect(group.kappa).toBeLessThan(SYNTHETIC_LAW.ce.kappa * 1.02);
    expect(group.vStar / SYNTHETIC_LAW.ce.vStar).toBeGreaterThan(0.97);
    expect(group.vStar / SYNTHETIC_LAW.ce.vStar).toBeLessThan(1.03);
  });

  it("predicts a held-out run's T_grok within 3 % from T_mem on, with the truth inside the interval", () => {
    const target = lawRun("held-out", { lr: 1.5e-3, weightDecay: 1 }, 200, 2.5 * SYNTHETIC_LAW.ce.vStar, 99);
    const forecaster = firstPassageMethod.fit(runs);
    for (const asOf of [target.tMem!, (target.tMem! + target.tGrok!) / 2]) {
      const f = forecaster.forecast(target, asOf);
      expect(f.forecaster).toBe(FIRST_PASSAGE);
      expect(f.nowcast).toBe(false);
      expect(Math.abs(f.tGrok! - target.tGrok!) / target.tGrok!).toBeLessThan(0.03);
      expect(f.low!).toBeLessThanOrEqual(target.tGrok!);
      expect(f.high!).toBeGreaterThanOrEqual(target.tGrok!);
      expect(f.probability).toBeGreaterThan(0.9);
    }
  });

  it("gives a low probability, and no step, to a run the law says cannot grok within its budget", () => {
    // λ = 0.1 at lr 5e-4: ln 3 / (2·0.4·5e-5) ≈ 27,000 steps, budget 6,000.
    const slow = lawRun("slow", { lr: 5e-4, weightDecay: 0.1 }, 200, 3 * SYNTHETIC_LAW.ce.vStar);
    const f = firstPassageMethod.fit(runs).forecast(slow, 400);
    expect(slow.tGrok).toBeUndefined();
    expect(f.probability).toBeLessThan(0.05);
    expect(f.tGrok).toBeNull();
    expect(f.low).toBeNull();
  });

  it("does not describe clamped runs: their forecast ignores V and stays within the group's record", () => {
    const forecaster = firstPassageForecaster(fitFirstPassage(runs));
    const clampedAt = (r: number) => lawRun(`clamped-${r}`, { clamp: { rho: 1.1, fromStep: 500 } }, 200, r * SYNTHETIC_LAW.ce.vStar);
    const [a, b] = [forecaster.forecast(clampedAt(1.2), 600), forecaster.forecast(clampedAt(6), 600)];
    expect(a.tGrok).toBe(b.tGrok);
    const tGroks = runs.map((r) => r.tGrok!);
    expect(a.tGrok!).toBeGreaterThan(Math.min(...tGroks));
    expect(a.tGrok!).toBeLessThan(Math.max(...tGroks));
  });
});
