import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from "@apollo/server";
import type express from "express";
import { operationTypeOf, type ReadCoalescer } from "./read-coalescing.ts";

/** Request headers that can change a GraphQL answer (credentials, CSRF checks, content negotiation). */
const ANSWER_HEADERS = ["authorization", "cookie", "content-type", "accept", "apollo-require-preflight", "x-apollo-operation-name"];

interface Answer {
  status: number;
  headers: [string, string][];
  /** Encoded once, however many requests share it. */
  body: Buffer;
}

/**
 * The /graphql HTTP handler: what Apollo's express integration (@as-integrations/express5) does,
 * plus coalescing of identical concurrent reads (read-coalescing.ts). Everything else goes
 * straight through and, once answered, starts a new coalescing generation.
 */
export function graphqlHttpHandler<C extends object>(
  apollo: ApolloServer<C>,
  context: (args: { req: express.Request; res: express.Response }) => Promise<C>,
  reads: ReadCoalescer,
): express.RequestHandler {
  const execute = async (req: express.Request, res: express.Response): Promise<Answer> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    const search = req.url.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
    const response: HTTPGraphQLResponse = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search, body: req.body },
      context: () => context({ req, res }),
    });
    let body = "";
    if (response.body.kind === "complete") body = response.body.string;
    else for await (const chunk of response.body.asyncIterator) body += chunk; // incremental delivery is not enabled; kept whole
    return { status: response.status ?? 200, headers: [...response.headers], body: Buffer.from(body) };
  };

  return async (req, res, next) => {
    try {
      const { query, operationName } = (req.method === "GET" ? req.query : (req.body ?? {})) as { query?: unknown; operationName?: unknown };
      const type = typeof query === "string" ? operationTypeOf(query, typeof operationName === "string" ? operationName : null) : null;
      let answer: Answer;
      if (type === "query") {
        const key = JSON.stringify([req.method, req.url, req.body, ANSWER_HEADERS.map((h) => req.headers[h] ?? null)]);
        answer = await reads.share(key, () => execute(req, res));
      } else {
        answer = await execute(req, res);
        // A mutation, or a document not classified here (too long to parse, say), may have written.
        reads.invalidate();
      }
      for (const [name, value] of answer.headers) res.setHeader(name, value);
      // Written directly: express's send() would hash every answer into an ETag nobody asks for on POST.
      res.statusCode = answer.status;
      res.setHeader("content-length", answer.body.length);
      res.end(answer.body);
    } catch (error) {
      next(error);
    }
  };
}
