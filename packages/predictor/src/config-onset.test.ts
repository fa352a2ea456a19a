import { describe, expect, it } from "vitest";
import { configOnsetMethod, configPrior, fitConfigOnset } from "./config-onset.ts";
import { config } from "./test-fixtures.ts";
import type { FinishedRun } from "./types.ts";

/** Finished runs whose T_grok follows 1/(ηλ) exactly: ln T = ln 2 − ln η − ln λ + ln 1 (c = 2). */
function corpus(): FinishedRun[] {
  const runs: FinishedRun[] = [];
  for (const lr of [5e-4, 1e-3, 2e-3]) {
    for (const weightDecay of [0.5, 1, 2]) {
      runs.push({ id: `r-${lr}-${weightDecay}`, config: config({ lr, weightDecay, steps: 50_000 }), points: [], tGrok: Math.round(2 / (lr * weightDecay)) });
    }
  }
  return runs;
}

describe("config-onset forecaster", () => {
  it("learns how the knobs move T_grok and forecasts an unseen config before any reading", () => {
    const forecaster = configOnsetMethod.fit(corpus());
    // Not in the corpus: λ = 1.5, η = 1e-3 → 2 / 1.5e-3 ≈ 1,333.
    const f = forecaster.forecast({ config: config({ lr: 1e-3, weightDecay: 1.5, steps: 50_000 }), points: [] }, 0);
    expect(f.forecaster).toBe("config");
    expect(f.tGrok!).toBeGreaterThan(1333 * 0.8);
    expect(f.tGrok!).toBeLessThan(1333 * 1.25);
    expect(f.low!).toBeLessThan(f.tGrok!);
    expect(f.high!).toBeGreaterThan(f.tGrok!);
    expect(f).toMatchObject({ step: 0, nowcast: false });
    expect(f.probability).toBeGreaterThan(0.9);
  });

  it("falls back to the group's record with too few grokked runs, and says nothing for an unknown group", () => {
    const few = corpus().slice(0, 3);
    const model = fitConfigOnset(few);
    expect(model.groups).toEqual({});
    expect(configPrior(model, few[0]!.config)).toMatchObject({ grokShare: 1 });
    expect(configPrior(model, config({ loss: "mse" }))).toBeUndefined();
    const f = configOnsetMethod.fit(few).forecast({ config: config({ loss: "mse" }), points: [] }, 0);
    expect(f).toMatchObject({ tGrok: null, probability: 0.5 });
  });

  it("scales the probability by the share of the group's runs that grokked", () => {
    const runs = corpus().map((r, i) => (i % 3 === 0 ? { ...r, tGrok: undefined } : r));
    const f = configOnsetMethod.fit(runs).forecast({ config: config({ lr: 1e-3, weightDecay: 1, steps: 50_000 }), points: [] }, 0);
    expect(f.probability).toBeLessThan(0.7);
  });
});
