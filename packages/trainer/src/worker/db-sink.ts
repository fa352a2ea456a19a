import { recordProgress, type Db, type EvaluationRecord, type EventRecord } from "@grokscope/db";
import type { MetricKey } from "@grokscope/spec";

export interface Evaluation {
  step: number;
  seed: number;
  metrics: Record<MetricKey, number>;
  events: { kind: string; seed: number; step: number; value?: number | null }[];
}

/**
 * Buffers evaluations and writes them in batches (one transaction each, see recordProgress).
 * Each write doubles as the run's heartbeat and as the cancel check, so a worker that trains
 * learns of a cancel within one flush interval.
 */
export function createDbSink(options: { db: Db; runId: string; workerId: string; flushEveryMs?: number; maxBuffered?: number }) {
  const flushEveryMs = options.flushEveryMs ?? 500;
  const maxBuffered = options.maxBuffered ?? 500;
  let evaluations: EvaluationRecord[] = [];
  let events: EventRecord[] = [];
  let stepsDone = 0;
  let msPerStep: number | null = null;
  // Wall-clock ms per step, evaluations included: what a user waits for, not a kernel benchmark.
  let firstSeen: { step: number; at: number } | undefined;
  let lastFlush = Date.now();
  let cancelRequested = false;
  let lostOwnership = false;

  const flush = async () => {
    const batch = { evaluations, events };
    evaluations = [];
    events = [];
    lastFlush = Date.now();
    const outcome = await recordProgress(options.db, { runId: options.runId, workerId: options.workerId, stepsDone, msPerStep, ...batch });
    if (!outcome.owned) lostOwnership = true;
    else cancelRequested ||= outcome.cancelRequested;
  };

  return {
    async onEvaluation(e: Evaluation) {
      evaluations.push({ seed: e.seed, step: e.step, metrics: e.metrics });
      events.push(...e.events.map((ev) => ({ seed: ev.seed, kind: ev.kind, step: ev.step, value: ev.value ?? null })));
      stepsDone = Math.max(stepsDone, e.step);
      const now = Date.now();
      if (!firstSeen) firstSeen = { step: e.step, at: now };
      else if (e.step > firstSeen.step) msPerStep = (now - firstSeen.at) / (e.step - firstSeen.step);
      if (evaluations.length >= maxBuffered || Date.now() - lastFlush >= flushEveryMs) await flush();
    },
    /** Called on a timer: keeps the heartbeat (and cancel check) alive when evaluations are rare. */
    async heartbeat() {
      if (Date.now() - lastFlush >= flushEveryMs) await flush();
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
  };
}

export type DbSink = ReturnType<typeof createDbSink>;
