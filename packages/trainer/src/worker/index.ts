export { createWorker, newWorkerId, type WorkerOptions } from "./worker-loop.ts";
export { runJob } from "./run-job.ts";
export { createDbSink } from "./db-sink.ts";
