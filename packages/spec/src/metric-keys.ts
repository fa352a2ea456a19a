/** Metric keys written at every evaluation (SCIENCE.md §5). Names are shared by code, GraphQL and UI. */
export const METRIC_KEYS = [
  "train_loss",
  "test_loss",
  "train_acc",
  "test_acc",
  "weight_norm",
  "logit_scale",
  "norm_embed",
  "norm_hidden",
  "norm_readout",
  "param_sq_norm",
  "logit_scale_train",
  "sc_rate",
  "frac_saturated",
  "max_prob",
  "logit_margin",
  "grad_norm",
  "update_norm",
  "fourier_score",
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** Accuracy thresholds for events (SCIENCE.md §6). */
export const MEMORISED_TRAIN_ACC = 0.99;
export const GROKKED_TEST_ACC = 0.9;

/** Event kinds stored per seed (SCIENCE.md §6). */
export const EVENT_KINDS = ["t_mem", "t_grok", "test_acc_50", "test_acc_95"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
