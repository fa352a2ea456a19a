import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { startTestApi, type TestApi } from "../test-harness.ts";
import { userWithToken } from "./auth-fixtures.ts";

let t: TestApi;
let viewer: Awaited<ReturnType<typeof userWithToken>>;
let editor: Awaited<ReturnType<typeof userWithToken>>;
beforeAll(async () => {
  t = await startTestApi();
  viewer = await userWithToken(t.db.db, "sue", "viewer");
  editor = await userWithToken(t.db.db, "eli", "editor");
});
afterAll(async () => t?.close());

/** The first message (data or error) of a runsChanged subscription. */
function firstMessage(connectionParams: Record<string, unknown>) {
  const client = createClient({ url: t.api.url.replace("http", "ws"), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams });
  const message = new Promise<any>((resolve, reject) => {
    client.subscribe({ query: `subscription { runsChanged { id } }` }, { next: resolve, error: reject, complete: () => {} });
  });
  return { message, dispose: () => client.dispose() };
}

describe("subscriptions", () => {
  it("refuses an anonymous subscriber with UNAUTHENTICATED", async () => {
    const sub = firstMessage({});
    const msg = await sub.message;
    expect(msg.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    await sub.dispose();
  });

  it("delivers to a viewer authenticated through connectionParams.authorization", async () => {
    const sub = firstMessage({ authorization: `Bearer ${viewer.token}` });
    await new Promise((r) => setTimeout(r, 300)); // let LISTEN register before the change
    const created = await t.gql(`mutation { createRun(input: { config: { p: 13 } }) { id } }`, {}, editor.headers);
    const msg = await sub.message;
    expect(msg.errors).toBeUndefined();
    expect(msg.data.runsChanged.id).toBe(created.body.data.createRun.id);
    await sub.dispose();
  });
});
