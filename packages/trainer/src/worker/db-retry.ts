import { isDatabaseUnavailable } from "@grokscope/db";

/** How long a worker waits out an unreachable database before it gives up on a write. */
export const MAX_OUTAGE_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Exponential back-off with jitter, so several workers do not reconnect in lock-step. */
export const backoff = (failures: number) => Math.min(250 * 2 ** Math.min(failures - 1, 5), 5_000) * (0.75 + Math.random() * 0.5);

/** The database's own words: Drizzle wraps them in "Failed query: <the whole SQL>" with a cause. */
function rootMessage(error: unknown): string {
  let e = error;
  for (let depth = 0; depth < 8 && e instanceof Error && e.cause instanceof Error; depth++) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Runs `op`, retrying with back-off while the database is unreachable (a restart, the network),
 * for up to `maxOutageMs`; any other error is thrown at once. A run's bookkeeping goes through it
 * so that an outage at the wrong moment (the end of a run) delays its record instead of marking a
 * run that trained to the end as failed. Every write it wraps is idempotent (guarded by the run's
 * owner and status), so repeating one whose commit landed but whose reply was lost is harmless.
 */
export async function retryWhileUnavailable<T>(
  what: string,
  op: () => Promise<T>,
  options: { log: (msg: string) => void; maxOutageMs?: number },
): Promise<T> {
  const giveUpAt = Date.now() + (options.maxOutageMs ?? MAX_OUTAGE_MS);
  for (let failures = 1; ; failures++) {
    try {
      const result = await op();
      if (failures > 1) options.log(`${what}: database reachable again after ${failures - 1} failed attempt(s)`);
      return result;
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() >= giveUpAt) throw error;
      if (failures === 1 || failures % 10 === 0) {
        options.log(`${what}: database unavailable (${failures}×), retrying: ${rootMessage(error)}`);
      }
      await sleep(backoff(failures));
    }
  }
}
