import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { claimNextRun, sweepStaleRuns, type Db } from "@grokscope/db";
import { runJob } from "./run-job.ts";

export interface WorkerOptions {
  db: Db;
  workerId?: string;
  log?: (msg: string) => void;
  /** How long to sleep when the queue is empty. */
  idlePollMs?: number;
  /**
   * A running run whose worker has been silent this long is requeued from its latest checkpoint,
   * or failed with the reason when it cannot resume. Default 30 s (production): six heartbeats
   * (run-job.ts reports at least every 5 s), so a busy but live worker is never taken for dead.
   */
  staleAfterSeconds?: number;
}

/** Longest pause between reconnect attempts: a restarted database is used within seconds. */
const MAX_BACKOFF_MS = 5_000;

export const newWorkerId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/**
 * The worker's job loop: claim the oldest queued run (SKIP LOCKED, so any number of workers on
 * any number of machines can share one database), train it, repeat. Idle or training, it also
 * requeues or fails runs whose worker died, so nothing stays "running" even with no API process up.
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

  // After an outage every worker's heartbeats are as old as the outage: give the others time to
  // reconnect and report before calling their runs stale, or a restart would fail live runs.
  let lastDbErrorAt = -Infinity;
  /** Requeues (from their latest checkpoint) or fails the runs of workers that stopped reporting. */
  const sweepStale = async () => {
    if (Date.now() - lastDbErrorAt <= staleAfterSeconds * 1_000) return;
    const { requeued, failed } = await sweepStaleRuns(options.db, staleAfterSeconds);
    for (const id of requeued) log(`requeued run ${id} to resume from its checkpoint: its worker stopped reporting`);
    for (const id of failed) log(`failed run ${id}: its worker stopped reporting`);
  };

  async function loop() {
    let failures = 0;
    while (!stopping) {
      try {
        await sweepStale();
        const run = await claimNextRun(options.db, workerId);
        if (failures > 0) log(`database reachable again after ${failures} failed attempt(s)`);
        failures = 0;
        if (!run) {
          await sleep(idlePollMs);
          continue;
        }
        // Keep sweeping while training: with every worker busy on a long run, a dead worker's run
        // would otherwise stay "running" (and unresumed) until one of them is free.
        let sweeping = false;
        const sweeper = setInterval(() => {
          if (sweeping) return;
          sweeping = true;
          sweepStale()
            .catch(() => void (lastDbErrorAt = Date.now()))
            .finally(() => void (sweeping = false));
        }, (staleAfterSeconds * 1_000) / 2);
        try {
          // Six heartbeats per stale threshold (every 5 s at 30 s), also during start-up (checkpoint
          // load, backend init), so no sweep ever takes a live worker's run for a dead one's.
          const heartbeatMs = Math.min(5_000, (staleAfterSeconds * 1_000) / 6);
          await runJob({ db: options.db, run, workerId, log, interrupted: () => stopping, heartbeatMs });
        } finally {
          clearInterval(sweeper);
        }
      } catch (error) {
        // Database down or restarting: back off (capped, jittered so workers do not reconnect in
        // lock-step) and try again rather than die.
        failures++;
        lastDbErrorAt = Date.now();
        const backoffMs = Math.round(Math.min(idlePollMs * 2 ** Math.min(failures - 1, 10), MAX_BACKOFF_MS) * (0.75 + Math.random() * 0.5));
        log(`database error, retrying in ${backoffMs} ms: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(backoffMs);
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
