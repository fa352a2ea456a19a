import { finishRun, setRunBackend, type Db, type RunRow } from "@grokscope/db";
import type { RunConfig } from "@grokscope/spec";
import { selectBackend } from "../backends.ts";
import { train } from "../core/index.ts";
import { createDbSink } from "./db-sink.ts";

const HEARTBEAT_MS = 5_000;

/** Trains one claimed run to completion, cancellation or failure, and records the outcome. */
export async function runJob(options: { db: Db; run: RunRow; workerId: string; log: (msg: string) => void; interrupted: () => boolean }) {
  const { db, run, workerId, log } = options;
  const config = run.config as RunConfig;
  const sink = createDbSink({ db, runId: run.id, workerId });
  const heartbeat = setInterval(() => sink.heartbeat().catch((e) => log(`heartbeat failed: ${String(e)}`)), HEARTBEAT_MS);
  try {
    const { tf, backend } = await selectBackend(config.backend, log);
    await setRunBackend(db, run.id, workerId, backend);
    log(`run ${run.id} (${run.name}) on ${backend}: ${config.steps} steps`);
    const result = await train(config, { tf, sink, shouldStop: () => sink.shouldStop() || options.interrupted() });
    await sink.flush();
    if (sink.lostOwnership) return log(`run ${run.id} was taken from this worker; stopped`);
    const summary = {
      tMem: result.summary.tMem ?? null,
      tGrok: result.summary.tGrok ?? null,
      logitScaleAtGrok: result.summary.logitScaleAtGrok ?? null,
      finalTrainAcc: result.summary.finalTrainAcc,
      finalTestAcc: result.summary.finalTestAcc,
    };
    if (!result.stopped) {
      await finishRun(db, run.id, workerId, { status: "succeeded", summary });
    } else if (sink.cancelRequested) {
      await finishRun(db, run.id, workerId, { status: "cancelled", summary });
    } else {
      await finishRun(db, run.id, workerId, {
        status: "failed",
        summary,
        error: `interrupted: worker ${workerId} shut down at step ${result.stepsDone}; metrics up to then are kept`,
      });
    }
    log(`run ${run.id} ${result.stopped ? "stopped" : "finished"} at step ${result.stepsDone} (${result.msPerStep.toFixed(1)} ms/step)`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`run ${run.id} failed: ${message}`);
    await sink.flush().catch(() => {});
    await finishRun(db, run.id, workerId, { status: "failed", error: message });
  } finally {
    clearInterval(heartbeat);
  }
}
