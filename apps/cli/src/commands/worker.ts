import { createDb, runMigrations } from "@grokscope/db";
import { createWorker } from "@grokscope/trainer";
import type { CliEnv } from "../env.ts";

/** `grokscope worker`: claims and trains queued runs from DATABASE_URL until stopped. */
export async function worker(env: CliEnv): Promise<void> {
  if (!env.DATABASE_URL) throw new Error("grokscope worker needs DATABASE_URL (the registry's PostgreSQL)");
  const handle = createDb(env.DATABASE_URL, { max: 3, applicationName: "grokscope-worker" });
  await runMigrations(handle.db);
  const w = createWorker({ db: handle.db });
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
