import { inArray } from "drizzle-orm";
import { expandSweep, summarizeSeeds, type GridValue, type SeedOutcome, type SeedsSummary, type SweepSpec } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runEvents } from "../schema/events.ts";
import type { RunRow } from "../schema/runs.ts";
import type { SweepRow } from "../schema/sweeps.ts";
import { sweepRuns } from "./sweeps.ts";

export interface SweepCellRow {
  /** Grid field path → this cell's value ("none" where an optional object such as clamp is absent). */
  values: Record<string, GridValue>;
  /** Medians over every seed of the cell's runs (censored seeds count as +∞, SCIENCE.md §6). */
  summary: SeedsSummary;
  runs: RunRow[];
}

/** The fields a sweep varies: its grid axes, then any field only its extra cells set. */
export function sweepFields(spec: SweepSpec): string[] {
  const fields = spec.grid.map((axis) => axis.field);
  for (const cell of spec.extraCells) for (const field of Object.keys(cell)) if (!fields.includes(field)) fields.push(field);
  return fields;
}

function readPath(config: unknown, path: string): GridValue {
  let node: unknown = config;
  for (const part of path.split(".")) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "number" || typeof node === "string" || typeof node === "boolean" ? node : "none";
}

/**
 * The cell table, computed from the runs' per-seed events rather than stored, so it follows
 * training live and covers reruns of a cell (their seeds pool into the cell's medians).
 */
export async function sweepCells(db: Db, sweep: SweepRow): Promise<SweepCellRow[]> {
  const spec = sweep.spec as SweepSpec;
  const fields = sweepFields(spec);
  const rows = await sweepRuns(db, sweep.id);
  const events = rows.length === 0 ? [] : await db.select().from(runEvents).where(inArray(runEvents.runId, rows.map((r) => r.id)));
  const cells = new Map<string, { values: Record<string, GridValue>; runs: RunRow[]; outcomes: SeedOutcome[] }>();
  for (const run of rows) {
    const values = Object.fromEntries(fields.map((f) => [f, readPath(run.config, f)]));
    const key = JSON.stringify(values);
    const cell = cells.get(key) ?? { values, runs: [], outcomes: [] };
    cells.set(key, cell);
    cell.runs.push(run);
    const seeds = run.seeds ?? 1;
    for (let seed = 0; seed < seeds; seed++) {
      const ofSeed = events.filter((e) => e.runId === run.id && e.seed === seed);
      const grok = ofSeed.find((e) => e.kind === "t_grok");
      cell.outcomes.push({
        tMem: ofSeed.find((e) => e.kind === "t_mem")?.step,
        tGrok: grok?.step,
        logitScaleAtGrok: grok?.value ?? undefined,
      });
    }
  }
  // Cells in the spec's order (grid, then extra cells), whatever order the runs were inserted in.
  const expanded = expandSweep(spec);
  const order = expanded.ok ? expanded.cells.map((c) => JSON.stringify(Object.fromEntries(fields.map((f) => [f, readPath(c.config, f)])))) : [];
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...cells.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([, c]) => ({ values: c.values, runs: c.runs, summary: summarizeSeeds(c.outcomes) }));
}
