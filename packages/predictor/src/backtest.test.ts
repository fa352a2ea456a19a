import { describe, expect, it } from "vitest";
import { backtest, holdOutMode } from "./backtest.ts";
import { leadStep } from "./frame.ts";
import { finishedRunOf } from "./history.ts";
import { summarize, type BacktestRecord } from "./metrics-summary.ts";
import { generateSyntheticCorpus } from "./synthetic.ts";
import type { CorpusRun, Forecast, ForecastMethod } from "./types.ts";

const corpus = generateSyntheticCorpus({ runs: 8, seedsPerRun: 1, steps: 3000, evalEvery: 20, runsPerSweep: 0, seed: 11 });
const forecast = (tGrok: number | null, step: number, extra: Partial<Forecast> = {}): Forecast => ({
  tGrok,
  low: tGrok === null ? null : tGrok * 0.9,
  high: tGrok === null ? null : tGrok * 1.1,
  probability: tGrok === null ? 0.1 : 0.9,
  forecaster: "test",
  step,
  nowcast: false,
  ...extra,
});

/** Predicts the T_grok of a training run with the identical config: perfect exactly when a run can see itself. */
const memoriser: ForecastMethod = {
  name: "memoriser",
  fit(runs) {
    const table = new Map(runs.map((r) => [JSON.stringify(r.config), r.tGrok ?? null]));
    return { name: "memoriser", forecast: (h, asOf) => forecast(table.get(JSON.stringify(h.config)) ?? 1000, asOf) };
  },
};
const exactHits = (records: BacktestRecord[], runId: string) => records.filter((r) => r.runId === runId && r.actual !== null && r.forecast.tGrok === r.actual).length;

describe("backtest hold-out", () => {
  it("never fits a method on the run it then forecasts, nor shows it the outcome", () => {
    const fits: Set<number>[] = [];
    const seen: { fit: number; seed: number; sawOutcome: boolean }[] = [];
    const spy: ForecastMethod = {
      name: "spy",
      fit(runs) {
        const fit = fits.push(new Set(runs.map((r) => r.config.seed))) - 1;
        return { name: "spy", forecast: (h, asOf) => (seen.push({ fit, seed: h.config.seed, sawOutcome: "tGrok" in h }), forecast(1000, asOf)) };
      },
    };
    const result = backtest(corpus, { methods: [spy] });
    expect(result.holdOut).toBe("run");
    expect(fits).toHaveLength(corpus.length);
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) {
      expect(fits[s.fit]!.has(s.seed)).toBe(false);
      expect(fits[s.fit]!.size).toBe(corpus.length - 1);
      expect(s.sawOutcome).toBe(false);
    }
  });

  it("a memoriser is never exact under leave-one-run-out when every config is distinct", () => {
    const { records } = backtest(corpus, { methods: [memoriser] });
    for (const run of corpus) expect(exactHits(records, run.id)).toBe(0);
  });

  it("an outlier duplicated under another id is memorised by run, and not when the pair shares a sweep", () => {
    const original = corpus.find((r) => finishedRunOf(r).tGrok !== undefined)!;
    const twin: CorpusRun = { ...original, id: "twin" };
    // Control: with the duplicate a separate run, leave-one-run-out lets the original "see itself".
    const byRun = backtest([...corpus, twin], { methods: [memoriser], holdOut: "run" });
    expect(exactHits(byRun.records, original.id)).toBe(4);
    // Held out together (same sweep), neither copy can predict the other.
    const swept = [...corpus.map((r, i) => ({ ...r, sweepId: r.id === original.id ? "pair" : `sweep-${i}` })), { ...twin, sweepId: "pair" }];
    const bySweep = backtest(swept, { methods: [memoriser] });
    expect(bySweep.holdOut).toBe("sweep");
    expect(exactHits(bySweep.records, original.id)).toBe(0);
    expect(exactHits(bySweep.records, "twin")).toBe(0);
  });

  it("holds out by sweep only when there are at least three sweep groups", () => {
    const runs = corpus.map(finishedRunOf);
    expect(holdOutMode(runs.map((r) => ({ ...r, sweepId: "one" })))).toBe("run");
    expect(holdOutMode(runs.map((r, i) => ({ ...r, sweepId: `s${i % 3}` })))).toBe("sweep");
    expect(holdOutMode(runs)).toBe("run");
    expect(() => backtest([...corpus, corpus[0]!], { methods: [memoriser] })).toThrow(/unique/);
  });

  it("forecasts at T_mem and 25 / 50 / 75 % of the delay, on the evaluation grid", () => {
    const { records } = backtest(corpus, { methods: [memoriser] });
    const run = corpus.map(finishedRunOf).find((r) => r.tGrok !== undefined)!;
    const steps = records.filter((r) => r.runId === run.id).map((r) => r.step);
    const delay = run.tGrok! - run.tMem!;
    expect(steps[0]).toBe(run.tMem);
    [0.25, 0.5, 0.75].forEach((f, i) => {
      expect(steps[i + 1]!).toBeLessThanOrEqual(run.tMem! + f * delay);
      expect(steps[i + 1]!).toBeGreaterThan(run.tMem! + f * delay - run.config.evalEvery);
    });
  });
});

describe("leadStep", () => {
  it("starts at the first evaluation at or after a between-steps median T_mem", () => {
    const run = { ...finishedRunOf(corpus[0]!), tMem: 205, tGrok: 1005 };
    expect(leadStep(run, 0)).toBe(220);
    expect(leadStep(run, 0.5)).toBe(600);
    expect(leadStep({ ...run, tMem: undefined }, 0)).toBeUndefined();
  });
});

describe("summarize", () => {
  it("computes MAPE, coverage, Brier and counts by hand", () => {
    const rec = (runId: string, actual: number | null, f: Forecast): BacktestRecord => ({ runId, forecaster: "m", fraction: 0, step: 100, actual, forecast: f });
    const rows = summarize([
      rec("a", 1000, forecast(1100, 100)), // 10 % off, covered (900–1210), p 0.9
      rec("b", 2000, forecast(1000, 100)), // 50 % off, not covered (900–1100), p 0.9
      rec("c", 3000, forecast(null, 100)), // grokked but called unlikely: no MAPE, not covered, p 0.1
      rec("d", null, forecast(null, 100, { nowcast: true })), // censored, p 0.1
    ]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ n: 4, grokked: 3, predicted: 2, nowcasts: 1, medianLead: 1900 });
    expect(row.mape).toBeCloseTo(0.3, 12);
    expect(row.coverage).toBeCloseTo(1 / 3, 12);
    expect(row.brier).toBeCloseTo((0.01 + 0.01 + 0.81 + 0.01) / 4, 12);
    // Predicted 1100 > 1000 while actual 1000 < 2000: the two scored runs are in reverse order.
    expect(row.spearman).toBeCloseTo(-1, 12);
  });
});
