import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestApi, type TestApi } from "./test-harness.ts";

let t: TestApi;
beforeAll(async () => void (t = await startTestApi()));
afterAll(async () => t?.close());

const CREATE = `mutation Create($input: CreateRunInput!) { createRun(input: $input) { id status name config { p op loss temperature trainFraction steps } progress { stepsDone stepsTotal } } }`;
const runCount = async () => Number((await t.db.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM runs`)).rows[0]!.n);

describe("createRun", () => {
  it("queues a run with the paper's defaults filled in", async () => {
    const { body } = await t.gql(CREATE, { input: { config: { p: 13, op: "SUB", temperature: 1.7 } } });
    expect(body.errors).toBeUndefined();
    expect(body.data.createRun).toMatchObject({
      status: "QUEUED",
      config: { p: 13, op: "SUB", loss: "CE", temperature: 1.7, trainFraction: 0.4, steps: 10000 },
      progress: { stepsDone: 0, stepsTotal: 10000 },
    });
    expect(body.data.createRun.name).toContain("p=13");
  });

  it.each([
    ["p = 100 (not prime)", { p: 100 }, "p"],
    ["lr = −1", { lr: -1 }, "lr"],
    ["steps = 1e12", { steps: 1e12 }, "steps"],
    ["a string for p", { p: "97" }, "p"],
    ["an unknown field", { bogus: 1 }, "bogus"],
  ])("rejects %s with BAD_USER_INPUT naming the field and writes nothing", async (_label, config, field) => {
    const before = await runCount();
    const { status, body } = await t.gql(CREATE, { input: { config } });
    expect(status).toBeLessThan(500);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await runCount()).toBe(before);
  });

  it.each([
    ["a string literal for p", `mutation { createRun(input: { config: { p: "97" } }) { id } }`, "p"],
    ["an unknown literal field", `mutation { createRun(input: { config: { p: 13, bogus: 1 } }) { id } }`, "bogus"],
    ["a literal 1e12 step budget", `mutation { createRun(input: { config: { steps: 1000000000000 } }) { id } }`, "steps"],
  ])("rejects %s inlined in the document the same way", async (_label, query, field) => {
    const before = await runCount();
    const { status, body } = await t.gql(query);
    expect(status).toBeLessThan(500);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await runCount()).toBe(before);
  });

  it("lists every invalid field once, without repeating field names", async () => {
    const { body } = await t.gql(CREATE, { input: { config: { p: 100, lr: -1 } } });
    const error = body.errors?.[0];
    expect(error?.message).toBe("p must be prime; lr must be positive");
    expect(error?.extensions.issues.map((i: { field: string }) => i.field)).toEqual(["p", "lr"]);
  });

  it("names the config field whatever the client calls its variable", async () => {
    const { body } = await t.gql(`mutation($i: CreateRunInput!) { createRun(input: $i) { id } }`, { i: { config: { p: "x" } } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "p" });
  });

  it("returns the first run when a request is retried with the same clientMutationId", async () => {
    const input = { config: { p: 13 }, clientMutationId: "retry-me" };
    const a = await t.gql(CREATE, { input });
    const b = await t.gql(CREATE, { input });
    expect(b.body.data.createRun.id).toBe(a.body.data.createRun.id);
  });
});

describe("cancelRun", () => {
  it("cancels a queued run, then refuses a second cancel with CONFLICT", async () => {
    const { body } = await t.gql(CREATE, { input: { config: { p: 13 } } });
    const id = body.data.createRun.id;
    const cancel = `mutation($id: ID!) { cancelRun(id: $id) { status } }`;
    expect((await t.gql(cancel, { id })).body.data.cancelRun.status).toBe("CANCELLED");
    expect((await t.gql(cancel, { id })).body.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((await t.gql(cancel, { id: "nope" })).body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("hostile requests", () => {
  it("answers malformed JSON with a 400, not a 500", async () => {
    const res = await fetch(t.api.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(res.status).toBe(400);
  });

  it("rejects an over-deep query before running it", async () => {
    const nest = (depth: number) => "{ __schema { types { fields { type { " + "ofType { ".repeat(depth) + "name" + " }".repeat(depth + 4) + " }";
    expect((await t.gql(nest(4))).body.errors).toBeUndefined();
    const res = await t.gql(nest(12));
    expect(res.body.errors?.[0]?.message).toMatch(/depth \d+ exceeds the limit/);
    expect(res.body.data).toBeUndefined();
  });

  it("caps page sizes", async () => {
    const res = await t.gql(`{ runs(first: 100000) { totalCount } }`);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });
});
