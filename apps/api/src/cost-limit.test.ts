import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "graphql";
import { startTestApi, type TestApi } from "./test-harness.ts";
import { createSchema } from "./schema.ts";
import { DEFAULT_COST_LIMITS, DEFAULT_LIST_SIZE, estimateCost } from "./cost-limit.ts";

const schema = createSchema();
const cost = (query: string, variables?: Record<string, unknown>) => estimateCost(schema, parse(query), undefined, variables).cost;

describe("estimateCost", () => {
  it("counts each field once and multiplies a sized field's subtree by its size", () => {
    expect(cost(`{ run(id: "x") { id name } }`)).toBe(3);
    // runs: 1 + 7 × (nodes: 1 + 1 × (id 1 + name 1)) = 22
    expect(cost(`{ runs(first: 7) { nodes { id name } } }`)).toBe(22);
    // nested sizes multiply: 1 + 2 × (nodes 1 + (metrics 1 + 3 × (points 1 + 1 × 2)))
    expect(cost(`{ runs(first: 2) { nodes { metrics(maxPoints: 3) { points { step value } } } } }`)).toBe(1 + 2 * (1 + 1 + 3 * 3));
  });

  it("takes sizes from request variables, then variable defaults, then the schema's default", () => {
    const q = `query($n: Int = 4) { runs(first: $n) { nodes { id } } }`;
    expect(cost(q, { n: 9 })).toBe(1 + 9 * 2);
    expect(cost(q)).toBe(1 + 4 * 2);
    expect(cost(`{ runs { nodes { id } } }`)).toBe(1 + 50 * 2); // schema default first = 50
  });

  it("counts a size above 10,000 as 10,000, leaving its refusal to the resolver's own cap", () => {
    expect(cost(`{ runs(first: 100000) { totalCount } }`)).toBe(1 + 10_000);
  });

  it("multiplies an unsized list by the default list size", () => {
    expect(cost(`{ run(id: "x") { annotations { id } } }`)).toBe(1 + 1 + DEFAULT_LIST_SIZE * 1);
  });

  it("fits the dashboard's run page (1,000 points per series) under the limit", () => {
    const runPage = `{ run(id: "x") { id name status metrics(maxPoints: 1000) { key seed points { step value min max } } } }`;
    expect(cost(runPage)).toBeLessThan(DEFAULT_COST_LIMITS.maxCost);
  });
});

describe("cost and depth limits over HTTP", () => {
  let t: TestApi;
  beforeAll(async () => void (t = await startTestApi()));
  afterAll(async () => t?.close());

  const HEAVY = `query($n: Int, $m: Int) { runs(first: $n) { nodes { id metrics(maxPoints: $m) { key points { step value min max } } } } }`;

  it("rejects an over-costly query with QUERY_TOO_COMPLEX before running it (not a 500)", async () => {
    const { status, body } = await t.gql(HEAVY, { n: 200, m: 5000 });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: DEFAULT_COST_LIMITS.maxCost });
    expect(body.errors?.[0]?.extensions?.cost).toBeGreaterThan(DEFAULT_COST_LIMITS.maxCost);
  });

  it("accepts the same document with small sizes", async () => {
    const { body } = await t.gql(HEAVY, { n: 5, m: 100 });
    expect(body.errors).toBeUndefined();
  });

  it("caps aliases", async () => {
    const aliases = Array.from({ length: DEFAULT_COST_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: run(id: "x") { id }`).join(" ");
    const { body } = await t.gql(`{ ${aliases} }`);
    expect(body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(body.errors?.[0]?.message).toMatch(/alias count/);
  });

  it("caps the field count, fragments expanded", async () => {
    expect(estimateCost(schema, parse(`{ run(id: "x") { ...F } } fragment F on Run { ${"id ".repeat(40)} }`)).fields).toBe(41);
    const wide = Array.from({ length: DEFAULT_COST_LIMITS.maxFields + 1 }, (_, i) => `f${i}: __typename`).join(" ");
    const res = await t.gql(`{ ${wide} }`, undefined);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("still rejects an over-deep query", async () => {
    const deep = "{ __schema { types { fields { type { " + "ofType { ".repeat(12) + "name" + " }".repeat(16) + " }";
    const { body } = await t.gql(deep);
    expect(body.errors?.[0]?.message).toMatch(/depth \d+ exceeds the limit/);
    expect(body.data).toBeUndefined();
  });
});
