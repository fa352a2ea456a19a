import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestApi, type TestApi } from "./test-harness.ts";

let t: TestApi;
const CONFIGS = [
  { name: "a", config: { p: 13, temperature: 1 }, tGrok: 900, tags: ["sweep"] },
  { name: "b", config: { p: 13, temperature: 1.7, loss: "MSE" }, tGrok: null, tags: ["sweep", "tau"] },
  { name: "c", config: { p: 17, temperature: 0.5, op: "MUL" }, tGrok: 300, tags: [] },
  { name: "d", config: { p: 97, temperature: 1.7, weightDecay: 0.1 }, tGrok: null, tags: ["tau"] },
];
beforeAll(async () => {
  t = await startTestApi();
  for (const c of CONFIGS) {
    const id = (await t.gql(`mutation($i: CreateRunInput!) { createRun(input: $i) { id } }`, { i: { name: c.name, config: { steps: 100, ...c.config } } })).body.data.createRun.id;
    await t.db.db.execute(sql`UPDATE runs SET t_grok = ${c.tGrok}::int WHERE id = ${id}`);
    if (c.tags.length) await t.gql(`mutation($id: ID!, $t: [String!]!) { addTags(runId: $id, tags: $t) { id } }`, { id, t: c.tags });
  }
});
afterAll(async () => t?.close());

const RUNS = `query($f: RunFilter, $o: RunOrder, $first: Int, $after: String) {
  runs(filter: $f, orderBy: $o, first: $first, after: $after) { totalCount nodes { name } pageInfo { hasNextPage endCursor } } }`;
const list = async (vars: Record<string, unknown>) => t.gql(RUNS, vars);
const names = async (f: unknown) => ((await list({ f })).body.data.runs.nodes as { name: string }[]).map((n) => n.name).sort();

describe("runs(filter)", () => {
  it.each([
    [{ p: { in: [13] } }, ["a", "b"]],
    [{ temperature: { in: [1.7] } }, ["b", "d"]],
    [{ temperature: { min: 0.5, max: 1 } }, ["a", "c"]],
    [{ loss: ["MSE"] }, ["b"]],
    [{ op: ["MUL"], status: ["QUEUED"] }, ["c"]],
    [{ tags: ["SWEEP", "tau"] }, ["b"]],
    [{ text: "A" }, ["a"]],
    [{ tGrok: { max: 500 } }, ["c"]],
    [{ grokked: true }, ["a", "c"]],
    [{ or: [{ p: { in: [97] } }, { grokked: true }] }, ["a", "c", "d"]],
    [{ not: { tags: ["tau"] }, and: [{ weightDecay: { min: 1 } }] }, ["a", "c"]],
  ])("filter %j", async (filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it("counts the matching runs over all pages", async () => {
    const { body } = await list({ f: { p: { in: [13, 17] } }, first: 1 });
    expect(body.data.runs).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
  });

  it.each([
    ["min above max", { p: { min: 20, max: 10 } }, "filter.p.min"],
    ["a bad tag", { tags: [" "] }, "filter.tags"],
    ["over-long text", { text: "x".repeat(201) }, "filter.text"],
    ["a bad nested range", { or: [{ tGrok: { min: 5, max: 1 } }] }, "filter.or.0.tGrok.min"],
    ["too deep a nest", { not: { not: { not: { not: { not: { not: { not: {} } } } } } } }, "filter"],
    ["too many values", { p: { in: Array.from({ length: 101 }, (_, i) => i) } }, "filter.p.in"],
  ])("rejects %s with BAD_USER_INPUT", async (_label, f, field) => {
    const { status, body } = await list({ f });
    expect(status).toBeLessThan(500);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("rejects an unknown enum value as BAD_USER_INPUT", async () => {
    const { body } = await list({ f: { status: ["DONE"] } });
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("runs(orderBy)", () => {
  it("orders with nulls last and pages through the order with its own cursors", async () => {
    const o = { field: "T_GROK", direction: "ASC" };
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = (await list({ o, first: 1, after })).body.data.runs;
      seen.push(...page.nodes.map((n: { name: string }) => n.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.slice(0, 2)).toEqual(["c", "a"]);
    expect(seen.slice(2).sort()).toEqual(["b", "d"]);
    const desc = (await list({ o: { field: "NAME" } })).body.data.runs.nodes.map((n: { name: string }) => n.name);
    expect(desc).toEqual(["d", "c", "b", "a"]);
  });

  it("refuses a cursor from another ordering, and a tampered one", async () => {
    const page = (await list({ o: { field: "P", direction: "ASC" }, first: 1 })).body.data.runs;
    const other = await list({ o: { field: "TEMPERATURE", direction: "ASC" }, after: page.pageInfo.endCursor });
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const flipped = await list({ o: { field: "P", direction: "DESC" }, after: page.pageInfo.endCursor });
    expect(flipped.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const [tag, , id] = JSON.parse(Buffer.from(page.pageInfo.endCursor, "base64url").toString());
    const forged = Buffer.from(JSON.stringify([tag, "1; select 1", id])).toString("base64url");
    const res = await list({ o: { field: "P", direction: "ASC" }, after: forged });
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("still accepts cursors issued before orderings existed", async () => {
    const old = Buffer.from(JSON.stringify([new Date(Date.now() + 60_000).toISOString(), "ffffffff-ffff-ffff-ffff-ffffffffffff"])).toString("base64url");
    const { body } = await list({ after: old });
    expect(body.errors).toBeUndefined();
    expect(body.data.runs.nodes).toHaveLength(4);
  });
});
