import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { RunRow, SweepRow, AnnotationRow } from '@grokscope/db';
import type { ApiContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 timestamp in UTC. */
  DateTime: { input: Date | string; output: Date | string; }
  /** An arbitrary JSON value (used for a run's raw config). */
  JSON: { input: unknown; output: unknown; }
};

/** A note pinned to a run, optionally at one step and/or one seed. */
export type Annotation = {
  __typename?: 'Annotation';
  /** Who wrote it (null until the API authenticates users). */
  author?: Maybe<Scalars['String']['output']>;
  /** When it was written. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque identifier (for updateAnnotation / deleteAnnotation). */
  id: Scalars['ID']['output'];
  /** Seed the note refers to (null: all seeds). */
  seed?: Maybe<Scalars['Int']['output']>;
  /** Step the note refers to (null: the whole run). */
  step?: Maybe<Scalars['Int']['output']>;
  /** The note, 1–5000 characters. */
  text: Scalars['String']['output'];
  /** When its text last changed (equals createdAt until edited). */
  updatedAt: Scalars['DateTime']['output'];
};

/** A bucketed metric series of one seed, or of several seeds aggregated. */
export type BucketedSeries = {
  __typename?: 'BucketedSeries';
  /** The aggregate used (null for a single seed's series). */
  aggregate?: Maybe<SeriesAggregate>;
  /** Buckets in step order. */
  buckets: Array<SeriesBucket>;
  /** The same buckets as parallel arrays: far cheaper to serialise and parse for long series. */
  columns: SeriesColumns;
  /** Metric key (SCIENCE.md §5 name). */
  key: Scalars['String']['output'];
  /** True when every point is returned unbucketed. */
  raw: Scalars['Boolean']['output'];
  /** The seed (null for an aggregate). */
  seed?: Maybe<Scalars['Int']['output']>;
};

/**
 * Weight-norm clamp: after every step t ≥ fromStep the weight matrices are rescaled to norm
 * target, given absolutely or as rho × the calibrated critical norm w_c (SCIENCE.md §4).
 */
export type Clamp = {
  __typename?: 'Clamp';
  /** First clamped step. */
  fromStep: Scalars['Int']['output'];
  /** Multiple of the calibrated critical norm w_c (null when given as target). */
  rho?: Maybe<Scalars['Float']['output']>;
  /** Absolute target norm (null when given as rho). */
  target?: Maybe<Scalars['Float']['output']>;
};

/** Clamp of a new run: exactly one of target or rho. */
export type ClampInput = {
  /** First clamped step (default 500). */
  fromStep?: InputMaybe<Scalars['Int']['input']>;
  /** Target as a multiple of the critical norm w_c, calibrated from finished unclamped runs of the same cell. */
  rho?: InputMaybe<Scalars['Float']['input']>;
  /** Absolute target norm of the weight matrices. */
  target?: InputMaybe<Scalars['Float']['input']>;
};

/** A new run. */
export type CreateRunInput = {
  /** Idempotency key: retrying createRun with the same key returns the first run instead of a second. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The run's configuration; omitted fields take their defaults. */
  config: RunConfigInput;
  /** Optional name; a descriptive one is generated from the config when omitted. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/**
 * A new sweep: the base config × every combination of the grid's values, plus extraCells, each cell
 * one run of `seeds` seeds. Invalid cells are rejected with BAD_USER_INPUT naming the field and cell.
 */
export type CreateSweepInput = {
  /** Config shared by every cell (defaults as createRun). */
  base?: InputMaybe<RunConfigInput>;
  /** Cells beside the grid, as field path → value objects. */
  extraCells?: InputMaybe<Array<Scalars['JSON']['input']>>;
  /** Axes whose values are combined into cells. */
  grid?: InputMaybe<Array<SweepAxisInput>>;
  /** Name of the sweep (its runs are named after it and their cell). */
  name: Scalars['String']['input'];
  /** Seeds per cell (1–32, default 4). */
  seeds?: InputMaybe<Scalars['Int']['input']>;
};

/** When decoupled weight decay is applied. */
export type DecayOrder =
  /** After the Adam update (the paper's order). */
  | 'AFTER'
  /** Before it, as torch.optim.AdamW does. */
  | 'TORCH';

/** Exact values and/or an inclusive range of a number (see IntFilter). */
export type FloatFilter = {
  /** Any of these values (compared exactly, as entered in the run's config). */
  in?: InputMaybe<Array<Scalars['Float']['input']>>;
  /** At most this (inclusive). */
  max?: InputMaybe<Scalars['Float']['input']>;
  /** At least this (inclusive). */
  min?: InputMaybe<Scalars['Float']['input']>;
};

/**
 * A forecast of a run's grokking onset T_grok (first evaluation step with test accuracy ≥ 0.90,
 * median over seeds), made from the run's readings up to `step` only by a forecaster fitted on the
 * registry's finished runs.
 */
export type Forecast = {
  __typename?: 'Forecast';
  /** The forecaster that made it, e.g. "selector/first-passage" (the selector and the law it chose for this kind of run). */
  forecaster: Scalars['String']['output'];
  /** Upper end of the 80 % interval (90 % predictive quantile); null together with tGrok. */
  high?: Maybe<Scalars['Float']['output']>;
  /** Lower end of the 80 % interval (10 % predictive quantile); null together with tGrok. */
  low?: Maybe<Scalars['Float']['output']>;
  /** True when test accuracy had already started rising at `step`: a nowcast, not a forecast. */
  nowcast: Scalars['Boolean']['output'];
  /** Probability (0–1) that the run groks within its configured steps. */
  probability: Scalars['Float']['output'];
  /** The forecast step: only readings at or before it were used (0 for a forecast from the config alone). */
  step: Scalars['Int']['output'];
  /** Point estimate of T_grok (predictive median); null when grokking within the step budget is unlikely. */
  tGrok?: Maybe<Scalars['Float']['output']>;
};

/** Grokfast-EMA filter (arXiv 2405.20233): ema ← α·ema + (1−α)·g; g ← g + λ·ema. */
export type Grokfast = {
  __typename?: 'Grokfast';
  /** EMA decay α of the gradient filter. */
  alpha: Scalars['Float']['output'];
  /** Amplification λ of the slow gradient component. */
  lambda: Scalars['Float']['output'];
};

/** Grokfast-EMA filter of a new run (arXiv 2405.20233). */
export type GrokfastInput = {
  /** EMA decay α (default 0.98). */
  alpha?: InputMaybe<Scalars['Float']['input']>;
  /** Amplification λ (default 2). */
  lambda?: InputMaybe<Scalars['Float']['input']>;
};

/**
 * Exact values and/or an inclusive range of an integer. Every given part must hold:
 * `{ in: [13, 17] }`, `{ min: 100, max: 500 }`, or both.
 */
export type IntFilter = {
  /** Any of these values. */
  in?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** At most this (inclusive). */
  max?: InputMaybe<Scalars['Int']['input']>;
  /** At least this (inclusive). */
  min?: InputMaybe<Scalars['Int']['input']>;
};

/** Training loss applied to the tempered logits z/τ. */
export type Loss =
  /** Softmax cross-entropy. */
  | 'CE'
  /** Squared error against the one-hot label. */
  | 'MSE';

/**
 * One point of a metric series. When downsampled, the point summarises a bucket of steps. A value
 * that is not a finite number (NaN or ±Infinity, e.g. the loss of a diverged run) is null here;
 * the exports (Run.exportUrls) keep it as such.
 */
export type MetricPoint = {
  __typename?: 'MetricPoint';
  /** Largest value in the bucket (equals value for raw points); null when not finite. */
  max?: Maybe<Scalars['Float']['output']>;
  /** Smallest value in the bucket (equals value for raw points); null when not finite. */
  min?: Maybe<Scalars['Float']['output']>;
  /** Step of the point (last step in its bucket). */
  step: Scalars['Int']['output'];
  /** Value at `step` (the bucket's last value); null when not finite. */
  value?: Maybe<Scalars['Float']['output']>;
};

/** A metric's values over steps for one seed. */
export type MetricSeries = {
  __typename?: 'MetricSeries';
  /** Metric key, e.g. test_acc (SCIENCE.md §5). */
  key: Scalars['String']['output'];
  /** Points in increasing step order. */
  points: Array<MetricPoint>;
  /** Seed. */
  seed: Scalars['Int']['output'];
};

/** New metric points of one seed of a run. */
export type MetricsAppended = {
  __typename?: 'MetricsAppended';
  /** Number of new evaluation points. */
  count: Scalars['Int']['output'];
  /** First and last new step. */
  fromStep: Scalars['Int']['output'];
  /** The new points (at most 1,000, the latest ones), each a {step, <metric key>: value} object. */
  points: Array<Scalars['JSON']['output']>;
  /** The run that received points. */
  runId: Scalars['ID']['output'];
  /** Seed index of the new points. */
  seed: Scalars['Int']['output'];
  /** Last step now stored for that seed. */
  toStep: Scalars['Int']['output'];
};

/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Pin a note to a run; `step` (≥ 0) and `seed` (0–32767) are optional. Text is trimmed and must
   * be 1–5000 characters. Subscribers of the run are notified.
   */
  addAnnotation: Annotation;
  /**
   * Add tags to a run (trimmed and lower-cased; tags it already has are kept). A run carries at
   * most 50 tags. BAD_USER_INPUT (field "tags") for an empty, over-long or control-character tag.
   */
  addTags: Run;
  /** Cancel a run: a queued run is cancelled at once, a running one at the worker's next report. */
  cancelRun: Run;
  /** Cancel a sweep's queued runs at once and ask its running ones to stop. NOT_FOUND for an unknown sweep. */
  cancelSweep: Sweep;
  /** Queue a new run for a worker to train. idempotencyKey (or input.clientMutationId): a retry returns the first run. */
  createRun: Run;
  /**
   * Queue a sweep: one run per cell, all in one transaction. Retrying with the same idempotencyKey
   * returns the first sweep instead of a second.
   */
  createSweep: Sweep;
  /** Delete an annotation; returns its id. */
  deleteAnnotation: Scalars['ID']['output'];
  /**
   * Queue a run that starts from run `runId`'s checkpoint at `step` with the parent's config and
   * `overrides` applied. NOT_FOUND for an unknown run; BAD_USER_INPUT (field "step") when the parent
   * has no checkpoint there, or naming the override that a fork may not change (p, op, seeds…).
   * Keys are shared with createRun.
   */
  forkRun: Run;
  /** Remove tags from a run (tags it does not have are ignored). */
  removeTags: Run;
  /**
   * Queue a new run with the same config as run `id` (named "<name> (rerun)"). Retrying with the
   * same clientMutationId returns the first rerun instead of a second (keys are shared with
   * createRun). NOT_FOUND for an unknown run.
   */
  rerun: Run;
  /** Replace an annotation's text (same rules as addAnnotation). */
  updateAnnotation: Annotation;
  /** Rename a run and/or edit its notes. NOT_FOUND for an unknown run. */
  updateRun: Run;
};


/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type MutationAddAnnotationArgs = {
  runId: Scalars['ID']['input'];
  seed?: InputMaybe<Scalars['Int']['input']>;
  step?: InputMaybe<Scalars['Int']['input']>;
  text: Scalars['String']['input'];
};


/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type MutationAddTagsArgs = {
  runId: Scalars['ID']['input'];
  tags: Array<Scalars['String']['input']>;
};


/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type MutationCancelRunArgs = {
  id: Scalars['ID']['input'];
};


/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type MutationCancelSweepArgs = {
  id: Scalars['ID']['input'];
};


/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type MutationCreateRunArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: CreateRunInput;
};


/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type MutationCreateSweepArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: CreateSweepInput;
};


/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type MutationDeleteAnnotationArgs = {
  id: Scalars['ID']['input'];
};


/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type MutationForkRunArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  overrides?: InputMaybe<RunConfigInput>;
  runId: Scalars['ID']['input'];
  step: Scalars['Int']['input'];
};


/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type MutationRemoveTagsArgs = {
  runId: Scalars['ID']['input'];
  tags: Array<Scalars['String']['input']>;
};


/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type MutationRerunArgs = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};


/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type MutationUpdateAnnotationArgs = {
  id: Scalars['ID']['input'];
  text: Scalars['String']['input'];
};


/** Change the registry: launch, cancel, fork, edit, tag and annotate runs and sweeps. */
export type MutationUpdateRunArgs = {
  id: Scalars['ID']['input'];
  input: UpdateRunInput;
};

/** Arithmetic operation of the task, (a ∘ b) mod p. */
export type Op =
  /** a + b mod p. */
  | 'ADD'
  /** a · b⁻¹ mod p (b ≠ 0). */
  | 'DIV'
  /** a · b mod p. */
  | 'MUL'
  /** a − b mod p. */
  | 'SUB';

/** Cursor pagination state of a connection. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the page's last item (null on an empty page). */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** How a backtest held runs out of the fit that forecast them. */
export type PredictorHoldOut =
  /** K folds of runs (or of sweeps) when there are too many for one fit per run or sweep. */
  | 'K_FOLD'
  /** Leave-one-run-out. */
  | 'RUN'
  /** Leave-one-sweep-out: runs of a sweep (near-duplicate configs) are held out together. */
  | 'SWEEP';

/** A cross-validated backtest of the onset forecasters over finished runs (SCIENCE.md §8 "honest evaluation"). */
export type PredictorReport = {
  __typename?: 'PredictorReport';
  /** Number of fits per forecaster (one per held-out group). */
  folds: Scalars['Int']['output'];
  /** How runs were held out of the fits that forecast them. */
  holdOut: PredictorHoldOut;
  /** Every held-out forecast, for predicted-vs-actual plots. */
  points: Array<PredictorReportPoint>;
  /** Forecaster × lead time, in forecaster then lead order. */
  rows: Array<PredictorReportRow>;
  /** Finished runs backtested (the newest 200 matching the filter at most). */
  runs: Scalars['Int']['output'];
};

/** One held-out forecast of a backtest (predicted against actual). */
export type PredictorReportPoint = {
  __typename?: 'PredictorReportPoint';
  /** The run's actual T_grok; null when it did not grok within its budget. */
  actual?: Maybe<Scalars['Float']['output']>;
  /** The forecast, made from the run's readings up to forecast.step only. */
  forecast: Forecast;
  /** The forecaster that made the forecast (see PredictorReportRow.forecaster). */
  forecaster: Scalars['String']['output'];
  /** When it was made (see PredictorReportRow.leadFraction). */
  leadFraction: Scalars['Float']['output'];
  /** The held-out run. */
  runId: Scalars['ID']['output'];
  /** Its name. */
  runName: Scalars['String']['output'];
};

/** Quality of one forecaster at one lead time over the held-out finished runs. */
export type PredictorReportRow = {
  __typename?: 'PredictorReportRow';
  /** Brier score of the grok-within-budget probability over all held-out runs (0 perfect, 0.25 a coin toss). */
  brier?: Maybe<Scalars['Float']['output']>;
  /** Share of grokked runs whose T_grok lay inside the 80 % interval (no interval counts as a miss); null when none grokked. */
  coverage?: Maybe<Scalars['Float']['output']>;
  /** Forecaster name: "config" (the config alone: the baseline), "first-passage", "logit-scale" or "selector" (which picks one of the two laws per kind of run). */
  forecaster: Scalars['String']['output'];
  /** Of those, runs that grokked. */
  grokked: Scalars['Int']['output'];
  /** The lead time in words: "T_mem", "25 % delay"… */
  lead: Scalars['String']['output'];
  /** When the forecast was made: 0 = at T_mem, 0.25 / 0.5 / 0.75 = that share of the delay T_grok − T_mem elapsed (of the remaining budget for runs that never grokked). */
  leadFraction: Scalars['Float']['output'];
  /** Mean absolute percentage error of T_grok (0.177 = 17.7 %) over grokked runs with a point forecast; null when there are none. */
  mape?: Maybe<Scalars['Float']['output']>;
  /** Median steps between the forecast and T_grok over grokked runs. */
  medianLead?: Maybe<Scalars['Float']['output']>;
  /** Held-out runs forecast (grokked and not). */
  n: Scalars['Int']['output'];
  /** Forecasts that were nowcasts (test accuracy already rising). */
  nowcasts: Scalars['Int']['output'];
  /** Grokked runs that got a point forecast (the rest were called unlikely to grok). */
  predicted: Scalars['Int']['output'];
  /** Spearman rank correlation of predicted and actual T_grok; null with fewer than two such runs. */
  spearman?: Maybe<Scalars['Float']['output']>;
};

/** Read the registry: runs, sweeps, metric series and forecasts. */
export type Query = {
  __typename?: 'Query';
  /** The caller (null when not signed in). Never fails for anonymous callers. */
  me?: Maybe<User>;
  /**
   * Forecast of T_grok for a run not yet trained: `config` (paper defaults for omitted fields) and
   * the registry's finished runs only (forecaster "config": ln T_grok regressed on the config's
   * knobs over finished runs of the same model and loss). Null when the registry has no finished run.
   * BAD_USER_INPUT naming the field for an invalid config.
   */
  predictOnset?: Maybe<Forecast>;
  /**
   * Backtest of the forecasters over the succeeded runs matching `filter`: each run is forecast at
   * T_mem and at 25 / 50 / 75 % of its delay by forecasters fitted without it (leave-one-run-out,
   * or leave-one-sweep-out with at least three sweeps; more than 20 such groups are dealt into 20
   * folds). Results are cached for ten minutes; a first report over 200 runs takes up to a minute.
   */
  predictorReport: PredictorReport;
  /** One run by id (null when it does not exist). */
  run?: Maybe<Run>;
  /**
   * Runs matching `filter` (all when omitted), in `orderBy` order (newest first when omitted).
   * `first` is capped at 200. A cursor is only valid under the ordering that issued it; one from
   * another ordering is refused with BAD_USER_INPUT (field "after"). totalCount counts the runs
   * matching the filter.
   */
  runs: RunConnection;
  /** One sweep by id (null when it does not exist). */
  sweep?: Maybe<Sweep>;
  /** Sweeps, newest first; `first` is capped at 200. */
  sweeps: SweepConnection;
};


/** Read the registry: runs, sweeps, metric series and forecasts. */
export type QueryPredictOnsetArgs = {
  config?: InputMaybe<RunConfigInput>;
};


/** Read the registry: runs, sweeps, metric series and forecasts. */
export type QueryPredictorReportArgs = {
  filter?: InputMaybe<RunFilter>;
};


/** Read the registry: runs, sweeps, metric series and forecasts. */
export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


/** Read the registry: runs, sweeps, metric series and forecasts. */
export type QueryRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<RunOrder>;
};


/** Read the registry: runs, sweeps, metric series and forecasts. */
export type QuerySweepArgs = {
  id: Scalars['ID']['input'];
};


/** Read the registry: runs, sweeps, metric series and forecasts. */
export type QuerySweepsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** What a user may do; each role includes the ones before it. */
export type Role =
  /** May also manage users and API tokens. */
  | 'ADMIN'
  /** May also launch, edit, cancel and annotate runs and sweeps. */
  | 'EDITOR'
  /** May read runs, sweeps, metrics and annotations. */
  | 'VIEWER';

/** A training run in the registry. */
export type Run = {
  __typename?: 'Run';
  /** Notes pinned to the run, optionally at a step and/or seed; oldest first. */
  annotations: Array<Annotation>;
  /** Who launched the run (null before authentication existed). */
  author?: Maybe<Scalars['String']['output']>;
  /** The tfjs backend the worker actually used (null until started). */
  backend?: Maybe<Scalars['String']['output']>;
  /** True once a cancel was requested for a running run. */
  cancelRequested: Scalars['Boolean']['output'];
  /** Typed configuration. */
  config: RunConfig;
  /** When the run was queued. */
  createdAt: Scalars['DateTime']['output'];
  /** Why the run failed, if it did. */
  error?: Maybe<Scalars['String']['output']>;
  /** Detected events in step order; only those of `seed` when given. */
  events: Array<RunEvent>;
  /** Where to download this run's full-resolution metric history. */
  exportUrls: RunExportUrls;
  /** When it ended (null while queued or running). */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The newest forecast the worker stored for this run (null before the first one). */
  forecast?: Maybe<Forecast>;
  /** Every forecast the worker stored for this run, in step order (those at or after `fromStep` when given). */
  forecastHistory: Array<Forecast>;
  /** Step of the parent's checkpoint this run was forked at. */
  forkStep?: Maybe<Scalars['Int']['output']>;
  /** Stable identifier (UUID). */
  id: Scalars['ID']['output'];
  /**
   * Metric series for the given keys (all written keys when omitted), between fromStep and toStep
   * inclusive. With maxPoints, long series are downsampled into at most that many step buckets,
   * each keeping min, max and last so spikes survive.
   */
  metrics: Array<MetricSeries>;
  /** Human-readable name. */
  name: Scalars['String']['output'];
  /** Free-text notes by the team (null when none). */
  notes?: Maybe<Scalars['String']['output']>;
  /** Fork source: the run whose checkpoint this run started from (null unless forked). */
  parent?: Maybe<Run>;
  /** Steps done, budget and estimated time left. */
  progress: RunProgress;
  /** Configuration as stored (JSON). */
  rawConfig: Scalars['JSON']['output'];
  /** Seeds the run trains. */
  seeds: Scalars['Int']['output'];
  /**
   * Bucketed metric series computed in the database. For each key, one series per seed in `seeds`
   * (all seeds when omitted), or with `aggregate` one series combining those seeds step by step.
   * Steps between fromStep and toStep (inclusive) are cut into at most `buckets` buckets, equal in
   * step (LINEAR) or in ln(step + 1) (LOG); each bucket keeps min, max, mean and last, so a spike
   * never disappears. When the range holds no more points than buckets, points come back raw.
   */
  series: Array<BucketedSeries>;
  /** When a worker claimed it (null while queued). */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the run is in its lifecycle. */
  status: RunStatus;
  /** Onset summary: medians over seeds of T_mem, T_grok, delay and logit scale at T_grok, and how many seeds grokked. */
  summary: RunSummary;
  /** The sweep that enqueued this run, if any. */
  sweep?: Maybe<Sweep>;
  /** Labels on the run: trimmed, lower-case, 1–64 characters each, in alphabetical order. */
  tags: Array<Scalars['String']['output']>;
  /** Identifier of the worker that claimed the run. */
  worker?: Maybe<Scalars['String']['output']>;
};


/** A training run in the registry. */
export type RunEventsArgs = {
  seed?: InputMaybe<Scalars['Int']['input']>;
};


/** A training run in the registry. */
export type RunForecastHistoryArgs = {
  fromStep?: InputMaybe<Scalars['Int']['input']>;
};


/** A training run in the registry. */
export type RunMetricsArgs = {
  fromStep?: InputMaybe<Scalars['Int']['input']>;
  keys?: InputMaybe<Array<Scalars['String']['input']>>;
  maxPoints?: InputMaybe<Scalars['Int']['input']>;
  toStep?: InputMaybe<Scalars['Int']['input']>;
};


/** A training run in the registry. */
export type RunSeriesArgs = {
  aggregate?: InputMaybe<SeriesAggregate>;
  buckets?: InputMaybe<Scalars['Int']['input']>;
  fromStep?: InputMaybe<Scalars['Int']['input']>;
  keys: Array<Scalars['String']['input']>;
  seeds?: InputMaybe<Array<Scalars['Int']['input']>>;
  toStep?: InputMaybe<Scalars['Int']['input']>;
  xScale?: InputMaybe<XScale>;
};

/** A run's configuration as the trainer used it (defaults filled in). */
export type RunConfig = {
  __typename?: 'RunConfig';
  /** Requested tfjs backend ("auto" picks the fastest installed). */
  backend: Scalars['String']['output'];
  /** Minibatch size (null = full batch). */
  batchSize?: Maybe<Scalars['Int']['output']>;
  /** A resume checkpoint is saved every this many steps (0 = never). */
  checkpointEvery: Scalars['Int']['output'];
  /** Steps whose full state is kept for forking. */
  checkpointSteps: Array<Scalars['Int']['output']>;
  /** Weight-norm clamp (null when unclamped). */
  clamp?: Maybe<Clamp>;
  /** When weight decay is applied relative to the Adam update. */
  decayOrder: DecayOrder;
  /** Embedding width d (MLP) or d_model (transformer). */
  embedDim: Scalars['Int']['output'];
  /** Evaluate every this many steps. */
  evalEvery: Scalars['Int']['output'];
  /** Grokfast-EMA gradient filter (null when off). */
  grokfast?: Maybe<Grokfast>;
  /** Attention heads (transformer only). */
  heads: Scalars['Int']['output'];
  /** Hidden width H (MLP) or the transformer's MLP width. */
  hiddenDim: Scalars['Int']['output'];
  /** Training loss. */
  loss: Loss;
  /** AdamW learning rate. */
  lr: Scalars['Float']['output'];
  /** Model architecture: "mlp" or "transformer" (lower case, as stored). */
  model: Scalars['String']['output'];
  /** Arithmetic operation. */
  op: Op;
  /** Modulus of the task (prime). */
  p: Scalars['Int']['output'];
  /** Seed of initialisation and data split. */
  seed: Scalars['Int']['output'];
  /** Seeds trained together (seed index i uses seed value seed + i); summaries are medians over them. */
  seeds: Scalars['Int']['output'];
  /** Step budget. */
  steps: Scalars['Int']['output'];
  /** Training stops this many steps after every seed has grokked (null = the whole budget). */
  stopAfterGrok?: Maybe<Scalars['Int']['output']>;
  /** Output temperature τ: loss and probabilities see z/τ. */
  temperature: Scalars['Float']['output'];
  /** Share of all pairs used for training. */
  trainFraction: Scalars['Float']['output'];
  /** Linear learning-rate warm-up length in steps (0 = none). */
  warmupSteps: Scalars['Int']['output'];
  /** Decoupled weight decay λ, applied to weight matrices only. */
  weightDecay: Scalars['Float']['output'];
};

/**
 * Configuration of a new run. Every field is optional; omitted fields take the paper's defaults
 * (p = 97, add, train fraction 0.4, lr 1e-3, λ = 1, τ = 1, CE, 10,000 steps, eval every 10).
 * Invalid values are rejected with BAD_USER_INPUT naming the field.
 */
export type RunConfigInput = {
  /** "auto", "tensorflow-gpu", "tensorflow", "wasm-openblas", "wasm" or "cpu". */
  backend?: InputMaybe<Scalars['String']['input']>;
  /** Minibatch size (omit for full batch). */
  batchSize?: InputMaybe<Scalars['Int']['input']>;
  /** Save a resume checkpoint every this many steps (default 1000, 0 = never). */
  checkpointEvery?: InputMaybe<Scalars['Int']['input']>;
  /** Steps whose full state is kept for forking (at most 20). */
  checkpointSteps?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** Weight-norm clamp (omit for none). */
  clamp?: InputMaybe<ClampInput>;
  /** When weight decay is applied (default AFTER, the paper's order). */
  decayOrder?: InputMaybe<DecayOrder>;
  /** Embedding width. */
  embedDim?: InputMaybe<Scalars['Int']['input']>;
  /** Evaluate every this many steps. */
  evalEvery?: InputMaybe<Scalars['Int']['input']>;
  /** Grokfast-EMA filter (omit for none). */
  grokfast?: InputMaybe<GrokfastInput>;
  /** Attention heads (transformer; must divide embedDim). */
  heads?: InputMaybe<Scalars['Int']['input']>;
  /** Hidden width (default 256 for the MLP, 512 for the transformer). */
  hiddenDim?: InputMaybe<Scalars['Int']['input']>;
  /** Training loss (default CE). */
  loss?: InputMaybe<Loss>;
  /** AdamW learning rate (default 1e-3). */
  lr?: InputMaybe<Scalars['Float']['input']>;
  /** "mlp" (default) or "transformer" (case-insensitive). */
  model?: InputMaybe<Scalars['String']['input']>;
  /** Operation (default ADD). */
  op?: InputMaybe<Op>;
  /** Modulus (prime, 5–113; default 97). */
  p?: InputMaybe<Scalars['Int']['input']>;
  /** First seed (seed index i uses seed + i). */
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** Seeds trained together (1–32, default 1). */
  seeds?: InputMaybe<Scalars['Int']['input']>;
  /** Step budget. */
  steps?: InputMaybe<Scalars['Int']['input']>;
  /** Stop this many steps after every seed has grokked (omit to train the whole budget). */
  stopAfterGrok?: InputMaybe<Scalars['Int']['input']>;
  /** Output temperature τ (default 1). */
  temperature?: InputMaybe<Scalars['Float']['input']>;
  /** Share of pairs used for training (default 0.4). */
  trainFraction?: InputMaybe<Scalars['Float']['input']>;
  /** Linear learning-rate warm-up in steps (default 0). */
  warmupSteps?: InputMaybe<Scalars['Int']['input']>;
  /** Decoupled weight decay λ (default 1). */
  weightDecay?: InputMaybe<Scalars['Float']['input']>;
};

/** A page of runs in the requested order (newest first by default). */
export type RunConnection = {
  __typename?: 'RunConnection';
  /** Runs of this page with their cursors. */
  edges: Array<RunEdge>;
  /** Runs of this page. */
  nodes: Array<Run>;
  /** Whether there is a next page and its cursor. */
  pageInfo: PageInfo;
  /** Number of runs matching, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A run in a page of runs. */
export type RunEdge = {
  __typename?: 'RunEdge';
  /** Opaque cursor of this run in the current order (pass as `after`). */
  cursor: Scalars['String']['output'];
  /** The run. */
  node: Run;
};

/** A detected training event (SCIENCE.md §6). */
export type RunEvent = {
  __typename?: 'RunEvent';
  /** Event kind: t_mem, t_grok, test_acc_50, test_acc_95. */
  kind: Scalars['String']['output'];
  /** Seed the event belongs to. */
  seed: Scalars['Int']['output'];
  /** Evaluation step at which it happened. */
  step: Scalars['Int']['output'];
  /** Associated value (e.g. logit scale at T_grok), if any. */
  value?: Maybe<Scalars['Float']['output']>;
};

/**
 * Download links (relative to the API's origin) for a run's full metric history: every seed, every
 * metric column, in (step, seed) order. The whole runs table is at /export/runs.csv and
 * /export/runs.json, which accept a JSON-encoded RunFilter in the `filter` query parameter.
 */
export type RunExportUrls = {
  __typename?: 'RunExportUrls';
  /** CSV with a header row: seed, step, then one column per metric key (empty = not recorded). */
  metricsCsv: Scalars['String']['output'];
  /** JSON array of {seed, step, <metric key>: number | null} objects. */
  metricsJson: Scalars['String']['output'];
};

/**
 * Which runs to list. Every given field must hold (they are ANDed); `and`, `or` and `not` combine
 * sub-filters. Lists take at most 100 values; filters nest at most 6 levels and 50 sub-filters.
 * An empty value list matches nothing; an empty `or` matches nothing, an empty `and` everything.
 */
export type RunFilter = {
  /** Every one of these sub-filters holds. */
  and?: InputMaybe<Array<RunFilter>>;
  /** Clamp dose ρ; unclamped runs never match. */
  clampRho?: InputMaybe<FloatFilter>;
  /** Summary delay (median tGrok − tMem); null delays never match. */
  delay?: InputMaybe<IntFilter>;
  /** true: the run grokked (tGrok known); false: it has not (yet). */
  grokked?: InputMaybe<Scalars['Boolean']['input']>;
  /** Loss is one of these. */
  loss?: InputMaybe<Array<Loss>>;
  /** Learning rate. */
  lr?: InputMaybe<FloatFilter>;
  /** Model architecture is one of these (e.g. "mlp"). */
  model?: InputMaybe<Array<Scalars['String']['input']>>;
  /** This sub-filter does not hold (the exact complement, including runs with null summaries). */
  not?: InputMaybe<RunFilter>;
  /** Operation is one of these. */
  op?: InputMaybe<Array<Op>>;
  /** At least one of these sub-filters holds. */
  or?: InputMaybe<Array<RunFilter>>;
  /** Modulus p. */
  p?: InputMaybe<IntFilter>;
  /** Seeds trained. */
  seeds?: InputMaybe<IntFilter>;
  /** Seeds that grokked. */
  seedsGrokked?: InputMaybe<IntFilter>;
  /** Status is one of these. */
  status?: InputMaybe<Array<RunStatus>>;
  /** The run belongs to one of these sweeps. */
  sweep?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Summary tGrok; runs that have not grokked (null tGrok) never match. */
  tGrok?: InputMaybe<IntFilter>;
  /** The run carries every one of these tags (normalised like addTags). */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Output temperature τ. */
  temperature?: InputMaybe<FloatFilter>;
  /** Case-insensitive substring of the name or the notes (at most 200 characters; taken literally). */
  text?: InputMaybe<Scalars['String']['input']>;
  /** Share of pairs used for training. */
  trainFraction?: InputMaybe<FloatFilter>;
  /** Weight decay λ. */
  weightDecay?: InputMaybe<FloatFilter>;
};

/** Order of a runs list. Runs without a value (e.g. no tGrok yet) come last either way; ties are broken by id. */
export type RunOrder = {
  /** Direction (DESC when omitted). */
  direction?: InputMaybe<SortDirection>;
  /** Sort key. */
  field: RunOrderField;
};

/** What to sort runs by. */
export type RunOrderField =
  /** Clamp dose ρ. */
  | 'CLAMP_RHO'
  /** When the run was queued. */
  | 'CREATED_AT'
  /** Summary delay. */
  | 'DELAY'
  /** Test accuracy at the last evaluation. */
  | 'FINAL_TEST_ACC'
  /** Run name. */
  | 'NAME'
  /** Modulus p. */
  | 'P'
  /** Seeds that grokked. */
  | 'SEEDS_GROKKED'
  /** Output temperature τ. */
  | 'TEMPERATURE'
  /** Summary tGrok. */
  | 'T_GROK'
  /** Summary tMem. */
  | 'T_MEM'
  /** Weight decay λ. */
  | 'WEIGHT_DECAY';

/** Progress of a run. */
export type RunProgress = {
  __typename?: 'RunProgress';
  /** Estimated seconds until the run finishes (null when unknown or finished). */
  etaSeconds?: Maybe<Scalars['Float']['output']>;
  /** stepsDone / stepsTotal in [0, 1]. */
  fraction: Scalars['Float']['output'];
  /** Mean wall-clock milliseconds per training step so far (null before the first report). */
  msPerStep?: Maybe<Scalars['Float']['output']>;
  /** Optimiser steps completed. */
  stepsDone: Scalars['Int']['output'];
  /** Step budget. */
  stepsTotal: Scalars['Int']['output'];
};

/** Lifecycle of a run: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED. */
export type RunStatus =
  /** Stopped on request. */
  | 'CANCELLED'
  /** Stopped by an error or a lost worker; see `error`. */
  | 'FAILED'
  /** Waiting for a worker to claim it. */
  | 'QUEUED'
  /** A worker is training it. */
  | 'RUNNING'
  /** Trained to its step budget. */
  | 'SUCCEEDED';

/** Headline results of a run: medians over its seeds, seeds that never reached an event counted as censored (+∞). */
export type RunSummary = {
  __typename?: 'RunSummary';
  /** Clamp target actually used (absolute, or rho × w_c resolved at start); null when unclamped. */
  clampTarget?: Maybe<Scalars['Float']['output']>;
  /** The critical norm w_c a rho clamp was calibrated from. */
  criticalNorm?: Maybe<Scalars['Float']['output']>;
  /** Median over seeds of tGrok − tMem (null unless the majority of seeds grokked). */
  delay?: Maybe<Scalars['Int']['output']>;
  /** Test accuracy at the last evaluation. */
  finalTestAcc?: Maybe<Scalars['Float']['output']>;
  /** Train accuracy at the last evaluation. */
  finalTrainAcc?: Maybe<Scalars['Float']['output']>;
  /** How many seeds grokked (k of `seeds`). */
  grokked: Scalars['Int']['output'];
  /** Logit scale at the evaluation nearest tGrok. */
  logitScaleAtGrok?: Maybe<Scalars['Float']['output']>;
  /** Seeds the run trains. */
  seeds: Scalars['Int']['output'];
  /** First evaluation step with test accuracy ≥ 0.90 (null if never: censored, not zero). */
  tGrok?: Maybe<Scalars['Int']['output']>;
  /** First evaluation step with train accuracy ≥ 0.99 (null if never). */
  tMem?: Maybe<Scalars['Int']['output']>;
};

/** How Run.series combines seeds at each step. */
export type SeriesAggregate =
  /** Largest seed value at each step. */
  | 'MAX'
  /** Mean over seeds at each step. */
  | 'MEAN'
  /** Median over seeds at each step. */
  | 'MEDIAN'
  /** Smallest seed value at each step. */
  | 'MIN';

/**
 * One bucket of a series (a single point when the series is raw). A statistic that is not a finite
 * number is null: NaN anywhere in a bucket makes its max and mean NaN (and its min when every value
 * is NaN), as in PostgreSQL, where NaN sorts above every number; ±Infinity likewise.
 */
export type SeriesBucket = {
  __typename?: 'SeriesBucket';
  /** Points in the bucket. */
  count: Scalars['Int']['output'];
  /** First step in the bucket. */
  fromStep: Scalars['Int']['output'];
  /** Value at toStep; null when not finite. */
  last?: Maybe<Scalars['Float']['output']>;
  /** Largest value in the bucket (a spike survives downsampling); null when not finite. */
  max?: Maybe<Scalars['Float']['output']>;
  /** Mean of the bucket's values; null when not finite. */
  mean?: Maybe<Scalars['Float']['output']>;
  /** Smallest value in the bucket (a dip survives downsampling); null when not finite. */
  min?: Maybe<Scalars['Float']['output']>;
  /** Last step in the bucket. */
  toStep: Scalars['Int']['output'];
};

/** Bucket fields as parallel arrays (index i is bucket i); null where a statistic is not finite (see SeriesBucket). */
export type SeriesColumns = {
  __typename?: 'SeriesColumns';
  /** Points in each bucket. */
  count: Array<Scalars['Int']['output']>;
  /** First step of each bucket. */
  fromStep: Array<Scalars['Int']['output']>;
  /** Value at each bucket's last step. */
  last: Array<Maybe<Scalars['Float']['output']>>;
  /** Maximum of each bucket. */
  max: Array<Maybe<Scalars['Float']['output']>>;
  /** Mean of each bucket. */
  mean: Array<Maybe<Scalars['Float']['output']>>;
  /** Minimum of each bucket. */
  min: Array<Maybe<Scalars['Float']['output']>>;
  /** Last step of each bucket. */
  toStep: Array<Scalars['Int']['output']>;
};

/** Sort direction. */
export type SortDirection =
  /** Smallest first. */
  | 'ASC'
  /** Largest first. */
  | 'DESC';

/** Live updates over graphql-ws, fed by PostgreSQL LISTEN/NOTIFY (works across API instances and remote workers). */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Fires when new metric points of the run are written, once per seed with new points: the step
   * range and the points since the last delivery (or since subscribing).
   */
  metricsAppended: MetricsAppended;
  /** Fires when the run's status or progress changes (including new metric points). */
  runUpdated: Run;
  /** Fires when any run is created or changes status or progress. */
  runsChanged: Run;
};


/** Live updates over graphql-ws, fed by PostgreSQL LISTEN/NOTIFY (works across API instances and remote workers). */
export type SubscriptionMetricsAppendedArgs = {
  runId: Scalars['ID']['input'];
};


/** Live updates over graphql-ws, fed by PostgreSQL LISTEN/NOTIFY (works across API instances and remote workers). */
export type SubscriptionRunUpdatedArgs = {
  id: Scalars['ID']['input'];
};

/** A grid of runs launched together, one multi-seed run per cell. */
export type Sweep = {
  __typename?: 'Sweep';
  /** Who launched it (null for runs enqueued before authentication existed). */
  author?: Maybe<Scalars['String']['output']>;
  /** The base config input the grid varies (JSON, defaults not filled in). */
  base: Scalars['JSON']['output'];
  /** The cell table, in the spec's order: grid cells (last axis fastest), then extra cells. */
  cells: Array<SweepCell>;
  /** When it was launched. */
  createdAt: Scalars['DateTime']['output'];
  /** Cells added beside the grid (e.g. the unclamped control), as field → value objects. */
  extraCells: Array<Scalars['JSON']['output']>;
  /** Grid axes (fields × values). */
  grid: Array<SweepAxis>;
  /** Stable identifier (UUID). */
  id: Scalars['ID']['output'];
  /** Name given at launch. */
  name: Scalars['String']['output'];
  /** Run counts by status and steps done. */
  progress: SweepProgress;
  /** Every run of the sweep, in launch order. */
  runs: Array<Run>;
  /** Seeds every cell trains. */
  seeds: Scalars['Int']['output'];
};

/** One grid axis of a sweep: a config field path (e.g. "clamp.rho") and its values. */
export type SweepAxis = {
  __typename?: 'SweepAxis';
  /** Config field path, e.g. "temperature" or "clamp.rho". */
  field: Scalars['String']['output'];
  /** Values as JSON (numbers, strings such as "none", booleans). */
  values: Array<Scalars['JSON']['output']>;
};

/** One grid axis of a new sweep. */
export type SweepAxisInput = {
  /** Config field path, e.g. "temperature" or "clamp.rho". */
  field: Scalars['String']['input'];
  /** Values (numbers, strings, booleans; "none" on clamp.* removes the clamp). */
  values: Array<Scalars['JSON']['input']>;
};

/** One cell of a sweep: its grid values and medians over every seed of its runs. */
export type SweepCell = {
  __typename?: 'SweepCell';
  /** Median T_grok − T_mem over seeds. */
  delay?: Maybe<Scalars['Int']['output']>;
  /** Seeds that grokked (k of `seeds`). */
  grokked: Scalars['Int']['output'];
  /** Median logit scale at T_grok over grokked seeds. */
  logitScaleAtGrok?: Maybe<Scalars['Float']['output']>;
  /** The cell's runs. */
  runs: Array<Run>;
  /** Seeds trained in this cell (over its runs). */
  seeds: Scalars['Int']['output'];
  /** Median T_grok over seeds (null when the majority did not grok: censored). */
  tGrok?: Maybe<Scalars['Int']['output']>;
  /** Median T_mem over seeds. */
  tMem?: Maybe<Scalars['Int']['output']>;
  /** Field path → value of this cell ("none" where an optional object such as clamp is absent). */
  values: Scalars['JSON']['output'];
};

/** A page of sweeps, newest first. */
export type SweepConnection = {
  __typename?: 'SweepConnection';
  /** Sweeps of this page with their cursors. */
  edges: Array<SweepEdge>;
  /** Sweeps of this page. */
  nodes: Array<Sweep>;
  /** Whether there is a next page and its cursor. */
  pageInfo: PageInfo;
  /** Sweeps in total (all pages). */
  totalCount: Scalars['Int']['output'];
};

/** A sweep in a page of sweeps. */
export type SweepEdge = {
  __typename?: 'SweepEdge';
  /** Opaque cursor of this sweep (pass as `after`). */
  cursor: Scalars['String']['output'];
  /** The sweep. */
  node: Sweep;
};

/** Run counts of a sweep per status, and steps summed over its runs. */
export type SweepProgress = {
  __typename?: 'SweepProgress';
  /** Runs cancelled. */
  cancelled: Scalars['Int']['output'];
  /** Runs that failed. */
  failed: Scalars['Int']['output'];
  /** stepsDone / stepsTotal in [0, 1]. */
  fraction: Scalars['Float']['output'];
  /** Runs waiting for a worker. */
  queued: Scalars['Int']['output'];
  /** Runs training now. */
  running: Scalars['Int']['output'];
  /** Optimiser steps done over all runs. */
  stepsDone: Scalars['Float']['output'];
  /** Step budget over all runs. */
  stepsTotal: Scalars['Float']['output'];
  /** Runs trained to their budget. */
  succeeded: Scalars['Int']['output'];
  /** Runs in the sweep. */
  total: Scalars['Int']['output'];
};

/**
 * Editable details of a run. An omitted field is left as it is; `notes: null` (or blank notes)
 * clears the notes; the name cannot be cleared.
 */
export type UpdateRunInput = {
  /** New name, 1–200 characters after trimming. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New notes, at most 10,000 characters. */
  notes?: InputMaybe<Scalars['String']['input']>;
};

/** A person (or automation) known to Grokscope. */
export type User = {
  __typename?: 'User';
  /** Unique user name; recorded as the author of the runs and annotations they create. */
  name: Scalars['String']['output'];
  /** What the user may do. */
  role: Role;
};

/** Spacing of Run.series buckets. */
export type XScale =
  /** Equal widths in steps. */
  | 'LINEAR'
  /** Equal widths in ln(step + 1), for log-x plots. */
  | 'LOG';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Annotation: ResolverTypeWrapper<AnnotationRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BucketedSeries: ResolverTypeWrapper<BucketedSeries>;
  Clamp: ResolverTypeWrapper<Clamp>;
  ClampInput: ClampInput;
  CreateRunInput: CreateRunInput;
  CreateSweepInput: CreateSweepInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DecayOrder: DecayOrder;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  FloatFilter: FloatFilter;
  Forecast: ResolverTypeWrapper<Forecast>;
  Grokfast: ResolverTypeWrapper<Grokfast>;
  GrokfastInput: GrokfastInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  IntFilter: IntFilter;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Loss: Loss;
  MetricPoint: ResolverTypeWrapper<MetricPoint>;
  MetricSeries: ResolverTypeWrapper<MetricSeries>;
  MetricsAppended: ResolverTypeWrapper<MetricsAppended>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Op: Op;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PredictorHoldOut: PredictorHoldOut;
  PredictorReport: ResolverTypeWrapper<PredictorReport>;
  PredictorReportPoint: ResolverTypeWrapper<PredictorReportPoint>;
  PredictorReportRow: ResolverTypeWrapper<PredictorReportRow>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  Run: ResolverTypeWrapper<RunRow>;
  RunConfig: ResolverTypeWrapper<RunConfig>;
  RunConfigInput: RunConfigInput;
  RunConnection: ResolverTypeWrapper<Omit<RunConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['RunEdge']>, nodes: Array<ResolversTypes['Run']> }>;
  RunEdge: ResolverTypeWrapper<Omit<RunEdge, 'node'> & { node: ResolversTypes['Run'] }>;
  RunEvent: ResolverTypeWrapper<RunEvent>;
  RunExportUrls: ResolverTypeWrapper<RunExportUrls>;
  RunFilter: RunFilter;
  RunOrder: RunOrder;
  RunOrderField: RunOrderField;
  RunProgress: ResolverTypeWrapper<RunProgress>;
  RunStatus: RunStatus;
  RunSummary: ResolverTypeWrapper<RunSummary>;
  SeriesAggregate: SeriesAggregate;
  SeriesBucket: ResolverTypeWrapper<SeriesBucket>;
  SeriesColumns: ResolverTypeWrapper<SeriesColumns>;
  SortDirection: SortDirection;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Sweep: ResolverTypeWrapper<SweepRow>;
  SweepAxis: ResolverTypeWrapper<SweepAxis>;
  SweepAxisInput: SweepAxisInput;
  SweepCell: ResolverTypeWrapper<Omit<SweepCell, 'runs'> & { runs: Array<ResolversTypes['Run']> }>;
  SweepConnection: ResolverTypeWrapper<Omit<SweepConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['SweepEdge']>, nodes: Array<ResolversTypes['Sweep']> }>;
  SweepEdge: ResolverTypeWrapper<Omit<SweepEdge, 'node'> & { node: ResolversTypes['Sweep'] }>;
  SweepProgress: ResolverTypeWrapper<SweepProgress>;
  UpdateRunInput: UpdateRunInput;
  User: ResolverTypeWrapper<User>;
  XScale: XScale;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Annotation: AnnotationRow;
  Boolean: Scalars['Boolean']['output'];
  BucketedSeries: BucketedSeries;
  Clamp: Clamp;
  ClampInput: ClampInput;
  CreateRunInput: CreateRunInput;
  CreateSweepInput: CreateSweepInput;
  DateTime: Scalars['DateTime']['output'];
  Float: Scalars['Float']['output'];
  FloatFilter: FloatFilter;
  Forecast: Forecast;
  Grokfast: Grokfast;
  GrokfastInput: GrokfastInput;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  IntFilter: IntFilter;
  JSON: Scalars['JSON']['output'];
  MetricPoint: MetricPoint;
  MetricSeries: MetricSeries;
  MetricsAppended: MetricsAppended;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PredictorReport: PredictorReport;
  PredictorReportPoint: PredictorReportPoint;
  PredictorReportRow: PredictorReportRow;
  Query: Record<PropertyKey, never>;
  Run: RunRow;
  RunConfig: RunConfig;
  RunConfigInput: RunConfigInput;
  RunConnection: Omit<RunConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['RunEdge']>, nodes: Array<ResolversParentTypes['Run']> };
  RunEdge: Omit<RunEdge, 'node'> & { node: ResolversParentTypes['Run'] };
  RunEvent: RunEvent;
  RunExportUrls: RunExportUrls;
  RunFilter: RunFilter;
  RunOrder: RunOrder;
  RunProgress: RunProgress;
  RunSummary: RunSummary;
  SeriesBucket: SeriesBucket;
  SeriesColumns: SeriesColumns;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  Sweep: SweepRow;
  SweepAxis: SweepAxis;
  SweepAxisInput: SweepAxisInput;
  SweepCell: Omit<SweepCell, 'runs'> & { runs: Array<ResolversParentTypes['Run']> };
  SweepConnection: Omit<SweepConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['SweepEdge']>, nodes: Array<ResolversParentTypes['Sweep']> };
  SweepEdge: Omit<SweepEdge, 'node'> & { node: ResolversParentTypes['Sweep'] };
  SweepProgress: SweepProgress;
  UpdateRunInput: UpdateRunInput;
  User: User;
};

export type AnnotationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Annotation'] = ResolversParentTypes['Annotation']> = {
  author?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  seed?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  step?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type BucketedSeriesResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['BucketedSeries'] = ResolversParentTypes['BucketedSeries']> = {
  aggregate?: Resolver<Maybe<ResolversTypes['SeriesAggregate']>, ParentType, ContextType>;
  buckets?: Resolver<Array<ResolversTypes['SeriesBucket']>, ParentType, ContextType>;
  columns?: Resolver<ResolversTypes['SeriesColumns'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  raw?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  seed?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type ClampResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Clamp'] = ResolversParentTypes['Clamp']> = {
  fromStep?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rho?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  target?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type ForecastResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Forecast'] = ResolversParentTypes['Forecast']> = {
  forecaster?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  high?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  low?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  nowcast?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  probability?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tGrok?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type GrokfastResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Grokfast'] = ResolversParentTypes['Grokfast']> = {
  alpha?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lambda?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MetricPointResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MetricPoint'] = ResolversParentTypes['MetricPoint']> = {
  max?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type MetricSeriesResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MetricSeries'] = ResolversParentTypes['MetricSeries']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['MetricPoint']>, ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MetricsAppendedResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MetricsAppended'] = ResolversParentTypes['MetricsAppended']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fromStep?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['JSON']>, ParentType, ContextType>;
  runId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  toStep?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addAnnotation?: Resolver<ResolversTypes['Annotation'], ParentType, ContextType, RequireFields<MutationAddAnnotationArgs, 'runId' | 'text'>>;
  addTags?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationAddTagsArgs, 'runId' | 'tags'>>;
  cancelRun?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationCancelRunArgs, 'id'>>;
  cancelSweep?: Resolver<ResolversTypes['Sweep'], ParentType, ContextType, RequireFields<MutationCancelSweepArgs, 'id'>>;
  createRun?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationCreateRunArgs, 'input'>>;
  createSweep?: Resolver<ResolversTypes['Sweep'], ParentType, ContextType, RequireFields<MutationCreateSweepArgs, 'input'>>;
  deleteAnnotation?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteAnnotationArgs, 'id'>>;
  forkRun?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationForkRunArgs, 'runId' | 'step'>>;
  removeTags?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationRemoveTagsArgs, 'runId' | 'tags'>>;
  rerun?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationRerunArgs, 'id'>>;
  updateAnnotation?: Resolver<ResolversTypes['Annotation'], ParentType, ContextType, RequireFields<MutationUpdateAnnotationArgs, 'id' | 'text'>>;
  updateRun?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationUpdateRunArgs, 'id' | 'input'>>;
};

export type PageInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PredictorReportResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PredictorReport'] = ResolversParentTypes['PredictorReport']> = {
  folds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  holdOut?: Resolver<ResolversTypes['PredictorHoldOut'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['PredictorReportPoint']>, ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['PredictorReportRow']>, ParentType, ContextType>;
  runs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PredictorReportPointResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PredictorReportPoint'] = ResolversParentTypes['PredictorReportPoint']> = {
  actual?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  forecast?: Resolver<ResolversTypes['Forecast'], ParentType, ContextType>;
  forecaster?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  leadFraction?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  runId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  runName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PredictorReportRowResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PredictorReportRow'] = ResolversParentTypes['PredictorReportRow']> = {
  brier?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  coverage?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  forecaster?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  grokked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lead?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  leadFraction?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  mape?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  medianLead?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  n?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nowcasts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  predicted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  spearman?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  predictOnset?: Resolver<Maybe<ResolversTypes['Forecast']>, ParentType, ContextType, Partial<QueryPredictOnsetArgs>>;
  predictorReport?: Resolver<ResolversTypes['PredictorReport'], ParentType, ContextType, Partial<QueryPredictorReportArgs>>;
  run?: Resolver<Maybe<ResolversTypes['Run']>, ParentType, ContextType, RequireFields<QueryRunArgs, 'id'>>;
  runs?: Resolver<ResolversTypes['RunConnection'], ParentType, ContextType, RequireFields<QueryRunsArgs, 'first'>>;
  sweep?: Resolver<Maybe<ResolversTypes['Sweep']>, ParentType, ContextType, RequireFields<QuerySweepArgs, 'id'>>;
  sweeps?: Resolver<ResolversTypes['SweepConnection'], ParentType, ContextType, RequireFields<QuerySweepsArgs, 'first'>>;
};

export type RunResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Run'] = ResolversParentTypes['Run']> = {
  annotations?: Resolver<Array<ResolversTypes['Annotation']>, ParentType, ContextType>;
  author?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  backend?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cancelRequested?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  config?: Resolver<ResolversTypes['RunConfig'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['RunEvent']>, ParentType, ContextType, Partial<RunEventsArgs>>;
  exportUrls?: Resolver<ResolversTypes['RunExportUrls'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  forecast?: Resolver<Maybe<ResolversTypes['Forecast']>, ParentType, ContextType>;
  forecastHistory?: Resolver<Array<ResolversTypes['Forecast']>, ParentType, ContextType, Partial<RunForecastHistoryArgs>>;
  forkStep?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metrics?: Resolver<Array<ResolversTypes['MetricSeries']>, ParentType, ContextType, RequireFields<RunMetricsArgs, 'maxPoints'>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  notes?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Run']>, ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['RunProgress'], ParentType, ContextType>;
  rawConfig?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  seeds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  series?: Resolver<Array<ResolversTypes['BucketedSeries']>, ParentType, ContextType, RequireFields<RunSeriesArgs, 'buckets' | 'keys' | 'xScale'>>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RunStatus'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['RunSummary'], ParentType, ContextType>;
  sweep?: Resolver<Maybe<ResolversTypes['Sweep']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  worker?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type RunConfigResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RunConfig'] = ResolversParentTypes['RunConfig']> = {
  backend?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  batchSize?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  checkpointEvery?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checkpointSteps?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  clamp?: Resolver<Maybe<ResolversTypes['Clamp']>, ParentType, ContextType>;
  decayOrder?: Resolver<ResolversTypes['DecayOrder'], ParentType, ContextType>;
  embedDim?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  evalEvery?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  grokfast?: Resolver<Maybe<ResolversTypes['Grokfast']>, ParentType, ContextType>;
  heads?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hiddenDim?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  loss?: Resolver<ResolversTypes['Loss'], ParentType, ContextType>;
  lr?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  op?: Resolver<ResolversTypes['Op'], ParentType, ContextType>;
  p?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seeds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  steps?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stopAfterGrok?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  temperature?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  trainFraction?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  warmupSteps?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  weightDecay?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type RunConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RunConnection'] = ResolversParentTypes['RunConnection']> = {
  edges?: Resolver<Array<ResolversTypes['RunEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Run']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RunEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RunEdge'] = ResolversParentTypes['RunEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Run'], ParentType, ContextType>;
};

export type RunEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RunEvent'] = ResolversParentTypes['RunEvent']> = {
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type RunExportUrlsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RunExportUrls'] = ResolversParentTypes['RunExportUrls']> = {
  metricsCsv?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metricsJson?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RunProgressResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RunProgress'] = ResolversParentTypes['RunProgress']> = {
  etaSeconds?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  fraction?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  msPerStep?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  stepsDone?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stepsTotal?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RunSummaryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RunSummary'] = ResolversParentTypes['RunSummary']> = {
  clampTarget?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  criticalNorm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  delay?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  finalTestAcc?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  finalTrainAcc?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  grokked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  logitScaleAtGrok?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  seeds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tGrok?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  tMem?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type SeriesBucketResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SeriesBucket'] = ResolversParentTypes['SeriesBucket']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fromStep?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  last?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  mean?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  toStep?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SeriesColumnsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SeriesColumns'] = ResolversParentTypes['SeriesColumns']> = {
  count?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  fromStep?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  last?: Resolver<Array<Maybe<ResolversTypes['Float']>>, ParentType, ContextType>;
  max?: Resolver<Array<Maybe<ResolversTypes['Float']>>, ParentType, ContextType>;
  mean?: Resolver<Array<Maybe<ResolversTypes['Float']>>, ParentType, ContextType>;
  min?: Resolver<Array<Maybe<ResolversTypes['Float']>>, ParentType, ContextType>;
  toStep?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  metricsAppended?: SubscriptionResolver<ResolversTypes['MetricsAppended'], "metricsAppended", ParentType, ContextType, RequireFields<SubscriptionMetricsAppendedArgs, 'runId'>>;
  runUpdated?: SubscriptionResolver<ResolversTypes['Run'], "runUpdated", ParentType, ContextType, RequireFields<SubscriptionRunUpdatedArgs, 'id'>>;
  runsChanged?: SubscriptionResolver<ResolversTypes['Run'], "runsChanged", ParentType, ContextType>;
};

export type SweepResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Sweep'] = ResolversParentTypes['Sweep']> = {
  author?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  base?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  cells?: Resolver<Array<ResolversTypes['SweepCell']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  extraCells?: Resolver<Array<ResolversTypes['JSON']>, ParentType, ContextType>;
  grid?: Resolver<Array<ResolversTypes['SweepAxis']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['SweepProgress'], ParentType, ContextType>;
  runs?: Resolver<Array<ResolversTypes['Run']>, ParentType, ContextType>;
  seeds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SweepAxisResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SweepAxis'] = ResolversParentTypes['SweepAxis']> = {
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['JSON']>, ParentType, ContextType>;
};

export type SweepCellResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SweepCell'] = ResolversParentTypes['SweepCell']> = {
  delay?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  grokked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  logitScaleAtGrok?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  runs?: Resolver<Array<ResolversTypes['Run']>, ParentType, ContextType>;
  seeds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tGrok?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  tMem?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  values?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
};

export type SweepConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SweepConnection'] = ResolversParentTypes['SweepConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SweepEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Sweep']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SweepEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SweepEdge'] = ResolversParentTypes['SweepEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Sweep'], ParentType, ContextType>;
};

export type SweepProgressResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SweepProgress'] = ResolversParentTypes['SweepProgress']> = {
  cancelled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fraction?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  queued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  running?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stepsDone?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  stepsTotal?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  succeeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ApiContext> = {
  Annotation?: AnnotationResolvers<ContextType>;
  BucketedSeries?: BucketedSeriesResolvers<ContextType>;
  Clamp?: ClampResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Forecast?: ForecastResolvers<ContextType>;
  Grokfast?: GrokfastResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  MetricPoint?: MetricPointResolvers<ContextType>;
  MetricSeries?: MetricSeriesResolvers<ContextType>;
  MetricsAppended?: MetricsAppendedResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PredictorReport?: PredictorReportResolvers<ContextType>;
  PredictorReportPoint?: PredictorReportPointResolvers<ContextType>;
  PredictorReportRow?: PredictorReportRowResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Run?: RunResolvers<ContextType>;
  RunConfig?: RunConfigResolvers<ContextType>;
  RunConnection?: RunConnectionResolvers<ContextType>;
  RunEdge?: RunEdgeResolvers<ContextType>;
  RunEvent?: RunEventResolvers<ContextType>;
  RunExportUrls?: RunExportUrlsResolvers<ContextType>;
  RunProgress?: RunProgressResolvers<ContextType>;
  RunSummary?: RunSummaryResolvers<ContextType>;
  SeriesBucket?: SeriesBucketResolvers<ContextType>;
  SeriesColumns?: SeriesColumnsResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Sweep?: SweepResolvers<ContextType>;
  SweepAxis?: SweepAxisResolvers<ContextType>;
  SweepCell?: SweepCellResolvers<ContextType>;
  SweepConnection?: SweepConnectionResolvers<ContextType>;
  SweepEdge?: SweepEdgeResolvers<ContextType>;
  SweepProgress?: SweepProgressResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

