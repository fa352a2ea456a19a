/** TypeScript mirrors of the parts of apps/api/schema.graphql that the dashboard selects. */
import type { Forecast } from "./forecast.ts";
export type RunStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
export type Op = "ADD" | "SUB" | "MUL" | "DIV";
export type Loss = "CE" | "MSE";

export interface RunConfig {
  p: number;
  op: Op;
  trainFraction: number;
  lr: number;
  weightDecay: number;
  temperature: number;
  loss: Loss;
  steps: number;
  evalEvery: number;
  seed: number;
  model: string;
  backend: string;
}

export interface RunProgress {
  stepsDone: number;
  stepsTotal: number;
  fraction: number;
  msPerStep: number | null;
  etaSeconds: number | null;
}

export interface RunSummary {
  tMem: number | null;
  tGrok: number | null;
  delay: number | null;
  logitScaleAtGrok: number | null;
  finalTrainAcc: number | null;
  finalTestAcc: number | null;
}

/** A point as the API sends it: a value that is not finite (a diverged run's NaN loss) is null. */
export interface MetricPoint {
  step: number;
  value: number | null;
  min: number | null;
  max: number | null;
}

export interface MetricSeries {
  key: string;
  seed: number;
  points: MetricPoint[];
}

/** A row of the runs table. */
export interface RunListItem {
  id: string;
  name: string;
  status: RunStatus;
  createdAt: string;
  tags: string[];
  config: Pick<RunConfig, "p" | "op" | "temperature" | "weightDecay" | "lr" | "trainFraction" | "loss" | "model"> & { clamp: { rho: number | null; target: number | null } | null };
  progress: Pick<RunProgress, "stepsDone" | "stepsTotal">;
  summary: Pick<RunSummary, "finalTestAcc" | "tMem" | "tGrok" | "delay" | "logitScaleAtGrok"> & { grokked: number; seeds: number };
  /** Newest onset forecast (null before the worker made one; absent in older fixtures). */
  forecast?: Forecast | null;
}

/** Everything the run page shows. */
export interface RunDetail {
  id: string;
  name: string;
  status: RunStatus;
  config: RunConfig;
  backend: string | null;
  worker: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: RunProgress;
  error: string | null;
  cancelRequested: boolean;
  summary: RunSummary;
  metrics: MetricSeries[];
  tags: string[];
  notes: string | null;
  annotations: Annotation[];
  exportUrls: { metricsCsv: string; metricsJson: string };
  /** Newest onset forecast (null before the worker made one). */
  forecast?: Forecast | null;
}

export interface Annotation {
  id: string;
  step: number | null;
  seed: number | null;
  text: string;
  author: string | null;
  updatedAt: string;
}

/** A GraphQL error as the API formats it (schema.graphql header). */
export interface GraphQLErrorItem {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}
