import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./test-harness.ts";

let t: TestApi;
beforeAll(async () => void (t = await startTestApi()));
afterAll(async () => t?.close());

const RERUN = `mutation($id: ID!, $key: String) { rerun(id: $id, clientMutationId: $key) { id name status rawConfig } }`;

describe("rerun", () => {
  it("queues a new run with the same config, idempotently by key", async () => {
    const src = (await t.gql(`mutation { createRun(input: { name: "orig", config: { p: 13, temperature: 2.5, steps: 100 } }) { id rawConfig } }`)).body.data.createRun;
    const a = (await t.gql(RERUN, { id: src.id, key: "rerun-1" })).body.data.rerun;
    expect(a).toMatchObject({ name: "orig (rerun)", status: "QUEUED", rawConfig: src.rawConfig });
    expect(a.id).not.toBe(src.id);
    expect((await t.gql(RERUN, { id: src.id, key: "rerun-1" })).body.data.rerun.id).toBe(a.id);
    expect((await t.gql(RERUN, { id: src.id })).body.data.rerun.id).not.toBe(a.id);
  });

  it("keeps a rerun of a 200-character name within the name limit", async () => {
    const long = "n".repeat(200);
    const src = (await t.gql(`mutation($n: String) { createRun(input: { name: $n, config: { p: 13 } }) { id } }`, { n: long })).body.data.createRun;
    const name: string = (await t.gql(RERUN, { id: src.id })).body.data.rerun.name;
    expect(name).toHaveLength(200);
    expect(name.endsWith(" (rerun)")).toBe(true);
  });

  it("reports unknown runs as NOT_FOUND and a bad key as BAD_USER_INPUT", async () => {
    expect((await t.gql(RERUN, { id: "00000000-0000-0000-0000-000000000000" })).body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await t.gql(RERUN, { id: "x", key: "" })).body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "clientMutationId" });
  });
});
