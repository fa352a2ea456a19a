/** The science core (DESIGN.md §3): pure tfjs, no node:*, all randomness from the seed. */
export { createTrainingSession, createModel, type TrainingSession, type StepOptions } from "./session.ts";
export {
  train,
  type TrainingSink,
  type TrainDeps,
  type TrainResult,
  type TrainSummary,
  type SeedSummary,
  type Evaluation,
  type Checkpoint,
} from "./train.ts";
export { saveState, loadState, peekState, STATE_FORMAT, STATE_VERSION, type LoopState } from "./state.ts";
export { EVENT_KINDS, createEventDetector, type EventKind, type TrainEvent, type EventDetector } from "./events.ts";
export { createDataset, applyOp, modInverse, type ModularDataset, type Examples, type Op } from "./data.ts";
export { sumSquaresBySeed, scaleBySeed, parameterNormsBySeed, type TrainableModel, type ParamSpec, type ParamGroup, type ModelInputs } from "./model.ts";
export { createMlp, type Mlp, type MlpInputs, type MlpOptions } from "./model-mlp.ts";
export { createTransformer, type Transformer, type TransformerOptions } from "./model-transformer.ts";
export { createAdamW, learningRateAt, type AdamW, type AdamWConfig } from "./optimizer-adamw.ts";
export { perExampleLoss, createMeanLoss, type LossKind } from "./loss.ts";
export {
  computeMetrics,
  computeSeedMetrics,
  createMetricInputs,
  weightNorm,
  fourierScoreFromPower,
  FOURIER_TOP,
  type Metrics,
  type MetricInputs,
  type MetricParams,
  type SeedNorms,
} from "./metrics.ts";
export { createMatMul, createAddBias, createGelu, createPairLookup, createStackedBlockProducts, type Tf } from "./ops.ts";
export { batchedMatMul, createBatchedMatMul, createSeedMatMul, createSeedBlockTable, createSeedBias, createConcatRows } from "./ops-batched.ts";
export { createRng, deriveSeed, permutation, STREAMS, type Rng, type RngState } from "./rng.ts";
export { createGrokfast, type Grokfast, type GrokfastConfig } from "./grokfast.ts";
export { clampWeightNorm, clampWeightNormBySeed } from "./clamp.ts";
export { createBatchSampler, type BatchSampler, type SamplerState } from "./batches.ts";
