import { getPriority, setPriority } from "node:os";
import { createDb, runMigrations } from "@grokscope/db";
import { createWorker } from "@grokscope/trainer";
import type { CliEnv } from "../env.ts";
import { resolveRegistryUrl } from "../registry-url.ts";

/** `grokscope worker`: claims and trains queued runs from the registry (DATABASE_URL, else a running `grokscope start`) until stopped. */
export async function worker(env: CliEnv): Promise<void> {
  lowerPriority(env.GROKSCOPE_WORKER_NICE);
  const registry = await resolveRegistryUrl(env);
  const handle = createDb(registry.url, { max: 3, applicationName: "grokscope-worker" });
  await runMigrations(handle.db);
  const w = createWorker({ db: handle.db, staleAfterSeconds: env.GROKSCOPE_STALE_AFTER_SECONDS });
  const stop = async () => {
    await w.stop();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  // Started by `grokscope start`: if that parent dies, so do we.
  process.on("disconnect", () => void stop());
  console.log(`[worker ${w.workerId}] waiting for queued runs`);
  await w.start();
}

/** Raises this process's niceness; never lowers it (that needs privileges, and `nice` may have set it). */
function lowerPriority(nice: number): void {
  try {
    if (getPriority() < nice) setPriority(nice);
  } catch (error) {
    console.error(`[worker] could not set niceness ${nice}: ${(error as Error).message}`);
  }
}
