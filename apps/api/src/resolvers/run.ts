import { getRun, getSweep, isMetricKey, listEvents, readSeries, type RunRow } from "@grokscope/db";
import { METRIC_KEYS, parseRunConfig, type RunConfig } from "@grokscope/spec";
import type { ApiContext } from "../context.ts";
import { badUserInput } from "../errors.ts";
import { runAnnotations } from "./annotations.ts";
import { metricExportUrls } from "../export/routes.ts";
import { finiteOrNull, runSeries } from "./series.ts";

const MAX_POINTS_CAP = 10_000;

const toEnum = (s: string) => s.toUpperCase();

/** Field resolvers of the Run type; the parent is a `runs` row. */
export const runResolvers = {
  status: (run: RunRow) => toEnum(run.status),
  config: (run: RunRow) => {
    // Configs stored before a knob existed get today's defaults for it (as a rerun would).
    const parsed = parseRunConfig(run.config);
    const c = parsed.ok ? parsed.config : (run.config as RunConfig);
    return { ...c, op: toEnum(c.op), loss: toEnum(c.loss), decayOrder: toEnum(c.decayOrder ?? "after"), seeds: c.seeds ?? 1 };
  },
  seeds: (run: RunRow) => run.seeds ?? 1,
  parent: (run: RunRow, _: unknown, { db }: ApiContext) => (run.parentRunId ? getRun(db, run.parentRunId) : null),
  sweep: (run: RunRow, _: unknown, { db }: ApiContext) => (run.sweepId ? getSweep(db, run.sweepId) : null),
  rawConfig: (run: RunRow) => run.config,
  worker: (run: RunRow) => run.workerId,
  progress: (run: RunRow) => {
    const fraction = run.stepsTotal > 0 ? Math.min(1, run.stepsDone / run.stepsTotal) : 0;
    const active = run.status === "running" && run.msPerStep !== null;
    return {
      stepsDone: run.stepsDone,
      stepsTotal: run.stepsTotal,
      fraction,
      msPerStep: run.msPerStep,
      etaSeconds: active ? ((run.stepsTotal - run.stepsDone) * run.msPerStep!) / 1000 : null,
    };
  },
  // The runs row holds the medians over seeds (written by the worker, SCIENCE.md §6).
  summary: (run: RunRow) => ({
    tMem: run.tMem,
    tGrok: run.tGrok,
    delay: run.delay ?? (run.tMem !== null && run.tGrok !== null && (run.seeds ?? 1) === 1 ? run.tGrok - run.tMem : null),
    seeds: run.seeds ?? 1,
    // Single-seed runs predating seed counts: a known tGrok means that one seed grokked.
    grokked: Math.max(run.seedsGrokked, run.tGrok !== null && (run.seeds ?? 1) === 1 ? 1 : 0),
    clampTarget: run.clampTarget,
    criticalNorm: run.criticalNorm,
    logitScaleAtGrok: run.logitScaleAtGrok,
    finalTrainAcc: run.finalTrainAcc,
    finalTestAcc: run.finalTestAcc,
  }),
  events: async (run: RunRow, args: { seed?: number | null }, { db }: ApiContext) => {
    const events = await listEvents(db, run.id);
    return args.seed == null ? events : events.filter((e) => e.seed === args.seed);
  },
  series: runSeries,
  tags: (run: RunRow, _: unknown, { loadTags }: ApiContext) => loadTags(run.id),
  annotations: runAnnotations,
  exportUrls: (run: RunRow) => metricExportUrls(run.id),
  metrics: async (
    run: RunRow,
    args: { keys?: string[] | null; fromStep?: number | null; toStep?: number | null; maxPoints?: number | null },
    { db }: ApiContext,
  ) => {
    const keys = args.keys ?? [...METRIC_KEYS];
    const unknown = keys.find((k) => !isMetricKey(k));
    if (unknown !== undefined) throw badUserInput("keys", `unknown metric key "${unknown}"; known: ${METRIC_KEYS.join(", ")}`);
    const maxPoints = args.maxPoints ?? 1000;
    if (maxPoints < 2 || maxPoints > MAX_POINTS_CAP) throw badUserInput("maxPoints", `must be between 2 and ${MAX_POINTS_CAP}`);
    if (args.fromStep != null && args.toStep != null && args.fromStep > args.toStep) throw badUserInput("fromStep", "must not exceed toStep");
    const series = await readSeries(db, run.id, { keys: keys.filter(isMetricKey), fromStep: args.fromStep ?? undefined, toStep: args.toStep ?? undefined, maxPoints });
    return series.map((s) => ({ ...s, points: s.points.map((p) => ({ step: p.step, value: finiteOrNull(p.value), min: finiteOrNull(p.min), max: finiteOrNull(p.max) })) }));
  },
};
