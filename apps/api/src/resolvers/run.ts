import { isMetricKey, listEvents, readSeries, type RunRow } from "@grokscope/db";
import { METRIC_KEYS, type RunConfig } from "@grokscope/spec";
import type { ApiContext } from "../context.ts";
import { badUserInput } from "../errors.ts";
import { runAnnotations } from "./annotations.ts";
import { metricExportUrls } from "../export/routes.ts";

const MAX_POINTS_CAP = 10_000;

const toEnum = (s: string) => s.toUpperCase();

/** Field resolvers of the Run type; the parent is a `runs` row. */
export const runResolvers = {
  status: (run: RunRow) => toEnum(run.status),
  config: (run: RunRow) => {
    const c = run.config as RunConfig;
    return { ...c, op: toEnum(c.op), loss: toEnum(c.loss) };
  },
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
  summary: (run: RunRow) => ({
    tMem: run.tMem,
    tGrok: run.tGrok,
    delay: run.tMem !== null && run.tGrok !== null ? run.tGrok - run.tMem : null,
    logitScaleAtGrok: run.logitScaleAtGrok,
    finalTrainAcc: run.finalTrainAcc,
    finalTestAcc: run.finalTestAcc,
  }),
  events: (run: RunRow, _: unknown, { db }: ApiContext) => listEvents(db, run.id),
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
    return readSeries(db, run.id, { keys: keys.filter(isMetricKey), fromStep: args.fromStep ?? undefined, toStep: args.toStep ?? undefined, maxPoints });
  },
};
