import { describe, expect, it } from "vitest";
import { fitLogitScale, logitScaleMethod, LOGIT_SCALE } from "./logit-scale.ts";
import { clampRow, fitClampLevel } from "./logit-scale-fit.ts";
import { evaluateLinear } from "./linear-model.ts";
import { SYNTHETIC_LAW } from "./synthetic.ts";
import { config, lawRun } from "./test-fixtures.ts";
import type { FinishedRun } from "./types.ts";

const { a, b, c } = SYNTHETIC_LAW.logit;
const vStar = SYNTHETIC_LAW.ce.vStar;
// The paper's grid: ρ × τ, clamped from step 500; synthetic L = c·ρ³/τ once clamped and
// ln T_grok = a + b·L exactly.
const grid = [1, 1.05, 1.1, 1.15].flatMap((rho) => [1, 1.3, 1.7].map((temperature) => ({ rho, temperature })));
const clampedRuns = grid.map(({ rho, temperature }, i) =>
  lawRun(`clamped-${i}`, { steps: 8000, temperature, clamp: { rho, fromStep: 500 } }, 200, 2 * vStar, i),
);

describe("logit-scale forecaster", () => {
  it("recovers ln T_grok = a + b·L on clamped runs", () => {
    const cal = fitLogitScale(clampedRuns).calibrations["mlp/ce/clamped"]!;
    expect(cal.mode).toBe("relation");
    const relation = cal.relation!;
    expect(relation.columns).toEqual(["L"]);
    const slope = relation.beta[1]! / relation.scale[0]!;
    const intercept = relation.beta[0]! - slope * relation.center[0]!;
    expect(slope).toBeGreaterThan(b * 0.97);
    expect(slope).toBeLessThan(b * 1.03);
    expect(intercept).toBeGreaterThan(a - 0.05);
    expect(intercept).toBeLessThan(a + 0.05);
  });

  it("forecasts a held-out clamped run within 3 %, before and after the clamp acts", () => {
    const target = lawRun("held-out", { steps: 8000, temperature: 1.5, clamp: { rho: 1.12, fromStep: 500 } }, 200, 2 * vStar, 77);
    const expected = Math.exp(a + (b * c * 1.12 ** 3) / 1.5);
    expect(Math.abs(target.tGrok! - expected) / expected).toBeLessThan(0.01);
    const forecaster = logitScaleMethod.fit(clampedRuns);
    for (const asOf of [target.tMem!, 600, (600 + target.tGrok!) / 2]) {
      const f = forecaster.forecast(target, asOf);
      expect(f.forecaster).toBe(LOGIT_SCALE);
      expect(Math.abs(f.tGrok! - target.tGrok!) / target.tGrok!).toBeLessThan(0.03);
      expect(f.low!).toBeLessThanOrEqual(target.tGrok!);
      expect(f.high!).toBeGreaterThanOrEqual(target.tGrok!);
    }
  });

  it("uses a critical level where every run groks at the same L, extrapolating L's decay", () => {
    const free = [1.5, 2, 3, 4, 6].map((r, i) => lawRun(`free-${i}`, { lr: i % 2 ? 1e-3 : 2e-3 }, 200, r * vStar, i));
    const cal = fitLogitScale(free).calibrations["mlp/ce/free"]!;
    expect(cal.mode).toBe("critical");
    expect(cal.critical).toBeCloseTo(c, 0);
    const target = lawRun("held-out", { lr: 1.5e-3 }, 200, 2.5 * vStar, 42);
    const f = logitScaleMethod.fit(free).forecast(target, target.tMem!);
    expect(Math.abs(f.tGrok! - target.tGrok!) / target.tGrok!).toBeLessThan(0.03);
  });

  it("gives a low probability, and no step, to a run whose L decays too slowly to grok within budget", () => {
    const free = [1.5, 2, 3, 4, 6].map((r, i) => lawRun(`free-${i}`, { lr: i % 2 ? 1e-3 : 2e-3 }, 200, r * vStar, i));
    const slow = lawRun("slow", { lr: 5e-4, weightDecay: 0.1 }, 200, 3 * vStar);
    expect(slow.tGrok).toBeUndefined();
    const f = logitScaleMethod.fit(free).forecast(slow, 1500);
    expect(f.probability).toBeLessThan(0.05);
    expect(f).toMatchObject({ tGrok: null, low: null, high: null });
  });

  it("predicts the clamped level from ρ, τ and p (a clamp holds L lower at a smaller p)", () => {
    // L_grok = 30·ρ³·τ^−0.7·(p/97)^0.6: the level a clamp holds grows with the task's size.
    const level = (rho: number, temperature: number, p: number) => 30 * rho ** 3 * temperature ** -0.7 * (p / 97) ** 0.6;
    const run = (rho: number, temperature: number, p: number, i: number): FinishedRun => ({
      id: `r${i}`,
      config: config({ p, temperature, steps: 8000, clamp: { rho, fromStep: 500 } }),
      points: [{ step: 1000, metrics: { logit_scale: level(rho, temperature, p) } }],
      tMem: 200,
      tGrok: 1000,
    });
    const runs = [1, 1.15].flatMap((rho, i) => [1, 1.3, 1.7].flatMap((tau, j) => [59, 97].map((p, k) => run(rho, tau, p, 6 * i + 2 * j + k))));
    const fit = fitClampLevel(runs)!;
    expect(fit.columns).toEqual(["lnRho", "lnTau", "lnP"]);
    for (const [rho, tau, p] of [[1.05, 1.5, 59], [1.1, 1.15, 113]] as const) {
      const predicted = Math.exp(evaluateLinear(fit, clampRow(config({ p, temperature: tau }), rho)));
      expect(predicted / level(rho, tau, p)).toBeCloseTo(1, 2);
    }
  });
});
