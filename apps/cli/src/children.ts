import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

/**
 * OpenBLAS threads per worker (the wasm-openblas backend): the user's OPENBLAS_NUM_THREADS, else
 * an equal share of the cores, at least 1, so `workers` processes never oversubscribe the machine.
 */
export function blasThreadsPerWorker(cores: number, workers: number, override?: number): number {
  return override ?? Math.max(1, Math.floor(cores / Math.max(1, workers)));
}

/** A worker in its own process: training must never stall the API's event loop. */
export function spawnWorker(databaseUrl: string, blasThreads: number): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", MAIN, "worker"], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, DATABASE_URL: databaseUrl, OPENBLAS_NUM_THREADS: String(blasThreads) },
  });
}

/** SIGTERM, then SIGKILL if the child has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
