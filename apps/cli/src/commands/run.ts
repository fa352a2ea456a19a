import { createDb, createRun, type Db, type RunRow } from "@grokscope/db";
import { parseRunConfig, type RunConfig } from "@grokscope/spec";
import { selectBackend } from "@grokscope/trainer";
import type { CliEnv } from "../env.ts";
import { readConfigFlags } from "../flags.ts";
import { formatSummaryTable, runCellFields } from "../local/summary-table.ts";
import { resolveLocalClamp, trainLocal } from "../local/train-local.ts";
import { positiveNumber, readOptions, single } from "../options.ts";
import { resolveRegistryUrl } from "../registry-url.ts";
import { enqueueFork } from "./fork.ts";

export type RunArgs =
  | { ok: true; mode: "enqueue" | "local"; config: RunConfig; name?: string; wc?: number }
  | { ok: true; mode: "fork"; forkFrom: string; overrides: Record<string, unknown>; noClamp: boolean; name?: string }
  | { ok: false; errors: string[] };

/** `run` arguments: config flags (derived from the spec), --name, --local [--wc W], --fork-from RUN@STEP [--no-clamp]. */
export function parseRunArgs(argv: readonly string[]): RunArgs {
  const flags = readConfigFlags([...argv]);
  if (!flags.ok) return flags;
  const options = readOptions(flags.rest, { values: ["--name", "--fork-from", "--wc"], switches: ["--local", "--no-clamp"] });
  if (!options.ok) return options;
  const errors: string[] = [];
  const name = single(options.values, "--name", errors);
  const forkFrom = single(options.values, "--fork-from", errors);
  const wc = positiveNumber(options.values, "--wc", errors);
  const local = options.switches.has("--local");
  const noClamp = options.switches.has("--no-clamp");
  if (forkFrom !== undefined && local) errors.push("--fork-from starts from a checkpoint in the registry; it cannot be combined with --local");
  if (wc !== undefined && !local) errors.push("--wc applies only with --local (the registry calibrates w_c itself)");
  if (noClamp && forkFrom === undefined) errors.push("--no-clamp applies only with --fork-from (a new run is unclamped unless given --clamp-*)");
  if (errors.length > 0) return { ok: false, errors };
  if (forkFrom !== undefined) return { ok: true, mode: "fork", forkFrom, overrides: flags.input, noClamp, name };
  const parsed = parseRunConfig(flags.input);
  if (!parsed.ok) return { ok: false, errors: parsed.issues.map((i) => `${i.field}: ${i.message}`) };
  return { ok: true, mode: local ? "local" : "enqueue", config: parsed.config, name, wc };
}

export const defaultRunName = (c: RunConfig) =>
  `p${c.p} ${c.op} ${c.loss} τ${c.temperature}${c.clamp ? ` clamp ${c.clamp.rho !== undefined ? `ρ${c.clamp.rho}` : c.clamp.target}` : ""}`;

export type EnqueueOutcome = { ok: true; run: RunRow; parent?: RunRow } | { ok: false; errors: string[] };

/** Parses `grokscope run` flags and enqueues the run — or, with --fork-from, the fork — into the registry. */
export async function enqueueRunFromFlags(db: Db, argv: readonly string[]): Promise<EnqueueOutcome> {
  const args = parseRunArgs(argv);
  if (!args.ok) return args;
  if (args.mode === "fork") return enqueueFork(db, args);
  if (args.mode === "local") return { ok: false, errors: ["--local trains in this process; it enqueues nothing"] };
  const { run } = await createRun(db, { name: args.name ?? defaultRunName(args.config), config: args.config });
  return { ok: true, run };
}

const fail = (errors: readonly string[]) => {
  for (const e of errors) console.error(`[grokscope] ${e}`);
  process.exitCode = 2;
};

/**
 * `grokscope run [config flags] [--name N]`: enqueues into the registry (DATABASE_URL, else the
 * running `grokscope start`) and prints the run id. `--fork-from RUN@STEP [overrides]` enqueues a
 * fork; `--local` trains here, without any server, and prints the summary table.
 */
export async function run(env: CliEnv, argv: string[], log: (msg: string) => void): Promise<void> {
  const args = parseRunArgs(argv);
  if (!args.ok) return fail(args.errors);
  if (args.mode === "local") {
    const resolved = resolveLocalClamp(args.config, args.wc);
    if (!resolved.ok) return fail([resolved.error]);
    const { tf, backend } = await selectBackend(args.config.backend, log);
    log(`${args.name ?? defaultRunName(args.config)}: ${args.config.steps} steps × ${args.config.seeds} seeds, locally on ${backend}`);
    const result = await trainLocal(resolved.config, { tf, log });
    console.log(formatSummaryTable([{ cell: runCellFields(args.config, resolved.config.clamp?.target), run: result }]));
    return;
  }
  const registry = await resolveRegistryUrl(env);
  const handle = createDb(registry.url, { max: 1, applicationName: "grokscope-run" });
  try {
    const outcome = args.mode === "fork" ? await enqueueFork(handle.db, args) : await enqueueRunFromFlags(handle.db, argv);
    if (!outcome.ok) return fail(outcome.errors);
    const what = outcome.parent ? `fork of ${outcome.parent.id} at step ${outcome.run.forkStep}` : "run";
    log(`queued ${what} ${outcome.run.id} (${outcome.run.name})`);
    console.log(outcome.run.id);
  } finally {
    await handle.close();
  }
}
