import { recordProgress, type Db, type EvaluationRecord, type EventRecord } from "@grokscope/db";
import type { MetricKey } from "@grokscope/spec";
import { backoff, MAX_OUTAGE_MS } from "./db-retry.ts";

export interface Evaluation {
  step: number;
  seed: number;
  metrics: Record<MetricKey, number>;
  events: { kind: string; seed: number; step: number; value?: number | null }[];
}

export interface DbSinkOptions {
  db: Db;
  runId: string;
  workerId: string;
  flushEveryMs?: number;
  maxBuffered?: number;
  /** While the database is unreachable, evaluations pile up to this many, then training waits. */
  maxHeld?: number;
  /** How long flush() keeps retrying an unreachable database before it gives up and throws. */
  maxOutageMs?: number;
  log?: (msg: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Buffers evaluations and writes them in batches (one transaction each, see recordProgress).
 * Each write doubles as the run's heartbeat and as the cancel check, so a worker that trains
 * learns of a cancel within one flush interval.
 *
 * A failed write (database restarting, network) keeps its batch: the points stay buffered, in
 * order, and are retried with back-off while training goes on. recordProgress inserts with
 * ON CONFLICT DO NOTHING on (run, seed, step), so a batch whose commit succeeded but whose reply
 * was lost is written exactly once when retried.
 */
export function createDbSink(options: DbSinkOptions) {
  const flushEveryMs = options.flushEveryMs ?? 500;
  const maxBuffered = options.maxBuffered ?? 500;
  const maxHeld = options.maxHeld ?? 200_000;
  const maxOutageMs = options.maxOutageMs ?? MAX_OUTAGE_MS;
  const log = options.log ?? ((m: string) => console.error(`[worker ${options.workerId}] ${m}`));
  const evaluations: EvaluationRecord[] = [];
  const events: EventRecord[] = [];
  let stepsDone = 0;
  let msPerStep: number | null = null;
  // Wall-clock ms per step, evaluations included: what a user waits for, not a kernel benchmark.
  let firstSeen: { step: number; at: number } | undefined;
  let lastFlush = Date.now();
  let cancelRequested = false;
  let lostOwnership = false;
  let failures = 0;
  let retryAt = 0;
  // One write at a time: a heartbeat never races a flush with the same points.
  let inFlight: Promise<void> | undefined;

  /** Writes everything buffered now; on success removes exactly what it wrote. Throws on failure. */
  const writeOnce = async () => {
    const n = evaluations.length;
    const m = events.length;
    lastFlush = Date.now();
    const outcome = await recordProgress(options.db, {
      runId: options.runId,
      workerId: options.workerId,
      stepsDone,
      msPerStep,
      evaluations: evaluations.slice(0, n),
      events: events.slice(0, m),
    });
    evaluations.splice(0, n);
    events.splice(0, m);
    if (failures > 0) log(`database reachable again after ${failures} failed write(s); buffered points written`);
    failures = 0;
    retryAt = 0;
    if (!outcome.owned) {
      lostOwnership = true;
      // Nothing more of this run may be written by us.
      evaluations.length = 0;
      events.length = 0;
    } else cancelRequested ||= outcome.cancelRequested;
  };

  const serialised = async () => {
    while (inFlight) await inFlight.catch(() => {});
    inFlight = writeOnce();
    try {
      await inFlight;
    } finally {
      inFlight = undefined;
    }
  };

  /** Best effort, never throws: a failure schedules the next attempt with back-off. */
  const tryFlush = async () => {
    if (inFlight || Date.now() < retryAt) return;
    try {
      await serialised();
    } catch (error) {
      failures++;
      retryAt = Date.now() + backoff(failures);
      if (failures === 1 || failures % 10 === 0) {
        log(`write failed (${failures}×), keeping ${evaluations.length} evaluations buffered: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  /** Durable: returns once everything buffered is written, retrying for up to maxOutageMs. */
  const flush = async () => {
    const giveUpAt = Date.now() + maxOutageMs;
    for (;;) {
      try {
        await serialised();
        if (evaluations.length === 0 && events.length === 0) return;
      } catch (error) {
        failures++;
        if (Date.now() >= giveUpAt) throw error;
        if (failures === 1 || failures % 10 === 0) log(`flush failed (${failures}×), retrying: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(backoff(failures));
      }
    }
  };

  return {
    async onEvaluation(e: Evaluation) {
      if (lostOwnership) return;
      evaluations.push({ seed: e.seed, step: e.step, metrics: e.metrics });
      events.push(...e.events.map((ev) => ({ seed: ev.seed, kind: ev.kind, step: ev.step, value: ev.value ?? null })));
      stepsDone = Math.max(stepsDone, e.step);
      const now = Date.now();
      if (!firstSeen) firstSeen = { step: e.step, at: now };
      else if (e.step > firstSeen.step) msPerStep = (now - firstSeen.at) / (e.step - firstSeen.step);
      // Back-pressure: memory stays bounded during a long outage; training waits for the database.
      if (evaluations.length >= maxHeld) await flush();
      else if (evaluations.length >= maxBuffered || now - lastFlush >= flushEveryMs) await tryFlush();
    },
    /** Called on a timer: keeps the heartbeat (and cancel check) alive when evaluations are rare. */
    async heartbeat() {
      if (Date.now() - lastFlush >= flushEveryMs) await tryFlush();
    },
    flush,
    /** True when the worker should stop: a cancel was requested or the run was taken away. */
    shouldStop: () => cancelRequested || lostOwnership,
    get cancelRequested() {
      return cancelRequested;
    },
    get lostOwnership() {
      return lostOwnership;
    },
    /** Evaluations waiting to be written (tests and benches). */
    get buffered() {
      return evaluations.length;
    },
  };
}

export type DbSink = ReturnType<typeof createDbSink>;
