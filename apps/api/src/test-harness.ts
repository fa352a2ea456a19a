import { inject } from "vitest";
import { createTestDatabase } from "@grokscope/db/testing";
import { createApiServer, type ApiServer } from "./server.ts";

export interface TestApi {
  api: ApiServer;
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: { data?: T; errors?: any[] } }>;
  close(): Promise<void>;
}

/** A real API server on a free port over a fresh, migrated database. */
export async function startTestApi(): Promise<TestApi> {
  const db = await createTestDatabase(inject("pgAdminUrl"));
  const api = await createApiServer({ db: db.db, databaseUrl: db.url, port: 0, host: "127.0.0.1" });
  return {
    api,
    db,
    gql: async (query, variables) => {
      const res = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      return { status: res.status, body: (await res.json()) as any };
    },
    close: async () => {
      await api.close();
      await db.drop();
    },
  };
}
