import { finishRun, refreshLiveSummary, requeueRun, saveCheckpoint, setRunBackend, type Db, type RunRow } from "@grokscope/db";
import type { RunConfig } from "@grokscope/spec";
import { selectBackend } from "../backends.ts";
import { train } from "../core/index.ts";
import { createDbSink } from "./db-sink.ts";
import { retryWhileUnavailable } from "./db-retry.ts";
import { createForecastRefresher } from "./forecasting.ts"; // issue 6: forecast history
import { resolveClamp, startState } from "./start-state.ts";

const HEARTBEAT_MS = 5_000;
/** A checkpoint larger than this is not stored (a bytea row this big would stall every flush). */
const MAX_CHECKPOINT_BYTES = 256 * 1024 * 1024;

/** What train() reports at each checkpoint step (packages/trainer core). */
interface CheckpointReport {
  step: number;
  kind: "resume" | "kept";
  seeds: number;
  state: Uint8Array;
}

/** Trains one claimed run to completion, cancellation or failure, and records the outcome. */
export async function runJob(options: {
  db: Db;
  run: RunRow;
  workerId: string;
  log: (msg: string) => void;
  interrupted: () => boolean;
  /** Heartbeat period (default 5 s); the worker loop keeps it well under its stale threshold. */
  heartbeatMs?: number;
}) {
  const { db, run, workerId, log } = options;
  // The run's own record (start, checkpoints, outcome) outlasts a database restart as its points do
  // (db-sink): the heartbeat keeps going meanwhile, so no other worker takes the run for dead.
  const retrying = <T>(what: string, op: () => Promise<T>) => retryWhileUnavailable(`run ${run.id}: ${what}`, op, { log });
  const requested = run.config as RunConfig;
  const sink = createDbSink({ db, runId: run.id, workerId });
  const forecasts = createForecastRefresher({ db, run, log }); // issue 6: logs its failures, never fails the run
  const heartbeat = setInterval(() => sink.heartbeat().catch((e) => log(`heartbeat failed: ${String(e)}`)), options.heartbeatMs ?? HEARTBEAT_MS);
  try {
    // Calibration and the start state first: a run that cannot start fails before loading a backend.
    const config = await retrying("clamp", () => resolveClamp(db, run, workerId, requested));
    const start = await retrying("start state", () => startState(db, run));
    const { tf, backend } = await selectBackend(config.backend, log);
    await retrying("backend", () => setRunBackend(db, run.id, workerId, backend));
    log(`run ${run.id} (${run.name}) on ${backend}: ${config.steps} steps × ${config.seeds} seeds${start ? `, from ${start.from}` : ""}`);
    const onCheckpoint = async (c: CheckpointReport) => {
      if (c.state.byteLength > MAX_CHECKPOINT_BYTES) return log(`checkpoint at step ${c.step} is ${c.state.byteLength} bytes; not stored`);
      // Points up to the checkpoint must be durable before it is: a resume never leaves a gap.
      await sink.flush();
      // A worker presumed dead (run requeued and claimed by another) writes nothing more of it.
      if (sink.lostOwnership) return;
      await retrying(`checkpoint at step ${c.step}`, () => saveCheckpoint(db, { runId: run.id, step: c.step, kind: c.kind, seeds: c.seeds, state: c.state }));
    };
    const deps = {
      tf,
      sink: forecasts.tap(sink), // issue 6
      shouldStop: () => sink.shouldStop() || options.interrupted(),
      // A shutdown (not a cancel) saves the step reached, so the run resumes there on another worker.
      checkpointOnStop: () => !sink.cancelRequested,
      startFrom: start?.state,
      onCheckpoint,
    };
    const result = await train(config, deps);
    await sink.flush();
    await forecasts.settle(); // issue 6: forecasts already due are stored before the run is marked finished
    if (sink.lostOwnership) return log(`run ${run.id} was taken from this worker; stopped`);
    // The final summary: medians over seeds from every event and last point written (SCIENCE.md §6).
    await retrying("summary", () => refreshLiveSummary(db, run.id));
    if (!result.stopped) {
      await retrying("outcome", () => finishRun(db, run.id, workerId, { status: "succeeded" }));
    } else if (sink.cancelRequested) {
      await retrying("outcome", () => finishRun(db, run.id, workerId, { status: "cancelled" }));
    } else {
      // Shut down (SIGTERM, Ctrl-C): back to the queue; the next worker resumes from the checkpoint just saved.
      const reason = `requeued: worker ${workerId} shut down at step ${result.stepsDone}; resuming from its checkpoint there`;
      await retrying("requeue", () => requeueRun(db, run.id, workerId, reason));
    }
    log(`run ${run.id} ${result.stopped ? "stopped" : "finished"} at step ${result.stepsDone} (${result.msPerStep.toFixed(1)} ms/step)`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`run ${run.id} failed: ${message}`);
    await sink.flush().catch(() => {});
    await retrying("outcome", () => finishRun(db, run.id, workerId, { status: "failed", error: message }));
  } finally {
    clearInterval(heartbeat);
  }
}
