import { describe, expect, it } from "vitest";
import { finishedRunOf, generateSyntheticCorpus } from "@grokscope/predictor";
import { foldsOf, MAX_FOLDS } from "./predictor-backtest.ts";

const runs = (n: number, runsPerSweep = 0) => generateSyntheticCorpus({ runs: n, seedsPerRun: 1, steps: 2000, runsPerSweep }).map(finishedRunOf);

describe("foldsOf", () => {
  it("holds out one run at a time while there are few, and whole sweeps when there are three or more", () => {
    expect(foldsOf(runs(6))).toMatchObject({ holdOut: "RUN", folds: 6 });
    expect(foldsOf(runs(12, 4))).toMatchObject({ holdOut: "SWEEP", folds: 3 });
  });

  it("deals more groups than MAX_FOLDS into MAX_FOLDS folds, keeping a sweep's runs together", () => {
    const many = runs(2 * MAX_FOLDS + 4, 2);
    const { runs: folded, holdOut, folds } = foldsOf(many);
    expect(holdOut).toBe("K_FOLD");
    expect(folds).toBe(MAX_FOLDS);
    expect(new Set(folded.map((r) => r.sweepId)).size).toBe(MAX_FOLDS);
    const foldOfSweep = new Map<string, string>();
    for (const [i, r] of many.entries()) {
      const fold = folded[i]!.sweepId!;
      expect(foldOfSweep.get(r.sweepId!) ?? fold).toBe(fold);
      foldOfSweep.set(r.sweepId!, fold);
    }
  });
});
