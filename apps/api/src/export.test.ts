import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { claimNextRun, recordProgress } from "@grokscope/db";
import { startTestApi, type TestApi } from "./test-harness.ts";

let t: TestApi;
let id: string;
let origin: string;
beforeAll(async () => {
  t = await startTestApi();
  origin = new URL(t.api.url).origin;
  id = (await t.gql(`mutation { createRun(input: { name: "=cmd, \\"quoted\\"", config: { p: 13, steps: 100 } }) { id } }`)).body.data.createRun.id;
  await t.gql(`mutation($id: ID!) { addTags(runId: $id, tags: ["exp", "csv"]) { id } }`, { id });
  await t.gql(`mutation { createRun(input: { name: "other", config: { p: 17 } }) { id } }`);
  await claimNextRun(t.db.db, "w");
  await recordProgress(t.db.db, {
    runId: id, workerId: "w", stepsDone: 20, events: [],
    evaluations: [
      { seed: 1, step: 10, metrics: { train_loss: 0.5 } },
      { seed: 0, step: 10, metrics: { train_loss: 0.25, test_acc: 0.75 } },
      { seed: 0, step: 0, metrics: { train_loss: 2 } },
    ],
  });
});
afterAll(async () => t?.close());

const get = (path: string) => fetch(origin + path);

describe("Run.exportUrls", () => {
  it("gives relative links that download the run", async () => {
    const { body } = await t.gql(`query($id: ID!) { run(id: $id) { exportUrls { metricsCsv metricsJson } } }`, { id });
    expect(body.data.run.exportUrls).toEqual({ metricsCsv: `/export/runs/${id}/metrics.csv`, metricsJson: `/export/runs/${id}/metrics.json` });
    expect((await get(body.data.run.exportUrls.metricsCsv)).status).toBe(200);
  });
});

describe("GET /export/runs/:id/metrics", () => {
  it("writes every seed and metric column in step order as CSV", async () => {
    const res = await get(`/export/runs/${id}/metrics.csv`);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect(res.headers.get("content-disposition")).toContain(`run-${id}-metrics.csv`);
    const lines = (await res.text()).trimEnd().split("\r\n");
    const header = lines[0]!.split(",");
    expect(header.slice(0, 4)).toEqual(["seed", "step", "train_loss", "test_loss"]);
    expect(header).toHaveLength(20);
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows.map((r) => [r[0], r[1], r[header.indexOf("train_loss")]])).toEqual([["0", "0", "2"], ["0", "10", "0.25"], ["1", "10", "0.5"]]);
    expect(rows[1]![header.indexOf("test_acc")]).toBe("0.75");
    expect(rows[0]![header.indexOf("test_acc")]).toBe("");
  });

  it("writes the same points as a JSON array", async () => {
    const res = await get(`/export/runs/${id}/metrics.json`);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const points = (await res.json()) as any[];
    expect(points.map((p) => [p.seed, p.step, p.train_loss])).toEqual([[0, 0, 2], [0, 10, 0.25], [1, 10, 0.5]]);
    expect(points[0]).toHaveProperty("fourier_score", null);
  });

  it("streams a run longer than one database batch without losing or repeating points", async () => {
    const big = (await t.gql(`mutation { createRun(input: { name: "big", config: { p: 13, steps: 1000000 } }) { id } }`)).body.data.createRun.id;
    await t.db.db.execute(sql`UPDATE runs SET status = 'running', worker_id = 'w2' WHERE id = ${big}`);
    const evaluations = Array.from({ length: 12_001 }, (_, i) => ({ seed: 0, step: i, metrics: { train_acc: i / 12_000 } }));
    await recordProgress(t.db.db, { runId: big, workerId: "w2", stepsDone: 12_000, events: [], evaluations });
    const points = (await (await get(`/export/runs/${big}/metrics.json`)).json()) as any[];
    expect(points.map((p) => p.step)).toEqual(evaluations.map((e) => e.step));
    const csv = (await (await get(`/export/runs/${big}/metrics.csv`)).text()).trimEnd().split("\r\n");
    expect(csv).toHaveLength(12_002);
  });

  it("answers unknown and malformed run ids with 404", async () => {
    for (const path of ["/export/runs/00000000-0000-0000-0000-000000000000/metrics.csv", "/export/runs/nope/metrics.json"]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe("NOT_FOUND");
    }
  });
});

describe("GET /export/runs", () => {
  it("exports the runs table as CSV, escaping text and defusing formulas", async () => {
    const text = await (await get("/export/runs.csv")).text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,name,status,tags,notes,created_at/);
    const total = (await t.gql(`{ runs { totalCount } }`)).body.data.runs.totalCount;
    expect(lines).toHaveLength(total + 1);
    expect(text).toContain(`"'=cmd, ""quoted"""`);
    expect(text).toContain("csv;exp");
  });

  it("applies a JSON filter", async () => {
    const filter = encodeURIComponent(JSON.stringify({ tags: ["exp"], p: { in: [13] } }));
    const runs = (await (await get(`/export/runs.json?filter=${filter}`)).json()) as any[];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id, tags: ["csv", "exp"], p: 13, status: "running" });
    expect(runs[0].config.p).toBe(13);
  });

  it.each([
    ["malformed JSON", "filter=%7Bnope", "filter"],
    ["an unknown field", `filter=${encodeURIComponent('{"bogus":1}')}`, "filter.bogus"],
    ["a bad enum", `filter=${encodeURIComponent('{"status":["DONE"]}')}`, "filter.status.0"],
    ["min above max", `filter=${encodeURIComponent('{"temperature":{"min":2,"max":1}}')}`, "filter.temperature.min"],
    ["a repeated parameter", "filter=%7B%7D&filter=%7B%7D", "filter"],
    ["a deep nest", `filter=${encodeURIComponent("{\"not\":".repeat(500) + "{}" + "}".repeat(500))}`, "filter"],
  ])("answers %s with 400", async (_label, query, field) => {
    const res = await get(`/export/runs.json?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });
});
