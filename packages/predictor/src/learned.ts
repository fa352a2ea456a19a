import { FEATURE_NAMES, featuresOf } from "./features.ts";
import { contextOf, frameForecast, groupOf, priorOf, type ForecastContext, type Prior } from "./frame.ts";
import { MIN_SIGMA, Z80 } from "./predictive.ts";
import { quantileNetForward, trainQuantileNet, type QuantileNetWeights, type Tf } from "./quantile-net.ts";
import { mean, sampleSd } from "./stats.ts";
import type { FinishedRun, ForecastMethod, Forecaster } from "./types.ts";

/**
 * Learned forecaster: a small network from the features of features.ts to the 10 / 50 / 90 %
 * quantiles of ln(T_grok − T_mem), trained with the pinball loss on the tf instance passed in (as
 * packages/trainer does). Runs that never grokked are right-censored at the budget: they only
 * penalise predicting too early. In-sample quantiles of a flexible net are far too narrow (each
 * run contributes eight correlated examples), so the interval is conformalised (CQR, Romano et al.
 * 2019, arXiv 1905.03222): out-of-fold scores max(q10 − y, y − q90) over k folds of runs give the
 * widening that makes the 80 % band hold on unseen runs. The fitted weights are plain arrays, so
 * forecasting needs no tensors.
 */
export const LEARNED = "learned";

export interface LearnedOptions {
  hidden?: number;
  epochs?: number;
  learningRate?: number;
  seed?: number;
  l2?: number;
  /** Folds of runs for the conformal widening (0 = none: in-sample quantiles as they come). */
  conformalFolds?: number;
}

export interface LearnedModel {
  center: number[];
  scale: number[];
  yCenter: number;
  yScale: number;
  net: QuantileNetWeights;
  /** Conformal widening of both interval ends, in ln-delay units (may be negative). */
  widen: number;
  priors: Record<string, Prior>;
}

/** Forecast steps per training run: eight points across the delay give the model every lead time. */
const TRAINING_FRACTIONS = [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875];

interface Examples {
  x: number[][];
  y: number[];
  censored: number[];
  /** Index into the runs array, for folds by run. */
  run: number[];
}

export function trainingExamples(runs: readonly FinishedRun[]): Examples {
  const out: Examples = { x: [], y: [], censored: [], run: [] };
  runs.forEach((run, index) => {
    if (run.tMem === undefined) return;
    const end = run.tGrok ?? run.config.steps;
    if (end <= run.tMem) return;
    for (const f of TRAINING_FRACTIONS) {
      const ctx = contextOf(run, run.tMem + f * (end - run.tMem));
      if (!ctx) continue;
      out.x.push(featuresOf(ctx));
      out.y.push(Math.log(end - run.tMem));
      out.censored.push(run.tGrok === undefined ? 1 : 0);
      out.run.push(index);
    }
  });
  return out;
}

/** [q50, q10, q90] of ln(T_grok − T_mem) from raw features (NaN → the training mean). */
export function predictLogDelay(model: Omit<LearnedModel, "priors">, features: readonly number[]): [number, number, number] {
  const x = features.map((v, i) => (Number.isFinite(v) ? (v - model.center[i]!) / model.scale[i]! : 0));
  const unscale = (v: number) => model.yCenter + model.yScale * v;
  const [q50, q10, q90] = quantileNetForward(model.net, x);
  return [unscale(q50), unscale(q10) - model.widen, unscale(q90) + model.widen];
}

function fitNet(tf: Tf, data: Examples, options: LearnedOptions): Omit<LearnedModel, "priors"> {
  const { hidden = 8, epochs = 300, learningRate = 0.02, seed = 1, l2 = 1e-2 } = options;
  const columns = FEATURE_NAMES.map((_, i) => data.x.map((row) => row[i]!).filter(Number.isFinite));
  const center = columns.map((c) => (c.length > 0 ? mean(c) : 0));
  const scale = columns.map((c) => (sampleSd(c) > 1e-9 ? sampleSd(c) : 1));
  const yCenter = mean(data.y);
  const yScale = sampleSd(data.y) > 1e-9 ? sampleSd(data.y) : 1;
  const xs = data.x.map((row) => row.map((v, i) => (Number.isFinite(v) ? (v - center[i]!) / scale[i]! : 0)));
  const ys = data.y.map((v) => (v - yCenter) / yScale);
  const net = trainQuantileNet(tf, xs, ys, data.censored, { hidden, epochs, learningRate, seed, l2 });
  return { center, scale, yCenter, yScale, net, widen: 0 };
}

const subset = (data: Examples, keep: (i: number) => boolean): Examples => {
  const idx = data.y.map((_, i) => i).filter(keep);
  return { x: idx.map((i) => data.x[i]!), y: idx.map((i) => data.y[i]!), censored: idx.map((i) => data.censored[i]!), run: idx.map((i) => data.run[i]!) };
};

/** CQR widening: the ⌈0.8·(n+1)⌉-th smallest out-of-fold score over grokked runs' examples. */
function conformalWidening(tf: Tf, data: Examples, runCount: number, folds: number, options: LearnedOptions): number {
  const scores: number[] = [];
  for (let k = 0; k < folds; k++) {
    const inFold = (i: number) => data.run[i]! % folds === k;
    const train = subset(data, (i) => !inFold(i));
    if (train.y.length < 8) continue;
    const net = fitNet(tf, train, options);
    data.y.forEach((y, i) => {
      if (!inFold(i) || data.censored[i] === 1) return;
      const [, q10, q90] = predictLogDelay(net, data.x[i]!);
      scores.push(Math.max(q10 - y, y - q90));
    });
  }
  if (scores.length === 0 || runCount < 2 * folds) return 0;
  scores.sort((a, b) => a - b);
  return scores[Math.min(scores.length - 1, Math.ceil(0.8 * (scores.length + 1)) - 1)]!;
}

export function trainLearned(tf: Tf, runs: readonly FinishedRun[], options: LearnedOptions = {}): LearnedModel | undefined {
  const data = trainingExamples(runs);
  if (data.x.length < 8) return undefined;
  const folds = options.conformalFolds ?? 4;
  const widen = folds >= 2 ? conformalWidening(tf, data, runs.length, folds, options) : 0;
  const model: LearnedModel = { ...fitNet(tf, data, options), widen, priors: {} };
  for (const key of new Set(runs.map((r) => groupOf(r.config)))) {
    const prior = priorOf(runs.filter((r) => groupOf(r.config) === key));
    if (prior) model.priors[key] = prior;
  }
  return model;
}

export function learnedForecaster(model: LearnedModel | undefined): Forecaster {
  return {
    name: LEARNED,
    forecast(history, asOf) {
      const predict = (ctx: ForecastContext) => {
        if (!model) return undefined;
        const [q50, q10, q90] = predictLogDelay(model, featuresOf(ctx));
        return { anchor: ctx.tMem, logDelay: q50, sigma: Math.max(MIN_SIGMA, (q90 - q10) / (2 * Z80)) };
      };
      return frameForecast(LEARNED, history, asOf, predict, model?.priors[groupOf(history.config)]);
    },
  };
}

export function learnedMethod(tf: Tf, options: LearnedOptions = {}): ForecastMethod {
  return { name: LEARNED, fit: (runs) => learnedForecaster(trainLearned(tf, runs, options)) };
}
