import { sql } from "drizzle-orm";
import type { Db } from "../client.ts";

/** PostgreSQL channel on which every change to a run is announced (payload: the run id). */
export const RUN_CHANNEL = "grokscope_run_changed";

/**
 * NOTIFY is transactional: sent inside a transaction it is delivered only on commit, so a
 * listener never hears of data it cannot read yet.
 */
export async function notifyRunChanged(db: Pick<Db, "execute">, runId: string) {
  await db.execute(sql`SELECT pg_notify(${RUN_CHANNEL}, ${runId})`);
}
