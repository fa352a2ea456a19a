import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRun, getRun, type Db, type RunRow } from "@grokscope/db";
import { parseRunConfig, type RunConfigInput } from "@grokscope/spec";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed, stdout and stderr, in order. */
  output: string[];
}

/** Real `grokscope worker` child processes (the production entry), each with its own pool. */
export function spawnWorkers(count: number, databaseUrl: string): WorkerProcess[] {
  return Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, "worker"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    child.stdout!.setEncoding("utf8").on("data", (d: string) => output.push(d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => output.push(d));
    return { child, output };
  });
}

/** SIGTERM (the worker finishes its run's bookkeeping), then SIGKILL after `graceMs`. */
export async function stopWorkers(workers: WorkerProcess[], graceMs = 10_000) {
  await Promise.all(
    workers.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** How many times each run id was announced as started ("run <id> (...) on <backend>") across all workers. */
export function startsPerRun(workers: WorkerProcess[]): Map<string, number> {
  const starts = new Map<string, number>();
  for (const w of workers) {
    for (const m of w.output.join("").matchAll(/run ([0-9a-f-]{36}) \(.*?\) on /g)) starts.set(m[1]!, (starts.get(m[1]!) ?? 0) + 1);
  }
  return starts;
}

export async function enqueue(db: Db, name: string, input: RunConfigInput): Promise<RunRow> {
  const parsed = parseRunConfig(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return (await createRun(db, { name, config: parsed.config })).run;
}

/** A run small enough to train in well under a second on the cpu backend. */
export const TINY: RunConfigInput = { p: 5, steps: 20, evalEvery: 5, embedDim: 8, hiddenDim: 16, backend: "cpu" };

export async function waitForRun(db: Db, id: string, done: (r: RunRow) => boolean, timeoutMs: number): Promise<RunRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(db, id).catch(() => undefined);
    if (run && done(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run?.status} at step ${run?.stepsDone}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const isFinished = (r: RunRow) => r.status === "succeeded" || r.status === "failed" || r.status === "cancelled";
