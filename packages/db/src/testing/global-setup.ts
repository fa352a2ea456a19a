import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../embedded.ts";

import "./provided-context.ts";

/**
 * One PostgreSQL server per test run: the team's server when DATABASE_URL is set (CI runs the
 * suite once that way against Debian's PostgreSQL), otherwise an embedded one in a temp folder.
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  if (external) {
    project.provide("pgAdminUrl", external);
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), "grokscope-test-pg-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), database: "postgres" });
  project.provide("pgAdminUrl", server.url);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
