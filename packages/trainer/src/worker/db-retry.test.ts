import { describe, expect, it } from "vitest";
import { retryWhileUnavailable } from "./db-retry.ts";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("retryWhileUnavailable", () => {
  it("retries while the database is unreachable and returns the first success", async () => {
    let attempts = 0;
    const logs: string[] = [];
    const value = await retryWhileUnavailable("outcome", async () => {
      if (++attempts < 3) throw refused();
      return "recorded";
    }, { log: (m) => logs.push(m) });
    expect(value).toBe("recorded");
    expect(attempts).toBe(3);
    expect(logs[0]).toMatch(/^outcome: database unavailable \(1×\), retrying: connect ECONNREFUSED/);
    expect(logs.at(-1)).toBe("outcome: database reachable again after 2 failed attempt(s)");
  });

  it("throws any other error at once, without retrying", async () => {
    let attempts = 0;
    const failure = retryWhileUnavailable("clamp", async () => {
      attempts++;
      throw new Error("no finished unclamped τ = 1 runs of this cell");
    }, { log: () => {} });
    await expect(failure).rejects.toThrow(/no finished unclamped/);
    expect(attempts).toBe(1);
  });

  it("gives up with the database's error once the outage outlasts maxOutageMs", async () => {
    let attempts = 0;
    const started = Date.now();
    const failure = retryWhileUnavailable("outcome", async () => {
      attempts++;
      throw refused();
    }, { log: () => {}, maxOutageMs: 600 });
    await expect(failure).rejects.toThrow(/ECONNREFUSED/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(attempts).toBeGreaterThan(1);
  });
});
