import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeToken } from "@grokscope/db";
import { startTestApi, type TestApi } from "../test-harness.ts";
import { createSchema } from "../schema.ts";
import { userWithToken, tableCounts } from "./auth-fixtures.ts";
import { callWithPlaceholders } from "./mutation-args.ts";

let t: TestApi;
let viewer: Awaited<ReturnType<typeof userWithToken>>;
let editor: Awaited<ReturnType<typeof userWithToken>>;
beforeAll(async () => {
  t = await startTestApi();
  viewer = await userWithToken(t.db.db, "vera", "viewer");
  editor = await userWithToken(t.db.db, "ed", "editor");
});
afterAll(async () => t?.close());

const RUNS = `{ runs(first: 5) { totalCount } }`;
const CREATE = `mutation($input: CreateRunInput!) { createRun(input: $input) { id author } }`;
const code = (body: { errors?: any[] }) => body.errors?.[0]?.extensions?.code;

describe("with users configured", () => {
  it("refuses an anonymous read with UNAUTHENTICATED", async () => {
    const { status, body } = await t.gql(RUNS);
    expect(status).toBeLessThan(500);
    expect(code(body)).toBe("UNAUTHENTICATED");
    expect(body.data?.runs).toBeUndefined();
  });

  it("answers me: null for an anonymous caller and the user for a token", async () => {
    expect((await t.gql(`{ me { name role } }`)).body.data).toEqual({ me: null });
    expect((await t.gql(`{ me { name role } }`, {}, viewer.headers)).body.data).toEqual({ me: { name: "vera", role: "VIEWER" } });
  });

  it("lets a viewer read", async () => {
    const { body } = await t.gql(RUNS, {}, viewer.headers);
    expect(body.errors).toBeUndefined();
    expect(body.data.runs.totalCount).toBe(0);
  });

  it("refuses every mutation in the schema to a viewer with FORBIDDEN and writes nothing", async () => {
    const mutations = Object.values(createSchema().getMutationType()!.getFields());
    expect(mutations.length).toBeGreaterThan(5);
    const before = await tableCounts(t.db.db);
    for (const field of mutations) {
      const { query, variables } = callWithPlaceholders(field);
      const { body } = await t.gql(query, variables, viewer.headers);
      expect({ field: field.name, code: code(body) }).toEqual({ field: field.name, code: "FORBIDDEN" });
    }
    expect(await tableCounts(t.db.db)).toEqual(before);
  });

  it("lets an editor create a run and annotate it under their name", async () => {
    const { body } = await t.gql(CREATE, { input: { config: { p: 13 } } }, editor.headers);
    expect(body.errors).toBeUndefined();
    const runId = body.data.createRun.id;
    const note = await t.gql(`mutation($r: ID!) { addAnnotation(runId: $r, text: "hi") { author } }`, { r: runId }, editor.headers);
    expect(note.body.data.addAnnotation.author).toBe("ed");
  });

  it("refuses an unknown or revoked token with UNAUTHENTICATED, never echoing it", async () => {
    const bogus = "gsk_" + "A".repeat(43);
    const unknown = await t.gql(RUNS, {}, { authorization: `Bearer ${bogus}` });
    expect(code(unknown.body)).toBe("UNAUTHENTICATED");
    expect(JSON.stringify(unknown.body)).not.toContain(bogus);

    const victim = await userWithToken(t.db.db, "rev", "editor");
    expect((await t.gql(RUNS, {}, victim.headers)).body.errors).toBeUndefined();
    await revokeToken(t.db.db, victim.tokenId);
    const revoked = await t.gql(RUNS, {}, victim.headers);
    expect(code(revoked.body)).toBe("UNAUTHENTICATED");
    expect(JSON.stringify(revoked.body)).not.toContain(victim.token);
    // A bad token is refused even for the public `me` field: the client must learn its token is dead.
    expect(code((await t.gql(`{ me { name } }`, {}, victim.headers)).body)).toBe("UNAUTHENTICATED");
  });

  it("refuses the CSV export to an anonymous caller and serves it to a viewer", async () => {
    const base = t.api.url.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/export/runs.csv`)).status).toBe(401);
    expect((await fetch(`${base}/export/runs.csv`, { headers: viewer.headers })).status).toBe(200);
  });
});
