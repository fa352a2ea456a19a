import { describe, expect, it } from "vitest";
import { FIRST_PASSAGE, firstPassageMethod } from "./first-passage.ts";
import { LOGIT_SCALE, logitScaleMethod } from "./logit-scale.ts";
import { observedTGrok } from "./history.ts";
import { chooseBlend } from "./selector-blend.ts";
import { chooseCandidates, SELECTOR, selectorMethod } from "./selector.ts";
import { SYNTHETIC_LAW } from "./synthetic.ts";
import { lawRun } from "./test-fixtures.ts";
import type { RunConfig } from "@grokscope/spec";
import type { ForecastMethod } from "./types.ts";

const vStar = SYNTHETIC_LAW.ce.vStar;
const free = [1.5, 2, 3, 4, 6, 2.5, 5, 1.8].map((r, i) => lawRun(`free-${i}`, { steps: 8000, weightDecay: [0.5, 1, 2][i % 3]! }, 200, r * vStar, i));
const clamped = [1, 1.05, 1.1, 1.15].flatMap((rho, i) =>
  [1, 1.3, 1.7].map((temperature, j) => lawRun(`clamped-${i}-${j}`, { steps: 8000, temperature, clamp: { rho, fromStep: 500 } }, 200, 2 * vStar, 10 * i + j)),
);
/** Always says "1,000 steps": a candidate the selector must not pick where a law works. */
const constant: ForecastMethod = {
  name: "constant",
  fit: () => ({ name: "constant", forecast: (_h, asOf) => ({ tGrok: 1000, low: 900, high: 1100, probability: 0.9, forecaster: "constant", step: asOf, nowcast: false }) }),
};

describe("selector", () => {
  it("picks per regime the candidate that cross-validates best", () => {
    const { byKey } = chooseCandidates([...free, ...clamped], [constant, firstPassageMethod, logitScaleMethod]);
    // The first-passage law cannot describe clamped runs; the logit-scale relation can.
    expect(byKey["mlp/ce/clamped"]).toBe(LOGIT_SCALE);
    expect([FIRST_PASSAGE, LOGIT_SCALE]).toContain(byKey["mlp/ce/free"]);
  });

  it("forecasts with the chosen candidate and names it (pick mode)", () => {
    const forecaster = selectorMethod([constant, firstPassageMethod, logitScaleMethod], { folds: 4, combine: "pick" }).fit([...free, ...clamped]);
    const target = lawRun("target", { steps: 8000, temperature: 1.2, clamp: { rho: 1.08, fromStep: 500 } }, 200, 2 * vStar, 99);
    const f = forecaster.forecast(target, 600);
    expect(f.forecaster).toBe(`${SELECTOR}/${LOGIT_SCALE}`);
    expect(f).toEqual({ ...logitScaleMethod.fit([...free, ...clamped]).forecast(target, 600), forecaster: `${SELECTOR}/${LOGIT_SCALE}` });
  });

  it("falls back to the pooled winner for a regime with too few grokked runs", () => {
    const { byKey, fallback } = chooseCandidates([...free, ...clamped.slice(0, 2)], [constant, firstPassageMethod], { minRuns: 3 });
    expect(byKey["mlp/ce/clamped"]).toBe(fallback);
    expect(fallback).toBe(FIRST_PASSAGE);
  });
});

/**
 * An oracle that errs by a known factor: it reads the outcome from the history's future (a stub,
 * so that the blend's answer is known exactly) and returns T_grok·exp(bias(config)), interval ±10 %.
 */
const oracle = (name: string, bias: (c: RunConfig) => number): ForecastMethod => ({
  name,
  fit: () => ({
    name,
    forecast(history, asOf) {
      const t = observedTGrok(history.points)!;
      const tGrok = Math.round(t * Math.exp(bias(history.config)));
      return { tGrok, low: Math.round(tGrok * 0.9), high: Math.round(tGrok * 1.1), probability: 0.9, forecaster: name, step: asOf, nowcast: false };
    },
  }),
});
// Free runs: "over" 20 % high, "under" 20 % low (in ln T) — the even blend is exact. Clamped runs:
// "over" exact, "under" far off — the blend is "over" alone.
const over = oracle("over", (c) => (c.clamp ? 0 : 0.2));
const under = oracle("under", (c) => (c.clamp ? 0.5 : -0.2));

describe("selector blend", () => {
  it("stacks per regime the weights that make the out-of-fold blend best (known answer)", () => {
    const { names, byKey } = chooseBlend([...free, ...clamped], [over, under]);
    expect(names).toEqual(["over", "under"]);
    expect(byKey["mlp/ce/free"]).toEqual([0.5, 0.5]);
    expect(byKey["mlp/ce/clamped"]).toEqual([1, 0]);
  });

  it("forecasts the weighted geometric mean, named by the candidates it used", () => {
    const forecaster = selectorMethod([over, under], { folds: 4 }).fit([...free, ...clamped]);
    for (const run of [free[0]!, clamped[0]!]) {
      const f = forecaster.forecast(run, run.tMem!);
      expect(f.forecaster).toBe(run.config.clamp ? `${SELECTOR}/over` : `${SELECTOR}/over+under`);
      expect(Math.abs(f.tGrok! - run.tGrok!)).toBeLessThanOrEqual(1);
      expect(f.low!).toBeLessThanOrEqual(f.tGrok!);
      expect(f.high!).toBeGreaterThanOrEqual(f.tGrok!);
    }
  });

  it("beats picking either candidate where they err in opposite directions", () => {
    const blend = selectorMethod([over, under], { folds: 4 }).fit(free);
    const pick = selectorMethod([over, under], { folds: 4, combine: "pick" }).fit(free);
    const error = (fc: typeof blend) => free.map((r) => Math.abs(Math.log(fc.forecast(r, r.tMem!).tGrok! / r.tGrok!)));
    expect(Math.max(...error(blend))).toBeLessThan(0.01);
    expect(Math.min(...error(pick))).toBeGreaterThan(0.19);
  });
});
