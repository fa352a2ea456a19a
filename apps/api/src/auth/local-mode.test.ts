import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@grokscope/db";
import { startTestApi, type TestApi } from "../test-harness.ts";
import { isLoopbackHost } from "./caller.ts";

const RUNS = `{ runs(first: 5) { totalCount } }`;
const CREATE = `mutation { createRun(input: { config: { p: 13 } }) { id } }`;

describe("loopback with no users", () => {
  let t: TestApi;
  beforeAll(async () => void (t = await startTestApi({ host: "127.0.0.1" })));
  afterAll(async () => t?.close());

  it("acts as the local admin without any login", async () => {
    expect((await t.gql(`{ me { name role } }`)).body.data.me).toEqual({ name: "local", role: "ADMIN" });
    expect((await t.gql(RUNS)).body.errors).toBeUndefined();
    expect((await t.gql(CREATE)).body.errors).toBeUndefined();
  });

  it("ends open access as soon as the first user exists", async () => {
    await createUser(t.db.db, { name: "first", role: "admin" });
    expect((await t.gql(RUNS)).body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("non-loopback with no users", () => {
  let t: TestApi;
  // 0.0.0.0 is every interface: exactly the exposure that must not be open by default.
  beforeAll(async () => void (t = await startTestApi({ host: "0.0.0.0" })));
  afterAll(async () => t?.close());

  it("refuses reads", async () => {
    const { status, body } = await t.gql(RUNS);
    expect(status).toBeLessThan(500);
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("isLoopbackHost", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["localhost", true],
    ["::1", true],
    ["0.0.0.0", false],
    ["::", false],
    ["192.168.1.5", false],
    ["127.0.0.1.evil.com", false],
  ])("%s → %s", (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback));
});
