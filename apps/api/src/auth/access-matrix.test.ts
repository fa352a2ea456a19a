import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "@grokscope/db";
import { createSchema } from "../schema.ts";
import { createApiServer } from "../server.ts";
import { startTestApi, type TestApi } from "../test-harness.ts";
import { tableCounts, userWithToken } from "./auth-fixtures.ts";
import { callWithPlaceholders } from "./mutation-args.ts";

// The role each root field needs, written out so that a new field is a decision, not an accident.
// Fields missing here fall back to the rule in guard.ts and are still exercised below.
const NEEDS: Record<string, "public" | "viewer" | "editor" | "admin"> = {
  "Query.me": "public",
  "Query.runs": "viewer",
  "Query.run": "viewer",
  "Query.sweep": "viewer",
  "Query.sweeps": "viewer",
  "Query.predictOnset": "viewer",
  "Query.predictorReport": "viewer",
  ...Object.fromEntries(
    ["createRun", "cancelRun", "rerun", "updateRun", "addTags", "removeTags", "addAnnotation", "updateAnnotation", "deleteAnnotation", "createSweep", "cancelSweep", "forkRun"].map((m) => [`Mutation.${m}`, "editor" as const]),
  ),
};
const fallback = (root: string, name: string) => (/user|token/i.test(name) && name !== "me" ? "admin" : root === "Mutation" ? "editor" : "viewer");

const schema = createSchema();
const fields = [
  ...Object.values(schema.getQueryType()!.getFields()).map((f) => ({ root: "Query" as const, f })),
  ...Object.values(schema.getMutationType()!.getFields()).map((f) => ({ root: "Mutation" as const, f })),
].map(({ root, f }) => ({ key: `${root}.${f.name}`, needs: NEEDS[`${root}.${f.name}`] ?? fallback(root, f.name), ...callWithPlaceholders(f, root === "Query" ? "query" : "mutation") }));

// Every line any part of the server prints, to prove no secret reaches a log.
const logged: string[] = [];
let t: TestApi;
let viewer: Awaited<ReturnType<typeof userWithToken>>;
let editor: Awaited<ReturnType<typeof userWithToken>>;
beforeAll(async () => {
  for (const m of ["log", "info", "warn", "error", "debug"] as const) vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logged.push(a.map(String).join(" ")));
  t = await startTestApi();
  viewer = await userWithToken(t.db.db, "vic", "viewer");
  editor = await userWithToken(t.db.db, "eddie", "editor");
});
afterAll(async () => {
  await t?.close();
  vi.restoreAllMocks();
});

const codes = (body: { errors?: { extensions?: { code?: string } }[] }) => (body.errors ?? []).map((e) => e.extensions?.code);
const responses: string[] = [];
const call = async (q: { query: string; variables: Record<string, unknown> }, headers?: Record<string, string>) => {
  const r = await t.gql(q.query, q.variables, headers);
  responses.push(JSON.stringify(r.body));
  expect(r.status).toBeLessThan(500);
  return codes(r.body);
};

describe("access matrix over every root field", () => {
  it("covers the whole schema", () => {
    expect(fields.filter((x) => x.key.startsWith("Mutation.")).length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(NEEDS).filter((k) => !fields.some((x) => x.key === k))).toEqual([]); // table not stale
  });

  it.each(fields.map((x) => [x.key, x] as const))("%s", async (_key, x) => {
    const before = await tableCounts(t.db.db);
    const anonymous = await call(x);
    const asViewer = await call(x, viewer.headers);
    const asEditor = await call(x, editor.headers);
    const denied = (c: (string | undefined)[]) => c.includes("UNAUTHENTICATED") || c.includes("FORBIDDEN");
    if (x.needs === "public") {
      expect(denied(anonymous)).toBe(false);
    } else {
      expect(anonymous).toEqual(["UNAUTHENTICATED"]);
    }
    if (x.needs === "public" || x.needs === "viewer") expect(denied(asViewer), `viewer got ${asViewer}`).toBe(false);
    else expect(asViewer).toEqual(["FORBIDDEN"]);
    if (x.needs === "admin") expect(asEditor).toEqual(["FORBIDDEN"]);
    else expect(denied(asEditor), `editor got ${asEditor}`).toBe(false);
    // Anonymous and viewer calls were refused before any resolver ran; the editor's placeholder
    // ids name nothing, so even an allowed mutation has nothing to change.
    if (x.key.startsWith("Mutation.") && x.key !== "Mutation.createRun" && x.key !== "Mutation.createSweep") expect(await tableCounts(t.db.db)).toEqual(before);
  });
});

describe("session cookie and secrets", () => {
  it("sets the session cookie HttpOnly and SameSite", async () => {
    await createUser(t.db.db, { name: "sally", role: "viewer", password: "correct horse battery" });
    const res = await fetch(t.api.url.replace(/\/graphql$/, "/auth/sign-in"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "sally", password: "correct horse battery" }),
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    responses.push(await res.text());
    expect(cookie).toMatch(/(^|;)\s*HttpOnly(;|$)/i);
    expect(cookie).toMatch(/(^|;)\s*SameSite=(Lax|Strict)(;|$)/i);
    const session = /^grokscope_session=([^;]+)/.exec(cookie)?.[1];
    expect(session).toBeTruthy();
    // Exercise the failure paths that are most tempted to echo what they got.
    await fetch(t.api.url.replace(/\/graphql$/, "/auth/sign-in"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "sally", password: "wrong-secret-guess" }) }).then(async (r) => responses.push(await r.text()));
    await call({ query: `{ runs { totalCount } }`, variables: {} }, { authorization: `Bearer ${viewer.token}x` });
    await call({ query: `{ runs { totalCount } }`, variables: {} }, { cookie: `grokscope_session=${session}x` });
    await call({ query: `mutation($p: String!) { createRun(input: { name: $p, config: { p: 4 } }) { id } }`, variables: { p: "correct horse battery" } }, editor.headers);

    const dbPassword = decodeURIComponent(new URL(t.db.url).password);
    const secrets = ["correct horse battery", "wrong-secret-guess", "vic-password", "eddie-password", viewer.token, editor.token, session!, `:${dbPassword}@`];
    const everything = [...logged, ...responses].join("\n");
    for (const s of secrets) expect(everything.includes(s), `secret leaked: ${s.slice(0, 6)}…`).toBe(false);
    expect(responses.length).toBeGreaterThan(50);
  });

  it("never logs a DATABASE_URL password, even when that password is wrong", async () => {
    const bad = new URL(t.db.url);
    bad.password = "hunter2-db-secret";
    const lines: string[] = [];
    const api = await createApiServer({ db: t.db.db, databaseUrl: bad.toString(), port: 0, host: "127.0.0.1", log: (m) => void lines.push(m) });
    // The live-update listener connects with that URL, fails, and reports why.
    await new Promise((r) => setTimeout(r, 1_500));
    await api.close();
    expect([...lines, ...logged].join("\n")).not.toContain("hunter2-db-secret");
  });
});
