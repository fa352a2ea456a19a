import express, { type NextFunction, type Request, type Response } from "express";
import { GraphQLError } from "graphql";
import { getRun, METRIC_EXPORT_COLUMNS, streamMetricPoints, streamRuns, type Db, type MetricExportRow, type RunRow } from "@grokscope/db";
import { isRunId } from "../resolvers/query.ts";
import { parseRunFilter } from "../run-filter-input.ts";
import { csvLine } from "./csv.ts";
import { streamBody } from "./stream-body.ts";

/** Relative download URLs of a run's metric history (Run.exportUrls). */
export const metricExportUrls = (runId: string) => ({
  metricsCsv: `/export/runs/${runId}/metrics.csv`,
  metricsJson: `/export/runs/${runId}/metrics.json`,
});

const METRIC_HEADER = ["seed", "step", ...METRIC_EXPORT_COLUMNS];
type ExportedRun = RunRow & { tags: string[] };
const RUN_COLUMNS: [string, (r: ExportedRun) => unknown][] = [
  ["id", (r) => r.id], ["name", (r) => r.name], ["status", (r) => r.status], ["tags", (r) => r.tags.join(";")],
  ["notes", (r) => r.notes], ["created_at", (r) => r.createdAt], ["started_at", (r) => r.startedAt], ["finished_at", (r) => r.finishedAt],
  ["model", (r) => r.model], ["p", (r) => r.p], ["op", (r) => r.op], ["loss", (r) => r.loss], ["temperature", (r) => r.temperature],
  ["weight_decay", (r) => r.weightDecay], ["lr", (r) => r.lr], ["train_fraction", (r) => r.trainFraction],
  ["steps_total", (r) => r.stepsTotal], ["steps_done", (r) => r.stepsDone], ["t_mem", (r) => r.tMem], ["t_grok", (r) => r.tGrok],
  ["logit_scale_at_grok", (r) => r.logitScaleAtGrok], ["final_train_acc", (r) => r.finalTrainAcc], ["final_test_acc", (r) => r.finalTestAcc],
  ["backend", (r) => r.backend], ["error", (r) => r.error], ["config", (r) => r.config],
];
const runJson = (r: ExportedRun) => JSON.stringify(Object.fromEntries(RUN_COLUMNS.map(([name, get]) => [name, name === "tags" ? r.tags : get(r)])));

const fail = (res: Response, status: 400 | 404, code: string, message: string, extra: Record<string, unknown> = {}) =>
  void res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });

function startDownload(res: Response, type: "csv" | "json", filename: string) {
  res.status(200);
  res.setHeader("content-type", type === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
  res.setHeader("content-disposition", `attachment; filename="${filename}.${type}"`);
}

/** Express handlers must not leak a rejected promise; errors after headers just cut the stream. */
const handle = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) =>
  fn(req, res).catch((error: unknown) => (res.headersSent ? res.destroy() : next(error)));

/** GET routes that download runs and metric histories (DESIGN.md §6: no SQL here, only db queries). */
export function createExportRouter(db: Db) {
  const router = express.Router();

  const metrics = (type: "csv" | "json") =>
    handle(async (req, res) => {
      const id = String(req.params.id);
      const run = isRunId(id) ? await getRun(db, id) : undefined;
      if (!run) return fail(res, 404, "NOT_FOUND", `run ${id} not found`);
      startDownload(res, type, `run-${run.id}-metrics`);
      await streamBody<MetricExportRow>(res, streamMetricPoints(db, run.id), type === "csv"
        ? { head: csvLine(METRIC_HEADER), row: (p) => csvLine(METRIC_HEADER.map((k) => p[k])), tail: "" }
        : { head: "[", row: (p, i) => `${i ? "," : ""}\n${JSON.stringify(p)}`, tail: "\n]\n" });
    });

  const runs = (type: "csv" | "json") =>
    handle(async (req, res) => {
      const raw = req.query.filter;
      if (raw !== undefined && typeof raw !== "string") return fail(res, 400, "BAD_USER_INPUT", "filter must be given once, as JSON", { field: "filter" });
      let filter;
      try {
        filter = raw === undefined ? undefined : parseRunFilter(parseJson(raw));
      } catch (error) {
        if (error instanceof GraphQLError) return fail(res, 400, "BAD_USER_INPUT", error.message, { field: error.extensions.field });
        throw error;
      }
      startDownload(res, type, "runs");
      await streamBody<ExportedRun>(res, streamRuns(db, filter), type === "csv"
        ? { head: csvLine(RUN_COLUMNS.map(([name]) => name)), row: (r) => csvLine(RUN_COLUMNS.map(([, get]) => get(r))), tail: "" }
        : { head: "[", row: (r, i) => `${i ? "," : ""}\n${runJson(r)}`, tail: "\n]\n" });
    });

  router.get("/export/runs/:id/metrics.csv", metrics("csv"));
  router.get("/export/runs/:id/metrics.json", metrics("json"));
  router.get("/export/runs.csv", runs("csv"));
  router.get("/export/runs.json", runs("json"));
  return router;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GraphQLError("filter is not valid JSON", { extensions: { code: "BAD_USER_INPUT", field: "filter" } });
  }
}
