import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { waitForHttp } from "./wait-for-http.ts";

describe("waitForHttp", () => {
  it("waits until a server starts listening on the port", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));
    const server = createServer((_, res) => res.end("ok"));
    let answered = false;
    const waiting = waitForHttp(`http://127.0.0.1:${port}`, { timeoutMs: 10_000 }).then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(answered).toBe(false);
    server.listen(port, "127.0.0.1");
    await waiting;
    expect(answered).toBe(true);
    server.close();
  });

  it("gives up when the server is gone", async () => {
    await expect(waitForHttp("http://127.0.0.1:9", { timeoutMs: 10_000, abort: () => true })).rejects.toThrow(/stopped before it answered/);
  });
});
