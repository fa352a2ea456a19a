import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { claimNextRun, failStaleRuns, type Db } from "@grokscope/db";
import { runJob } from "./run-job.ts";

export interface WorkerOptions {
  db: Db;
  workerId?: string;
  log?: (msg: string) => void;
  /** How long to sleep when the queue is empty. */
  idlePollMs?: number;
  /** A running run whose worker has been silent this long is failed (its worker is gone). */
  staleAfterSeconds?: number;
}

export const newWorkerId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/**
 * The worker's job loop: claim the oldest queued run (SKIP LOCKED, so any number of workers on
 * any number of machines can share one database), train it, repeat. Every loop also fails runs
 * whose worker died, so nothing stays "running" forever even with no API process up.
 */
export function createWorker(options: WorkerOptions) {
  const workerId = options.workerId ?? newWorkerId();
  const log = options.log ?? ((m: string) => console.log(`[worker ${workerId}] ${m}`));
  const idlePollMs = options.idlePollMs ?? 1_000;
  const staleAfterSeconds = options.staleAfterSeconds ?? 30;
  let stopping = false;
  let wake: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function loop() {
    let backoffMs = idlePollMs;
    while (!stopping) {
      try {
        const stale = await failStaleRuns(options.db, staleAfterSeconds);
        for (const id of stale) log(`failed run ${id}: its worker stopped reporting`);
        const run = await claimNextRun(options.db, workerId);
        backoffMs = idlePollMs;
        if (!run) {
          await sleep(idlePollMs);
          continue;
        }
        await runJob({ db: options.db, run, workerId, log, interrupted: () => stopping });
      } catch (error) {
        // Database down or restarting: back off and try again rather than die.
        log(`database error, retrying in ${backoffMs} ms: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 30_000);
      }
    }
  }

  let running: Promise<void> | undefined;
  return {
    workerId,
    start() {
      running ??= loop();
      return running;
    },
    /** Stops after the current run has recorded its outcome. */
    async stop() {
      stopping = true;
      wake?.();
      await running;
    },
  };
}
