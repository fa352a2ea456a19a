import { createDb, createSweep, type Db, type RunRow, type SweepRow } from "@grokscope/db";
import { selectBackend } from "@grokscope/trainer";
import type { CliEnv } from "../env.ts";
import { formatSummaryTable } from "../local/summary-table.ts";
import { localSweepProblems, runSweepLocal } from "../local/sweep-local.ts";
import { resolveRegistryUrl } from "../registry-url.ts";
import { parseSweepArgs, type SweepArgs } from "./sweep-args.ts";

export type SweepOutcome = { ok: true; sweep: SweepRow; runs: RunRow[] } | { ok: false; errors: string[] };

/** Parses `grokscope sweep` arguments and enqueues the sweep (one multi-seed run per cell) in one transaction. */
export async function enqueueSweepFromArgs(db: Db, argv: readonly string[]): Promise<SweepOutcome> {
  const parsed = parseSweepArgs(argv);
  if (!parsed.ok) return parsed;
  if (parsed.args.local) return { ok: false, errors: ["--local trains in this process; it enqueues nothing"] };
  return enqueueSweep(db, parsed.args);
}

export async function enqueueSweep(db: Db, args: SweepArgs): Promise<SweepOutcome> {
  const created = await createSweep(db, { name: args.name, spec: args.spec });
  if (!created.ok) return { ok: false, errors: created.issues.map((i) => `${i.field}: ${i.message}`) };
  return { ok: true, sweep: created.sweep, runs: created.runs };
}

const fail = (errors: readonly string[]) => {
  for (const e of errors) console.error(`[grokscope] ${e}`);
  process.exitCode = 2;
};

/**
 * `grokscope sweep --grid FIELD=V1,V2 … [--seeds N] [config flags] [--name N] [--paper] [--local [--wc W]]`:
 * enqueues into the registry (DATABASE_URL, else the running `grokscope start`) and prints the
 * sweep id and run count; with --local trains every cell here and prints the summary table.
 */
export async function sweep(env: CliEnv, argv: string[], log: (msg: string) => void): Promise<void> {
  const parsed = parseSweepArgs(argv);
  if (!parsed.ok) return fail(parsed.errors);
  const args = parsed.args;
  if (args.local) {
    const problems = localSweepProblems(args.cells, args.wc);
    if (problems.length > 0) return fail(problems);
    const { tf, backend } = await selectBackend(args.cells[0]!.config.backend, log);
    log(`${args.name}: ${args.cells.length} cells × ${args.spec.seeds} seeds, locally on ${backend}`);
    const rows = await runSweepLocal(args.cells, { tf, log, wc: args.wc });
    console.log(formatSummaryTable(rows));
    return;
  }
  const registry = await resolveRegistryUrl(env);
  const handle = createDb(registry.url, { max: 1, applicationName: "grokscope-sweep" });
  try {
    const outcome = await enqueueSweep(handle.db, args);
    if (!outcome.ok) return fail(outcome.errors);
    log(`queued sweep ${outcome.sweep.id} (${outcome.sweep.name}): ${outcome.runs.length} runs enqueued, one per cell, ${args.spec.seeds} seeds each (registry: ${registry.source})`);
    console.log(outcome.sweep.id);
  } finally {
    await handle.close();
  }
}
