export { createApiServer, type ApiServer, type ApiServerOptions } from "./server.ts";
export { readApiEnv } from "./env.ts";
