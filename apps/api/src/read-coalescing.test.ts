import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlHttpHandler } from "./graphql-http.ts";
import { createReadCoalescer, operationTypeOf } from "./read-coalescing.ts";

describe("operationTypeOf", () => {
  it("names the operation a request would run, or null when Apollo must decide", () => {
    expect(operationTypeOf("{ runs { totalCount } }", null)).toBe("query");
    expect(operationTypeOf("mutation { cancelRun(id: 1) { id } }", undefined)).toBe("mutation");
    const two = "query A { a } mutation B { b }";
    expect(operationTypeOf(two, "A")).toBe("query");
    expect(operationTypeOf(two, "B")).toBe("mutation");
    expect(operationTypeOf(two, null)).toBeNull(); // ambiguous
    expect(operationTypeOf(two, "C")).toBeNull();
    expect(operationTypeOf("{ runs(", null)).toBeNull();
  });
});

describe("read coalescer", () => {
  it("shares a running execution, keeps nothing after it, and starts afresh after a change", async () => {
    const reads = createReadCoalescer();
    const finish: (() => void)[] = [];
    const execute = () => new Promise<number>((r) => {
      const n = finish.length + 1;
      finish.push(() => r(n));
    });
    const a = reads.share("k", execute);
    const b = reads.share("k", execute);
    const other = reads.share("other key", execute);
    reads.invalidate();
    const c = reads.share("k", execute); // after a change: its own execution
    expect(finish.length).toBe(3);
    expect(reads.inFlight).toBe(3);
    finish.forEach((f) => f());
    expect([await a, await b, await other, await c]).toEqual([1, 1, 2, 3]);
    expect(reads.inFlight).toBe(0);
    const d = reads.share("k", execute);
    expect(finish.length).toBe(4); // nothing was kept
    finish[3]!();
    expect(await d).toBe(4);
  });

  it("passes a failure to every request that shared it, and does not keep it", async () => {
    const reads = createReadCoalescer();
    let executions = 0;
    const failing = () => (executions++, Promise.reject(new Error("database unavailable")));
    const results = await Promise.allSettled([reads.share("k", failing), reads.share("k", failing)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(executions).toBe(1);
    await expect(reads.share("k", failing)).rejects.toThrow("database unavailable");
    expect(executions).toBe(2);
  });
});

/** A real Apollo server behind the real handler, whose resolvers wait at a gate so requests overlap. */
describe("graphql HTTP handler with coalescing", () => {
  let url = "";
  let close = async () => {};
  let resolved = 0;
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  let counter = 0;
  let arrived = 0;
  const shut = () => (gate = new Promise((r) => (open = r)));

  beforeAll(async () => {
    const apollo = new ApolloServer<{ user: string }>({
      typeDefs: "type Query { count: Int, me: String } type Mutation { bump: Int }",
      resolvers: {
        Query: { count: async () => {
          resolved++;
          const seen = counter; // the value when this execution began, answered after the gate
          await gate;
          return seen;
        }, me: (_p, _a, ctx) => ctx.user },
        Mutation: { bump: () => ++counter },
      },
    });
    await apollo.start();
    const app = express();
    app.use((_req, _res, next) => (arrived++, next()));
    app.use("/graphql", express.json(), graphqlHttpHandler(apollo, async ({ req }) => ({ user: req.headers.authorization ?? "anonymous" }), createReadCoalescer()));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    close = async () => {
      await apollo.stop();
      await new Promise((r) => server.close(r));
    };
  });
  afterAll(() => close());

  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) }).then(async (r) => ({ status: r.status, type: r.headers.get("content-type"), body: (await r.json()) as { data?: Record<string, unknown>; errors?: unknown[] } }));
  /** Waits until the server has received `n` more requests than when `mark` was taken (a loaded box can be slow). */
  const mark = () => {
    const from = arrived;
    return async (n: number) => {
      while (arrived < from + n) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 20)); // and parsed them
    };
  };

  it("answers identical concurrent reads with one execution, and later ones with a new one", async () => {
    resolved = 0;
    shut();
    const received = mark();
    const pending = Array.from({ length: 5 }, () => post("{ count me }"));
    await received(5);
    open();
    const answers = await Promise.all(pending);
    expect(resolved).toBe(1);
    for (const a of answers) expect(a).toEqual({ status: 200, type: "application/json; charset=utf-8", body: { data: { count: counter, me: "anonymous" } } });
    await post("{ count me }");
    expect(resolved).toBe(2); // nothing is kept once an execution ends
  });

  it("never shares between different credentials", async () => {
    resolved = 0;
    shut();
    const received = mark();
    const pending = [post("{ count me }", { authorization: "Bearer a" }), post("{ count me }", { authorization: "Bearer b" })];
    await received(2);
    open();
    const [a, b] = await Promise.all(pending);
    expect(resolved).toBe(2);
    expect([a!.body.data!.me, b!.body.data!.me]).toEqual(["Bearer a", "Bearer b"]);
  });

  it("lets a read that follows a mutation see it, even while an older identical read is running", async () => {
    shut();
    let received = mark();
    const before = post("{ count }");
    await received(1);
    const bumped = await post("mutation { bump }"); // mutations are never held back or shared
    expect(bumped.body.data!.bump).toBe(counter);
    received = mark();
    const after = post("{ count }");
    await received(1);
    open();
    expect((await after).body.data!.count).toBe(counter);
    expect((await before).body.data!.count).toBe(counter - 1);
  });

  it("passes syntax errors through to Apollo's own answer", async () => {
    const bad = await post("{ count");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain("Syntax Error");
  });
});
