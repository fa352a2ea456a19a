import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@grokscope/db";
import { startTestApi, type TestApi } from "../test-harness.ts";

let t: TestApi;
let base: string;
beforeAll(async () => {
  t = await startTestApi();
  base = t.api.url.replace(/\/graphql$/, "");
  await createUser(t.db.db, { name: "sam", role: "viewer", password: "open sesame" });
});
afterAll(async () => t?.close());

const signIn = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/auth/sign-in`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0]!;

describe("dashboard sign-in", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie that authenticates GraphQL and /auth/me", async () => {
    const res = await signIn({ name: "sam", password: "open sesame" });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^grokscope_session=gss_/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = cookieOf(res);
    expect((await t.gql(`{ me { name role } }`, {}, { cookie })).body.data.me).toEqual({ name: "sam", role: "VIEWER" });
    expect(await (await fetch(`${base}/auth/me`, { headers: { cookie } })).json()).toEqual({ user: { name: "sam", role: "viewer" } });
  });

  it("marks the cookie Secure when the browser came over https", async () => {
    const res = await signIn({ name: "sam", password: "open sesame" }, { "x-forwarded-proto": "https" });
    expect(res.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  it("answers a wrong password and an unknown name alike, with no cookie", async () => {
    const wrong = await signIn({ name: "sam", password: "nope" });
    const unknown = await signIn({ name: "nobody", password: "nope" });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect((await signIn({ name: "sam" })).status).toBe(400);
  });

  it("answers 429 with Retry-After after ten failed attempts on one name, even with the right password", async () => {
    await createUser(t.db.db, { name: "pat", role: "viewer", password: "pw-pat" });
    for (let i = 0; i < 10; i++) expect((await signIn({ name: "pat", password: `guess-${i}` })).status).toBe(401);
    const blocked = await signIn({ name: "pat", password: "pw-pat" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await signIn({ name: "sam", password: "open sesame" })).status).toBe(200);
  });

  it("signs out: the old cookie no longer authenticates", async () => {
    const cookie = cookieOf(await signIn({ name: "sam", password: "open sesame" }));
    const out = await fetch(`${base}/auth/sign-out`, { method: "POST", headers: { cookie } });
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await t.gql(`{ runs { totalCount } }`, {}, { cookie })).body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await fetch(`${base}/auth/me`, { headers: { cookie } })).status).toBe(401);
  });
});
