import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { specifiedRules, validate } from "graphql";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import type { Db } from "@grokscope/db";
import { createContext, type ApiContext } from "./context.ts";
import { depthLimit } from "./depth-limit.ts";
import { createExportRouter } from "./export/routes.ts";
import { formatGraphQLError } from "./input-errors.ts";
import { createRunChangeHub } from "./run-changes.ts";
import { createSchema } from "./schema.ts";

export interface ApiServer {
  url: string;
  port: number;
  httpServer: Server;
  close(): Promise<void>;
}

export interface ApiServerOptions {
  db: Db;
  databaseUrl: string;
  port: number;
  host: string;
  log?: (msg: string) => void;
}

const MAX_DEPTH = 10;
const MAX_BODY = "256kb";

/** Apollo over HTTP and graphql-ws over WebSocket, both at /graphql, sharing one schema. */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const schema = createSchema();
  const changes = createRunChangeHub(options.databaseUrl, options.log);
  const context = (): ApiContext => createContext(options.db, changes);

  const app = express();
  const httpServer = createServer(app);
  // Slow-loris clients must not hold sockets forever.
  httpServer.headersTimeout = 10_000;
  httpServer.requestTimeout = 30_000;

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: 256 * 1024 });
  const rules = [...specifiedRules, depthLimit(MAX_DEPTH)];
  const wsCleanup = useServer({ schema, context, validate: (s, doc) => validate(s, doc, rules) }, wsServer);

  const apollo = new ApolloServer<ApiContext>({
    schema,
    validationRules: [depthLimit(MAX_DEPTH)],
    formatError: formatGraphQLError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
    ],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => void res.json({ ok: true }));
  app.use(createExportRouter(options.db));
  app.use("/graphql", express.json({ limit: MAX_BODY }), expressMiddleware(apollo, { context: async () => context() }));
  // Malformed JSON or an oversized body is the client's error, reported as such (never a 500).
  app.use((err: { status?: number; type?: string; message?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    res.status(status).json({ errors: [{ message: status === 500 ? "Internal server error" : (err.message ?? "bad request"), extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }] });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    httpServer,
    close: async () => {
      await apollo.stop();
      await changes.close();
    },
  };
}
