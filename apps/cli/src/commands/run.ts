import { createDb, createRun, type Db, type RunRow } from "@grokscope/db";
import type { CliEnv } from "../env.ts";
import { runConfigFromFlags } from "../flags.ts";

export type EnqueueOutcome = { ok: true; run: RunRow } | { ok: false; errors: string[] };

/** Parses `grokscope run` flags and enqueues the run into the registry (the CLI's thin half). */
export async function enqueueRunFromFlags(db: Db, argv: string[]): Promise<EnqueueOutcome> {
  const parsed = runConfigFromFlags(argv);
  if (!parsed.ok) return parsed;
  const nameAt = parsed.rest.indexOf("--name");
  const unknown = nameAt < 0 ? parsed.rest : parsed.rest.filter((_, i) => i !== nameAt && i !== nameAt + 1);
  if (unknown.length > 0) return { ok: false, errors: unknown.map((a) => `unknown argument ${a}`) };
  const c = parsed.config;
  const name = (nameAt >= 0 ? parsed.rest[nameAt + 1] : undefined) ?? `p${c.p} ${c.op} ${c.loss} τ${c.temperature}${c.clamp ? ` clamp ${c.clamp.rho !== undefined ? `ρ${c.clamp.rho}` : c.clamp.target}` : ""}`;
  const { run } = await createRun(db, { name, config: c });
  return { ok: true, run };
}

/** `grokscope run [config flags] [--name N]`: enqueues into DATABASE_URL and prints the run id. */
export async function run(env: CliEnv, argv: string[], log: (msg: string) => void): Promise<void> {
  if (!env.DATABASE_URL) {
    throw new Error("grokscope run needs a registry: set DATABASE_URL (a running `grokscope start` prints it); --local and --fork-from are not implemented yet");
  }
  const handle = createDb(env.DATABASE_URL, { max: 1, applicationName: "grokscope-run" });
  try {
    const outcome = await enqueueRunFromFlags(handle.db, argv);
    if (!outcome.ok) {
      for (const e of outcome.errors) console.error(`[grokscope] ${e}`);
      process.exitCode = 2;
      return;
    }
    log(`queued run ${outcome.run.id} (${outcome.run.name})`);
    console.log(outcome.run.id);
  } finally {
    await handle.close();
  }
}
