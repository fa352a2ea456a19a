import { ApolloServer } from "@apollo/server";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jitGateway } from "./jit-gateway.ts";

/** Apollo with the graphql-jit executor (jit-gateway.ts), on a schema small enough to reason about. */
const schema = makeExecutableSchema({
  typeDefs: `
    input Filter { min: Int, and: [Filter!], not: Filter }
    type Item { n: Int! }
    type Query { items(count: Int!, filter: Filter): [Item!]!, broken: Int }`,
  resolvers: {
    Query: {
      items: (_: unknown, args: { count: number; filter?: { min?: number } }) =>
        Array.from({ length: args.count }, (_, n) => ({ n })).filter((i) => i.n >= (args.filter?.min ?? 0)),
      broken: () => {
        throw Object.assign(new Error("database said no"), { code: "22021" });
      },
    },
  },
});

let server: ApolloServer;
const engines: string[] = [];
const seenByFormatError: unknown[] = [];
beforeAll(async () => {
  server = new ApolloServer({
    gateway: jitGateway(schema, (engine) => engines.push(engine)),
    formatError: (formatted, error) => {
      seenByFormatError.push((error as { originalError?: unknown }).originalError);
      return formatted;
    },
  });
  await server.start();
});
afterAll(() => server?.stop());

const run = async (query: string, variables?: Record<string, unknown>) => {
  engines.length = 0;
  const response = await server.executeOperation({ query, variables });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return { ...response.body.singleResult, engine: engines[0] };
};

describe("graphql-jit behind Apollo", () => {
  it("answers a query with graphql-jit exactly as GraphQL defines it", async () => {
    const result = await run("query($c: Int!) { items(count: $c) { n } }", { c: 3 });
    expect(result.engine).toBe("jit");
    expect(result.data).toEqual({ items: [{ n: 0 }, { n: 1 }, { n: 2 }] });
  });

  it("runs an operation with a variable of a recursive input type on graphql-js (graphql-jit would not finish compiling it)", async () => {
    const result = await run("query($f: Filter) { items(count: 4, filter: $f) { n } }", { f: { min: 2, and: [{ not: { min: 9 } }] } });
    expect(result.engine).toBe("graphql-js");
    expect(result.data).toEqual({ items: [{ n: 2 }, { n: 3 }] });
    // The same input inlined in the document is no variable: graphql-jit handles it.
    const inlined = await run("{ items(count: 4, filter: { min: 3, not: { min: 1 } }) { n } }");
    expect(inlined.engine).toBe("jit");
    expect(inlined.data).toEqual({ items: [{ n: 3 }] });
  });

  it("hands a resolver's error to formatError with its original error, and codes it", async () => {
    seenByFormatError.length = 0;
    const result = await run("{ broken }");
    expect(result.engine).toBe("jit");
    expect(result.errors?.[0]).toMatchObject({ message: "database said no", path: ["broken"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(result.errors?.[0]?.locations).toEqual([{ line: 1, column: 3 }]);
    expect(seenByFormatError[0]).toMatchObject({ code: "22021" });
  });

  it("rejects a bad variable with graphql-js's BAD_USER_INPUT error", async () => {
    const result = await run("query($c: Int!) { items(count: $c) { n } }", { c: "three" });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/^Variable "\$c" got invalid value "three"/);
  });

  it("reports an unknown operation name as graphql-js does", async () => {
    engines.length = 0;
    const response = await server.executeOperation({ query: "query A { broken }", operationName: "B" });
    expect(response.body.kind === "single" && response.body.singleResult.errors?.[0]?.message).toBe('Unknown operation named "B".');
  });
});
