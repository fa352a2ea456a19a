import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { beforeAll, describe, expect, it } from "vitest";
import { firstPassageMethod } from "./first-passage.ts";
import { finishedRunOf } from "./history.ts";
import { learnedMethod } from "./learned.ts";
import { logitScaleMethod } from "./logit-scale.ts";
import { selectorMethod } from "./selector.ts";
import { generateSyntheticCorpus } from "./synthetic.ts";
import { withWildFuture } from "./test-fixtures.ts";
import type { Forecaster, RunHistory } from "./types.ts";

const runs = generateSyntheticCorpus({ runs: 16, seedsPerRun: 1, steps: 4000, evalEvery: 20, seed: 5 }).map(finishedRunOf);
const [target, ...training] = runs as [(typeof runs)[0], ...typeof runs];
const history: RunHistory = { config: target.config, points: target.points };
const forecasters: Record<string, () => Forecaster> = {
  "first-passage": () => firstPassageMethod.fit(training),
  "logit-scale": () => logitScaleMethod.fit(training),
  learned: () => learnedMethod(tf, { epochs: 60, conformalFolds: 2 }).fit(training),
  selector: () => selectorMethod([firstPassageMethod, logitScaleMethod], { folds: 3 }).fit(training),
};

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe.each(Object.keys(forecasters))("%s forecaster uses only readings up to the forecast step", (name) => {
  let forecaster: Forecaster;
  beforeAll(() => {
    forecaster = forecasters[name]!();
  });

  it("is unchanged by wild readings after asOf, and by a caller's T_mem from the future", () => {
    expect(target.tMem).toBeDefined();
    const tMem = target.tMem!;
    const end = target.tGrok ?? target.config.steps;
    for (const asOf of [tMem - 60, tMem, Math.round((tMem + end) / 2)]) {
      const honest = forecaster.forecast({ config: history.config, points: history.points.filter((p) => p.step <= asOf) }, asOf);
      expect(honest.step).toBe(asOf);
      expect(forecaster.forecast(history, asOf)).toEqual(honest);
      expect(forecaster.forecast(withWildFuture(history, asOf), asOf)).toEqual(honest);
      expect(forecaster.forecast({ ...history, tMem: asOf + 1 }, asOf)).toEqual(honest);
    }
  });

  it("does see the readings up to asOf (the check above is not vacuous)", () => {
    const asOf = target.tMem! + 100;
    const honest = forecaster.forecast(history, asOf);
    const grokkedNow = withWildFuture(history, asOf - 1);
    expect(forecaster.forecast(grokkedNow, asOf)).not.toEqual(honest);
  });
});
