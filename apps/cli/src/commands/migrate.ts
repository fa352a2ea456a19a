import { openDatabase } from "../database.ts";
import type { CliEnv } from "../env.ts";

/** `grokscope migrate`: applies pending migrations and exits. */
export async function migrate(env: CliEnv, log: (msg: string) => void): Promise<void> {
  const database = await openDatabase(env, log);
  log("migrations applied");
  await database.close();
  await database.stopServer();
}
