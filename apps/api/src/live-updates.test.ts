import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { claimNextRun, recordProgress } from "@grokscope/db";
import { startTestApi, type TestApi } from "./test-harness.ts";

let t: TestApi;
beforeAll(async () => void (t = await startTestApi()));
afterAll(async () => t?.close());

describe("runUpdated subscription", () => {
  it("pushes a run's progress written by a worker (through PostgreSQL NOTIFY)", async () => {
    const created = await t.gql(`mutation { createRun(input: { config: { p: 13, steps: 100 } }) { id } }`);
    const id: string = created.body.data.createRun.id;
    const client = createClient({ url: t.api.url.replace("http", "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    const received: any[] = [];
    const gotProgress = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: `subscription($id: ID!) { runUpdated(id: $id) { id status progress { stepsDone } metrics(keys: ["train_acc"]) { points { step value } } } }`, variables: { id } },
        {
          next: (msg) => {
            received.push(msg.data?.runUpdated);
            if ((msg.data?.runUpdated as any)?.progress.stepsDone === 40) resolve();
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    // Give the subscription a moment to register its LISTEN fan-out before the worker writes.
    await new Promise((r) => setTimeout(r, 300));
    const claimed = await claimNextRun(t.db.db, "sub-worker");
    expect(claimed?.id).toBe(id);
    await recordProgress(t.db.db, {
      runId: id, workerId: "sub-worker", stepsDone: 40, events: [],
      evaluations: [{ seed: 0, step: 0, metrics: { train_acc: 0.1 } }, { seed: 0, step: 40, metrics: { train_acc: 0.6 } }],
    });
    await gotProgress;
    await client.dispose();
    const last = received.at(-1);
    expect(last).toMatchObject({ id, status: "RUNNING", progress: { stepsDone: 40 } });
    expect(last.metrics[0].points.map((p: { step: number }) => p.step)).toEqual([0, 40]);
  });

  it("reports NOT_FOUND for a run that does not exist", async () => {
    const client = createClient({ url: t.api.url.replace("http", "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    const error = await new Promise<any>((resolve) => {
      client.subscribe(
        { query: `subscription { runUpdated(id: "00000000-0000-0000-0000-000000000000") { id } }` },
        { next: (msg) => resolve(msg.errors), error: resolve, complete: () => resolve(undefined) },
      );
    });
    await client.dispose();
    expect(JSON.stringify(error)).toMatch(/NOT_FOUND|not found/);
  });
});

describe("runs query", () => {
  it("pages newest first with a cursor and a total count", async () => {
    for (let i = 0; i < 3; i++) await t.gql(`mutation { createRun(input: { name: "page ${i}", config: { p: 13 } }) { id } }`);
    const q = `query($after: String) { runs(first: 2, after: $after) { totalCount nodes { name } pageInfo { hasNextPage endCursor } } }`;
    const a = (await t.gql(q)).body.data.runs;
    expect(a.nodes.map((n: any) => n.name)).toEqual(["page 2", "page 1"]);
    expect(a.pageInfo.hasNextPage).toBe(true);
    const b = (await t.gql(q, { after: a.pageInfo.endCursor })).body.data.runs;
    expect(b.nodes[0].name).toBe("page 0");
    expect((await t.gql(q, { after: "garbage" })).body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});
