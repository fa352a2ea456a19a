import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express from "express";
import { parse, specifiedRules, validate, type DocumentNode } from "graphql";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import { isDatabaseUnavailable, type Db } from "@grokscope/db";
import { isLoopbackHost, resolveCaller } from "./auth/caller.ts";
import { requireReader } from "./auth/http-guard.ts";
import { createAuthRouter } from "./auth/routes.ts";
import { createContext, type ApiContext } from "./context.ts";
import { checkCost, DEFAULT_COST_LIMITS, type CostLimits } from "./cost-limit.ts";
import { depthLimit } from "./depth-limit.ts";
import { createExportRouter } from "./export/routes.ts";
import { graphqlHttpHandler } from "./graphql-http.ts";
import { jitGateway } from "./jit-gateway.ts";
import { formatGraphQLError } from "./input-errors.ts";
import { formatUnavailable, formatUnstorableText, serviceUnavailable, SERVICE_UNAVAILABLE } from "./errors.ts";
import { createReadCoalescer } from "./read-coalescing.ts";
import { createRunChangeHub } from "./run-changes.ts";
import { createSchema } from "./schema.ts";
import { createSeriesCache } from "./series-cache.ts";

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
  /** Query cost, field and alias limits (DEFAULT_COST_LIMITS when omitted). */
  costLimits?: CostLimits;
  /** Slow-client limits (DEFAULT_TIMEOUTS when omitted; tests shorten them). */
  timeouts?: Partial<HttpTimeouts>;
}

export interface HttpTimeouts {
  /** A client must finish sending its headers within this long (slow-loris). */
  headersMs: number;
  /** …and its whole request within this long. */
  requestMs: number;
  /** How often Node looks for connections past those limits (its default, 30 s, lets a slow client linger 40 s). */
  checkEveryMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 30_000, checkEveryMs: 2_000 };

const MAX_DEPTH = 10;
const MAX_BODY = "256kb";

/** Apollo over HTTP and graphql-ws over WebSocket, both at /graphql, sharing one schema. */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const schema = createSchema();
  const changes = createRunChangeHub(options.databaseUrl, options.log);
  const { db } = options;
  const seriesCache = createSeriesCache();
  // Identical concurrent reads share one answer; any change starts a new generation (read-coalescing.ts).
  const reads = createReadCoalescer();
  changes.onChange(() => reads.invalidate());
  const limits = options.costLimits ?? DEFAULT_COST_LIMITS;
  // Open access for a fresh install only when nobody else can reach the port (auth/caller.ts).
  const loopback = isLoopbackHost(options.host);

  const app = express();
  // Slow-loris clients must not hold sockets forever: Node answers 408 and closes the socket.
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const httpServer = createServer({ connectionsCheckingInterval: timeouts.checkEveryMs, headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs }, app);

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: 256 * 1024 });
  const rules = [...specifiedRules, depthLimit(MAX_DEPTH)];
  const wsCleanup = useServer(
    {
      schema,
      validate: (s, doc) => validate(s, doc, rules),
      // Same credentials as HTTP: connectionParams.authorization, else the upgrade request's cookie.
      context: async (ctx): Promise<ApiContext> => {
        const authorization = ctx.connectionParams?.authorization;
        const { headers } = ctx.extra.request;
        const caller = await resolveCaller(db, loopback, { authorization: typeof authorization === "string" ? authorization : undefined, headers });
        return createContext(db, changes, caller, seriesCache);
      },
      onSubscribe: (_ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch {
          return; // graphql-ws reports the syntax error itself
        }
        const tooCostly = checkCost(schema, document, payload.operationName, payload.variables, limits);
        return tooCostly ? [tooCostly] : undefined;
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<ApiContext>({
    // The schema, with operations executed by graphql-jit (jit-gateway.ts says why).
    gateway: jitGateway(schema),
    validationRules: [depthLimit(MAX_DEPTH)],
    // A resolver's lost database connection is the client's cue to retry, and a NUL character the
    // database cannot store is bad input: neither is an internal error.
    formatError: (formatted, error) =>
      (formatted.extensions?.code === "INTERNAL_SERVER_ERROR" ? (formatUnavailable(formatted, error) ?? formatUnstorableText(formatted, error)) : undefined) ??
      formatGraphQLError(formatted, error),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Installed by default, it wraps every field resolver to collect cache hints this API never
      // sets: about half the execution time of a 1,000-bucket series answer.
      ApolloServerPluginCacheControlDisabled(),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
      // After validation (so the document is well-formed), before any resolver runs.
      {
        requestDidStart: async () => ({
          didResolveOperation: async ({ request, document }) => {
            const tooCostly = checkCost(schema, document, request.operationName, request.variables, limits);
            if (tooCostly) throw tooCostly;
          },
        }),
      },
    ],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => void res.json({ ok: true }));
  app.use(createAuthRouter(db, loopback));
  app.use("/export", requireReader(db, loopback));
  app.use(createExportRouter(db));
  const context = async ({ req }: { req: express.Request }) => {
    try {
      return createContext(db, changes, await resolveCaller(db, loopback, { headers: req.headers }), seriesCache);
    } catch (error) {
      // Resolving the caller needs the database; without it Apollo would answer a bare HTTP 500.
      if (isDatabaseUnavailable(error)) throw serviceUnavailable();
      throw error;
    }
  };
  app.use("/graphql", express.json({ limit: MAX_BODY }), graphqlHttpHandler(apollo, context, reads));
  // Malformed JSON or an oversized body is the client's error, reported as such (never a 500).
  app.use((err: { status?: number; type?: string; message?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (isDatabaseUnavailable(err)) {
      res.status(503).json({ errors: [{ message: "the database is unavailable; retry shortly", extensions: { code: SERVICE_UNAVAILABLE } }] });
      return;
    }
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
