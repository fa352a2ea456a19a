import { describe, expect, it } from "vitest";
import { finishedRunOf } from "./history.ts";
import { outOfFoldRecords, recordsByKey } from "./inner-cv.ts";
import { generateSyntheticCorpus } from "./synthetic.ts";
import type { ForecastMethod } from "./types.ts";

const runs = generateSyntheticCorpus({ runs: 12, seedsPerRun: 1, steps: 3000, evalEvery: 20, seed: 3 }).map(finishedRunOf);

describe("out-of-fold records", () => {
  it("forecasts every run only with fits on the other folds, k folds of runs (whatever their sweeps)", () => {
    const fits: Set<string>[] = [];
    const spy: ForecastMethod = {
      name: "spy",
      fit(training) {
        const fit = fits.push(new Set(training.map((r) => r.id))) - 1;
        return { name: "spy", forecast: (_h, asOf) => ({ tGrok: 1000 + fit, low: 900, high: 1100, probability: 0.9, forecaster: "spy", step: asOf, nowcast: false }) };
      },
    };
    const swept = runs.map((r) => ({ ...r, sweepId: "one sweep" }));
    const records = outOfFoldRecords(swept, [spy], 4);
    expect(fits).toHaveLength(4);
    for (const fit of fits) expect(fit.size).toBe(9);
    for (const r of records) expect(fits[r.forecast.tGrok! - 1000]!.has(r.runId)).toBe(false);
    expect(new Set(records.map((r) => r.runId)).size).toBe(runs.length);
  });

  it("groups records by key, leaving keys with too few grokked runs undecided", () => {
    const inA = new Set([runs[0]!.config.seed, runs[1]!.config.seed]);
    const keyOf = (c: (typeof runs)[number]["config"]) => (inA.has(c.seed) ? "a" : "b");
    // Grokked: runs 0 and 1 (key a) and run 2 (key b).
    const records = runs.map((r, i) => ({ runId: r.id, forecaster: "x", fraction: 0, step: 0, actual: i < 3 ? 100 : null, forecast: {} as never }));
    const grouped = recordsByKey(runs, records, keyOf, 2);
    expect(grouped.get("a")?.map((r) => r.runId)).toEqual([runs[0]!.id, runs[1]!.id]);
    expect(grouped.has("b")).toBe(true);
    expect(grouped.get("b")).toBeUndefined();
  });
});
