import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { backtest } from "./backtest.ts";
import { loadCorpus } from "./corpus.ts";
import { finishedRunOf } from "./history.ts";
import { logitScaleMethod } from "./logit-scale.ts";
import { defaultForecastMethod } from "./selector.ts";

/**
 * The recorded corpus (fixtures/corpus.json.gz, written by bench/export-corpus.ts from the runs of
 * bench/corpus-sweeps.sh): real training runs, so the forecasters are held to real trajectories in
 * every test run, not only to synthetic ones.
 */
const corpus = loadCorpus(gunzipSync(readFileSync(new URL("../fixtures/corpus.json.gz", import.meta.url))));
const runs = corpus.map(finishedRunOf);

describe("the recorded corpus", () => {
  it("holds ≥ 40 finished runs varying p, λ, lr, train fraction, ρ, τ and loss", () => {
    expect(runs.length).toBeGreaterThanOrEqual(40);
    const values = (pick: (c: (typeof runs)[number]["config"]) => unknown) => new Set(runs.map((r) => JSON.stringify(pick(r.config) ?? null)));
    expect(values((c) => c.p)).toEqual(new Set(["59", "97", "113"]));
    expect(values((c) => c.loss)).toEqual(new Set(['"ce"', '"mse"']));
    expect(values((c) => c.clamp?.rho).size).toBeGreaterThanOrEqual(3); // none, 1, 1.15
    for (const pick of [(c: any) => c.weightDecay, (c: any) => c.lr, (c: any) => c.trainFraction]) expect(values(pick).size).toBeGreaterThanOrEqual(2);
    expect(values((c) => c.temperature).size).toBeGreaterThanOrEqual(3);
    for (const run of runs) {
      expect(run.tMem, run.id).toBeDefined();
      expect(run.points.length, run.id).toBeGreaterThan(10);
    }
  });

  it("is forecast by the logit-scale law within the bounds measured on it (leave-one-run-out)", () => {
    const { rows } = backtest(corpus, { methods: [logitScaleMethod], holdOut: "run" });
    const at = (fraction: number) => rows.find((r) => r.fraction === fraction)!;
    // Regression bounds, a little looser than what bench/backtest.ts --hold-out run measured on this
    // corpus (MAPE 11.5 / 13.1 / 8.8 / 2.8 %, coverage 84 / 76 / 78 / 89 %).
    expect(at(0).mape).toBeLessThan(0.13);
    expect(at(0.25).mape).toBeLessThan(0.15);
    expect(at(0.5).mape).toBeLessThan(0.1);
    expect(at(0.75).mape).toBeLessThan(0.04); // a nowcast reads the climb
    for (const row of rows) {
      expect(row.coverage, `coverage at ${row.fraction}`).toBeGreaterThanOrEqual(0.7);
      expect(row.coverage, `coverage at ${row.fraction}`).toBeLessThanOrEqual(0.9);
      expect(row.spearman, `spearman at ${row.fraction}`).toBeGreaterThan(0.9);
    }
  });

  it("is forecast by the default selector (blend of the laws) within 15 % at T_mem, its 80 % intervals holding 70–90 %", () => {
    const { rows } = backtest(corpus, { methods: [defaultForecastMethod()], holdOut: "run" });
    const at = (fraction: number) => rows.find((r) => r.fraction === fraction)!;
    // Measured: MAPE 11.7 / 13.3 / 8.7 / 2.8 %, coverage 84 / 84 / 80 / 87 %.
    expect(at(0).mape).toBeLessThan(0.13);
    expect(at(0.25).mape).toBeLessThan(0.15);
    expect(at(0.5).mape).toBeLessThan(0.1);
    expect(at(0.75).mape).toBeLessThan(0.04);
    for (const row of rows) {
      expect(row.coverage, `coverage at ${row.fraction}`).toBeGreaterThanOrEqual(0.7);
      expect(row.coverage, `coverage at ${row.fraction}`).toBeLessThanOrEqual(0.9);
    }
  }, 400_000); // ~35 s alone: every outer fold refits both laws on 5 inner folds; far more on a busy machine
});
