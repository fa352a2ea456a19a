import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as graphqlProxy } from "../graphql/route.ts";
import { POST as signIn } from "./sign-in/route.ts";

// A stand-in API on a real socket: records what the dashboard forwards, answers like /auth/sign-in.
let api: Server;
let seen: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
const COOKIE = "grokscope_session=gss_abc; Path=/; HttpOnly; SameSite=Lax";
beforeAll(async () => {
  api = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ url: req.url!, headers: req.headers, body });
      const ok = req.url === "/graphql" || JSON.parse(body || "{}").password === "right";
      if (req.url === "/auth/sign-in" && ok) res.setHeader("set-cookie", COOKIE);
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" }).end(JSON.stringify({ ok }));
    });
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
  process.env.GROKSCOPE_API_URL = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => api.close(() => r())));

describe("dashboard → API relays", () => {
  it("the GraphQL proxy forwards the browser's session cookie", async () => {
    seen = [];
    await graphqlProxy(new Request("http://dash.test/api/graphql", { method: "POST", headers: { cookie: "grokscope_session=gss_abc" }, body: "{}" }));
    expect(seen[0]!.headers.cookie).toBe("grokscope_session=gss_abc");
  });

  it("sign-in relays the API's Set-Cookie and the browser's scheme", async () => {
    seen = [];
    const res = await signIn(new Request("https://dash.test/api/auth/sign-in", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "a", password: "right" }) }));
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([COOKIE]);
    expect(seen[0]!.headers["x-forwarded-proto"]).toBe("https");
  });

  it("a plain form post is redirected: to `next` on success, back to /sign-in on failure", async () => {
    const post = (password: string, next: string) =>
      signIn(new Request("http://dash.test/api/auth/sign-in", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ name: "a", password, next }).toString() }));
    const ok = await post("right", "/runs/new");
    expect([ok.status, ok.headers.get("location")]).toEqual([303, "/runs/new"]);
    expect(ok.headers.getSetCookie()).toEqual([COOKIE]);
    const bad = await post("wrong", "//evil.example");
    expect(bad.headers.get("location")).toBe("/sign-in?error=1&next=%2F");
  });
});
