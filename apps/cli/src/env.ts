import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** Repository root: apps/cli/src → ../../.. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  GROKSCOPE_HOST: z.string().default("127.0.0.1"),
  GROKSCOPE_WEB_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  GROKSCOPE_API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  GROKSCOPE_DATA_DIR: z.string().default(path.join(REPO_ROOT, ".grokscope")),
  GROKSCOPE_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  /**
   * Scheduling niceness of worker processes (0 = same as the API, 19 = lowest). Training is batch
   * work that would otherwise take every core from the API and the database on a shared machine,
   * and the dashboard would stall while runs train; heartbeats still get through at any value.
   */
  GROKSCOPE_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /**
   * A running run whose worker has not reported for this long is requeued from its latest
   * checkpoint (or failed when it cannot resume). Production: 30 s, six heartbeats (run-job.ts
   * reports at least every 5 s); much lower risks taking runs from live but busy workers. Tests
   * that kill workers set it to a couple of seconds.
   */
  GROKSCOPE_STALE_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
});

export type CliEnv = z.infer<typeof envSchema>;

/** The only place the CLI reads process.env (DESIGN.md §7). */
export function readCliEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`bad environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}
