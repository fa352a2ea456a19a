import { inject } from "vitest";
import { createTestDatabase } from "@grokscope/db/testing";
import { createApiServer, type ApiServer, type ApiServerOptions } from "./server.ts";

export interface TestApi {
  api: ApiServer;
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  /** POSTs a GraphQL request; `headers` add e.g. `authorization` or `cookie`. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: any[] } }>;
  close(): Promise<void>;
}

/** A real API server on a free port over a fresh, migrated database (loopback unless `host` says otherwise). */
export async function startTestApi(options: Partial<Pick<ApiServerOptions, "host" | "costLimits">> = {}): Promise<TestApi> {
  const db = await createTestDatabase(inject("pgAdminUrl"));
  const api = await createApiServer({ db: db.db, databaseUrl: db.url, port: 0, host: "127.0.0.1", ...options });
  return {
    api,
    db,
    gql: async (query, variables, headers = {}) => {
      const res = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
      return { status: res.status, body: (await res.json()) as any };
    },
    close: async () => {
      await api.close();
      await db.drop();
    },
  };
}
