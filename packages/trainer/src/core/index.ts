/** The science core (DESIGN.md §3): pure tfjs, no node:*, all randomness from the seed. */
export { createTrainingSession, type TrainingSession, type StepOptions } from "./session.ts";
export { train, type TrainingSink, type TrainDeps, type TrainResult, type TrainSummary, type Evaluation } from "./train.ts";
export { EVENT_KINDS, createEventDetector, type EventKind, type TrainEvent, type EventDetector } from "./events.ts";
export { createDataset, applyOp, modInverse, type ModularDataset, type Examples, type Op } from "./data.ts";
export { createMlp, type Mlp, type MlpInputs, type MlpOptions } from "./model-mlp.ts";
export { createAdamW, learningRateAt, type AdamW, type AdamWConfig } from "./optimizer-adamw.ts";
export { perExampleLoss, createMeanLoss, type LossKind } from "./loss.ts";
export { computeMetrics, createMetricInputs, weightNorm, fourierScoreFromPower, FOURIER_TOP, type Metrics, type MetricInputs, type MetricParams } from "./metrics.ts";
export { createMatMul, createAddBias, createGelu, createPairLookup, createStackedBlockProducts, type Tf } from "./ops.ts";
export { createRng, deriveSeed, permutation, STREAMS, type Rng } from "./rng.ts";
export { createGrokfast, type Grokfast, type GrokfastConfig } from "./grokfast.ts";
export { clampWeightNorm } from "./clamp.ts";
export { createBatchSampler, type BatchSampler } from "./batches.ts";
