import { describe, expect, it } from "vitest";
import { DEFAULT_COLUMNS, parseColumns, RUN_COLUMNS, writeColumns } from "./run-columns.ts";
import type { RunListItem } from "./types.ts";

const run = (over: Partial<RunListItem["summary"]> = {}, clamp: RunListItem["config"]["clamp"] = null): RunListItem => ({
  id: "r1",
  name: "r1",
  status: "SUCCEEDED",
  createdAt: "2026-01-01T00:00:00Z",
  tags: [],
  config: { p: 97, op: "ADD", temperature: 1.15, weightDecay: 1, lr: 0.001, trainFraction: 0.4, loss: "CE", model: "mlp", clamp },
  progress: { stepsDone: 10, stepsTotal: 10 },
  summary: { finalTestAcc: 0.5, tMem: 5, tGrok: null, delay: null, grokked: 0, seeds: 1, logitScaleAtGrok: null, ...over },
});
const cell = (id: string, r: RunListItem) => RUN_COLUMNS.find((c) => c.id === id)!.cell(r);

describe("run columns", () => {
  it("shows k of S for multi-seed runs and yes/no for one seed", () => {
    expect(cell("grokked", run({ grokked: 3, seeds: 5 }))).toBe("3/5");
    expect(cell("grokked", run({ grokked: 1, seeds: 1 }))).toBe("yes");
    expect(cell("grokked", run())).toBe("no");
  });
  it("shows the clamp dose, an absolute target, or none", () => {
    expect(cell("clampRho", run({}, { rho: 1.15, target: null }))).toBe(cell("temperature", run()));
    expect(cell("clampRho", run())).toBe("–");
    expect(cell("clampRho", run({}, { rho: null, target: 40 }))).toMatch(/^→40/);
  });
  it("shows the newest forecast, or a dash before the first one", () => {
    const forecast = { step: 300, tGrok: 2400, low: 1800, high: 3100, probability: 0.9, forecaster: "selector/first-passage", nowcast: false };
    expect(cell("forecast", { ...run(), forecast })).toBe("≈ 2.4k (1.8k–3.1k)");
    expect(cell("forecast", { ...run(), forecast: null })).toBe("–");
    expect(cell("forecast", run())).toBe("–");
  });
  it("parses the visible set in table order and round-trips it", () => {
    expect(parseColumns(new URLSearchParams()).map((c) => c.id)).toEqual(DEFAULT_COLUMNS);
    expect(parseColumns(new URLSearchParams("cols=tGrok,bogus,p")).map((c) => c.id)).toEqual(["p", "tGrok"]);
    const params = new URLSearchParams();
    writeColumns(params, ["clampRho", "p"]);
    expect(params.get("cols")).toBe("p,clampRho");
    writeColumns(params, DEFAULT_COLUMNS);
    expect(params.has("cols")).toBe(false);
  });
});
