import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { startTestApi, type TestApi } from "./test-harness.ts";

let t: TestApi;
let id: string;
const NO_RUN = "00000000-0000-0000-0000-000000000000";
beforeAll(async () => {
  t = await startTestApi();
  id = (await t.gql(`mutation { createRun(input: { name: "edit", config: { p: 13, steps: 100 } }) { id } }`)).body.data.createRun.id;
});
afterAll(async () => t?.close());

const UPDATE = `mutation($id: ID!, $input: UpdateRunInput!) { updateRun(id: $id, input: $input) { id name notes } }`;
const ADD = `mutation($id: ID!, $tags: [String!]!) { addTags(runId: $id, tags: $tags) { tags } }`;
const REMOVE = `mutation($id: ID!, $tags: [String!]!) { removeTags(runId: $id, tags: $tags) { tags } }`;
const errorOf = (body: { errors?: any[] }) => body.errors?.[0]?.extensions;

describe("updateRun", () => {
  it("renames and sets notes, leaving omitted fields alone", async () => {
    expect((await t.gql(UPDATE, { id, input: { name: "  renamed  ", notes: "τ sweep" } })).body.data.updateRun).toMatchObject({ name: "renamed", notes: "τ sweep" });
    expect((await t.gql(UPDATE, { id, input: { notes: "   " } })).body.data.updateRun).toMatchObject({ name: "renamed", notes: null });
  });

  it.each([
    ["a blank name", { name: "  " }, "name"],
    ["a null name", { name: null }, "name"],
    ["an over-long name", { name: "x".repeat(201) }, "name"],
    ["over-long notes", { notes: "x".repeat(10_001) }, "notes"],
  ])("rejects %s with BAD_USER_INPUT", async (_label, input, field) => {
    expect(errorOf((await t.gql(UPDATE, { id, input })).body)).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("reports unknown and malformed ids as NOT_FOUND", async () => {
    expect(errorOf((await t.gql(UPDATE, { id: NO_RUN, input: { name: "x" } })).body)?.code).toBe("NOT_FOUND");
    expect(errorOf((await t.gql(UPDATE, { id: "nope", input: { name: "x" } })).body)?.code).toBe("NOT_FOUND");
  });
});

describe("tags", () => {
  it("adds normalised tags idempotently and removes them", async () => {
    expect((await t.gql(ADD, { id, tags: [" Baseline", "SWEEP", "sweep"] })).body.data.addTags.tags).toEqual(["baseline", "sweep"]);
    expect((await t.gql(REMOVE, { id, tags: ["Sweep", "absent"] })).body.data.removeTags.tags).toEqual(["baseline"]);
    const list = await t.gql(`{ runs { nodes { id tags } } }`);
    expect(list.body.data.runs.nodes.find((n: any) => n.id === id).tags).toEqual(["baseline"]);
  });

  it.each([
    ["an empty tag", [""]],
    ["a 65-character tag", ["x".repeat(65)]],
    ["a control character", ["a\tb"]],
    ["too many tags", Array.from({ length: 51 }, (_, i) => `t${i}`)],
  ])("rejects %s with BAD_USER_INPUT on field tags", async (_label, tags) => {
    expect(errorOf((await t.gql(ADD, { id, tags })).body)).toMatchObject({ code: "BAD_USER_INPUT", field: "tags" });
  });

  it("refuses to pass 50 tags on a run", async () => {
    const { body } = await t.gql(ADD, { id, tags: Array.from({ length: 50 }, (_, i) => `cap${i}`) });
    expect(errorOf(body)).toMatchObject({ code: "BAD_USER_INPUT", field: "tags" });
  });

  it("reports unknown runs as NOT_FOUND", async () => {
    expect(errorOf((await t.gql(ADD, { id: NO_RUN, tags: ["x"] })).body)?.code).toBe("NOT_FOUND");
    expect(errorOf((await t.gql(REMOVE, { id: "nope", tags: ["x"] })).body)?.code).toBe("NOT_FOUND");
  });
});

describe("annotations", () => {
  const ADD_NOTE = `mutation($id: ID!, $step: Int, $seed: Int, $text: String!) { addAnnotation(runId: $id, step: $step, seed: $seed, text: $text) { id step seed text author createdAt updatedAt } }`;

  it("adds, lists, edits and deletes", async () => {
    const added = (await t.gql(ADD_NOTE, { id, step: 1200, seed: 0, text: " grokked here? " })).body.data.addAnnotation;
    expect(added).toMatchObject({ step: 1200, seed: 0, text: "grokked here?", author: "local" }); // loopback with no users: the local admin (auth/caller.ts)
    const edited = await t.gql(`mutation($id: ID!) { updateAnnotation(id: $id, text: "yes") { id text updatedAt } }`, { id: added.id });
    expect(edited.body.data.updateAnnotation).toMatchObject({ id: added.id, text: "yes" });
    const run = await t.gql(`query($id: ID!) { run(id: $id) { annotations { id text } } }`, { id });
    expect(run.body.data.run.annotations).toEqual([{ id: added.id, text: "yes" }]);
    const del = `mutation($id: ID!) { deleteAnnotation(id: $id) }`;
    expect((await t.gql(del, { id: added.id })).body.data.deleteAnnotation).toBe(added.id);
    expect(errorOf((await t.gql(del, { id: added.id })).body)?.code).toBe("NOT_FOUND");
    expect(errorOf((await t.gql(del, { id: "nope" })).body)?.code).toBe("NOT_FOUND");
  });

  it.each([
    ["blank text", { text: "   " }, "text"],
    ["over-long text", { text: "x".repeat(5001) }, "text"],
    ["a negative step", { text: "x", step: -1 }, "step"],
    ["a seed beyond smallint", { text: "x", seed: 40_000 }, "seed"],
  ])("rejects %s with BAD_USER_INPUT", async (_label, vars, field) => {
    expect(errorOf((await t.gql(ADD_NOTE, { id, ...vars })).body)).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("reports unknown runs and annotations as NOT_FOUND", async () => {
    expect(errorOf((await t.gql(ADD_NOTE, { id: NO_RUN, text: "x" })).body)?.code).toBe("NOT_FOUND");
    const upd = await t.gql(`mutation { updateAnnotation(id: "${NO_RUN}", text: "x") { id } }`);
    expect(errorOf(upd.body)?.code).toBe("NOT_FOUND");
  });

  it("notifies the run's subscribers when an annotation is added", async () => {
    const client = createClient({ url: t.api.url.replace("http", "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    const seen = new Promise<any>((resolve, reject) => {
      client.subscribe(
        { query: `subscription($id: ID!) { runUpdated(id: $id) { annotations { text } } }`, variables: { id } },
        { next: (msg) => (msg.data?.runUpdated as any)?.annotations.some((a: any) => a.text === "live") && resolve(msg.data), error: reject, complete: () => {} },
      );
    });
    await new Promise((r) => setTimeout(r, 300));
    await t.gql(ADD_NOTE, { id, text: "live" });
    await seen;
    await client.dispose();
  });
});
