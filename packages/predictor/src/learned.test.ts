import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { beforeAll, describe, expect, it } from "vitest";
import { featuresOf } from "./features.ts";
import { contextOf } from "./frame.ts";
import { LEARNED, learnedForecaster, predictLogDelay, trainLearned } from "./learned.ts";
import { SYNTHETIC_LAW } from "./synthetic.ts";
import { lawRun } from "./test-fixtures.ts";

// A simple relation: the delay is the first-passage law over a grid of λ and V_mem/V*
// (ln delay = ln ln(V_mem/V*) − ln λ + const), noise-free.
const grid = [0.5, 1, 2, 3].flatMap((weightDecay) => [1.5, 2.5, 4, 6].map((r) => ({ weightDecay, r })));
const runs = grid.map(({ weightDecay, r }, i) => lawRun(`run-${i}`, { weightDecay, steps: 8000, evalEvery: 20 }, 200, r * SYNTHETIC_LAW.ce.vStar, i));
const heldOut = [
  lawRun("h1", { weightDecay: 1.5, steps: 8000, evalEvery: 20 }, 200, 3 * SYNTHETIC_LAW.ce.vStar, 91),
  lawRun("h2", { weightDecay: 0.7, steps: 8000, evalEvery: 20 }, 200, 2 * SYNTHETIC_LAW.ce.vStar, 92),
  lawRun("h3", { weightDecay: 2.5, steps: 8000, evalEvery: 20 }, 200, 5 * SYNTHETIC_LAW.ce.vStar, 93),
];

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("learned forecaster", () => {
  it("fits the relation: held-out T_grok within 15 % at T_mem, with ordered quantiles", () => {
    const model = trainLearned(tf, runs, { conformalFolds: 0 })!;
    const forecaster = learnedForecaster(model);
    for (const run of heldOut) {
      const f = forecaster.forecast(run, run.tMem!);
      expect(f.forecaster).toBe(LEARNED);
      expect(Math.abs(f.tGrok! - run.tGrok!) / run.tGrok!).toBeLessThan(0.15);
      const [q50, q10, q90] = predictLogDelay(model, featuresOf(contextOf(run, run.tMem!)!));
      expect(q10).toBeLessThan(q50);
      expect(q50).toBeLessThan(q90);
    }
  });

  it("leaves no tensors behind and is deterministic for a seed", () => {
    const before = tf.memory().numTensors;
    const a = trainLearned(tf, runs.slice(0, 8), { epochs: 30, conformalFolds: 2, seed: 3 })!;
    const b = trainLearned(tf, runs.slice(0, 8), { epochs: 30, conformalFolds: 2, seed: 3 })!;
    expect(tf.memory().numTensors).toBe(before);
    expect(a.net).toEqual(b.net);
    expect(a.widen).toBe(b.widen);
  });

  it("conformal calibration shifts both interval ends by the out-of-fold widening, not the median", () => {
    const wide = trainLearned(tf, runs, { conformalFolds: 4 })!;
    const narrow = trainLearned(tf, runs, { conformalFolds: 0 })!;
    expect(narrow.widen).toBe(0);
    expect(wide.widen).not.toBe(0);
    const features = featuresOf(contextOf(heldOut[0]!, heldOut[0]!.tMem!)!);
    const [w50, w10, w90] = predictLogDelay(wide, features);
    const [n50, n10, n90] = predictLogDelay(narrow, features);
    // Same seed and data ⇒ the same net; only the ends move.
    expect(w50).toBeCloseTo(n50, 9);
    expect(n10 - w10).toBeCloseTo(wide.widen, 9);
    expect(w90 - n90).toBeCloseTo(wide.widen, 9);
  });

  it("returns no model with too few runs, and then forecasts from nothing but a coin", () => {
    expect(trainLearned(tf, [], {})).toBeUndefined();
    const f = learnedForecaster(undefined).forecast(heldOut[0]!, 300);
    expect(f).toMatchObject({ tGrok: null, probability: 0.5 });
  });
});
