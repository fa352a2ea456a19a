import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun, importFinishedRun, insertForecast } from "@grokscope/db";
import { generateSyntheticCorpus } from "@grokscope/predictor";
import { parseRunConfig } from "@grokscope/spec";
import { userWithToken } from "./auth/auth-fixtures.ts";
import { startTestApi, type TestApi } from "./test-harness.ts";

let t: TestApi;
let headers: Record<string, string>;
beforeAll(async () => {
  t = await startTestApi();
  // With a user configured, anonymous callers are refused: every read below is a viewer's.
  headers = (await userWithToken(t.db.db, "vera", "viewer")).headers;
});
afterAll(async () => t?.close());

const gql = (query: string, variables?: Record<string, unknown>) => t.gql(query, variables, headers);
const FORECAST = `step tGrok low high probability forecaster nowcast`;
const PREDICT = `query($config: RunConfigInput) { predictOnset(config: $config) { ${FORECAST} } }`;
const REPORT = `query($filter: RunFilter) { predictorReport(filter: $filter) {
  holdOut folds runs
  rows { forecaster leadFraction lead n grokked predicted mape coverage spearman brier medianLead nowcasts }
  points { runId runName forecaster leadFraction actual forecast { ${FORECAST} } } } }`;
const CORPUS = generateSyntheticCorpus({ runs: 14, seedsPerRun: 2, steps: 4000, runsPerSweep: 0, mseShare: 0.3 });

describe("predictOnset", () => {
  it("is null while the registry has no finished run to learn from", async () => {
    const { body } = await gql(PREDICT, { config: { p: 97 } });
    expect(body.errors).toBeUndefined();
    expect(body.data.predictOnset).toBeNull();
  });

  it("forecasts a config from the registry's finished runs, before any training", async () => {
    for (const run of CORPUS) await importFinishedRun(t.db.db, { name: run.id, config: run.config, seeds: run.seeds });
    const { body } = await gql(PREDICT, { config: { p: 97, steps: 8000 } });
    expect(body.errors).toBeUndefined();
    const f = body.data.predictOnset;
    expect(f).toMatchObject({ step: 0, nowcast: false });
    expect(f.forecaster).toBe("config");
    expect(f.probability).toBeGreaterThan(0.5);
    expect(f.low).toBeLessThanOrEqual(f.tGrok);
    expect(f.tGrok).toBeLessThanOrEqual(f.high);
  });

  it("rejects an invalid config with BAD_USER_INPUT naming the field", async () => {
    const { body } = await gql(PREDICT, { config: { p: 15 } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "config.p" });
  });

  it("refuses an anonymous caller", async () => {
    for (const q of [PREDICT, REPORT]) expect((await t.gql(q, {})).body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("Run.forecast and Run.forecastHistory", () => {
  it("serve the worker's stored forecasts: the newest one per run (batched over a page) and the history", async () => {
    const config = parseRunConfig({ p: 13, steps: 500 });
    if (!config.ok) throw new Error("config");
    const a = (await createRun(t.db.db, { name: "fa", config: config.config })).run;
    const b = (await createRun(t.db.db, { name: "fb", config: config.config })).run;
    const row = { forecaster: "selector/first-passage", tGrok: 400, low: 300, high: 480, probability: 0.9, nowcast: false };
    await insertForecast(t.db.db, a.id, { ...row, step: 50 });
    await insertForecast(t.db.db, a.id, { ...row, step: 100, tGrok: 420, nowcast: true });
    const one = await gql(`query($id: ID!) { run(id: $id) { forecast { ${FORECAST} } forecastHistory { step tGrok } later: forecastHistory(fromStep: 60) { step } } }`, { id: a.id });
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data.run.forecast).toEqual({ ...row, step: 100, tGrok: 420, nowcast: true });
    expect(one.body.data.run.forecastHistory).toEqual([
      { step: 50, tGrok: 400 },
      { step: 100, tGrok: 420 },
    ]);
    expect(one.body.data.run.later).toEqual([{ step: 100 }]);
    const page = await gql(`{ runs(first: 50, filter: { p: { in: [13] } }) { nodes { id forecast { step } } } }`);
    const byId = new Map(page.body.data.runs.nodes.map((n: any) => [n.id, n.forecast]));
    expect(byId.get(a.id)).toEqual({ step: 100 });
    expect(byId.get(b.id)).toBeNull();
  });
});

describe("predictorReport", () => {
  it("backtests every forecaster leave-one-run-out at T_mem and 25/50/75 % of the delay", async () => {
    const { body } = await gql(REPORT, {});
    expect(body.errors).toBeUndefined();
    const report = body.data.predictorReport;
    expect(report).toMatchObject({ holdOut: "RUN", folds: CORPUS.length, runs: CORPUS.length });
    expect(report.rows.map((r: any) => `${r.forecaster} ${r.lead}`)).toEqual(
      ["config", "first-passage", "logit-scale", "selector"].flatMap((f) => ["T_mem", "25 % delay", "50 % delay", "75 % delay"].map((l) => `${f} ${l}`)),
    );
    for (const row of report.rows) {
      expect(row.n).toBe(CORPUS.length);
      expect(row.mape).toBeGreaterThanOrEqual(0);
      expect(row.coverage).toBeGreaterThanOrEqual(0);
      expect(row.coverage).toBeLessThanOrEqual(1);
      expect(row.spearman).toBeGreaterThanOrEqual(-1);
    }
    expect(report.points).toHaveLength(4 * 4 * CORPUS.length);
    const point = report.points[0];
    expect(CORPUS.map((r) => r.id)).toContain(point.runName);
    // Honest evaluation: a forecast never used readings after T_grok, so it is made before it.
    for (const p of report.points) if (p.actual !== null) expect(p.forecast.step).toBeLessThanOrEqual(p.actual);
  });

  it("backtests only the runs matching the filter, and validates the filter", async () => {
    const mse = CORPUS.filter((r) => r.config.loss === "mse").length;
    const { body } = await gql(REPORT, { filter: { loss: ["MSE"] } });
    expect(body.errors).toBeUndefined();
    expect(body.data.predictorReport.runs).toBe(mse);
    const bad = await gql(REPORT, { filter: { p: { min: 5, max: 3 } } });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  });
});
