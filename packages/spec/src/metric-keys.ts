/** Metric keys written at every evaluation (SCIENCE.md §5). Names are shared by code, GraphQL and UI. */
export const METRIC_KEYS = [
  "train_loss",
  "test_loss",
  "train_acc",
  "test_acc",
  "weight_norm",
  "logit_scale",
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** Accuracy thresholds for events (SCIENCE.md §6). */
export const MEMORISED_TRAIN_ACC = 0.99;
export const GROKKED_TEST_ACC = 0.9;
