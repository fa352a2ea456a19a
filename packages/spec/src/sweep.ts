import { z } from "zod";
import { parseRunConfig, type ConfigIssue, type RunConfig } from "./run-config.ts";

/**
 * A sweep: a base config, grid axes (a config field path and its values) whose cartesian
 * product gives the cells, optional extra cells (e.g. the paper's unclamped control beside a
 * ρ × τ grid), and the seed count every cell is trained with (one multi-seed run per cell).
 * The value "none" on an optional object field's member (e.g. clamp.rho=none) removes that
 * object: the cell is unclamped.
 */
export const MAX_SWEEP_CELLS = 200;

export type GridValue = number | string | boolean;
export const sweepSpecSchema = z
  .object({
    base: z.record(z.string(), z.unknown()).default({}),
    grid: z
      .array(z.object({ field: z.string().min(1), values: z.array(z.union([z.number(), z.string(), z.boolean()])).min(1).max(50) }).strict())
      .max(6)
      .default([]),
    extraCells: z.array(z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]))).max(MAX_SWEEP_CELLS).default([]),
    seeds: z.number().int().min(1).max(32).default(4),
  })
  .strict();
export type SweepSpec = z.output<typeof sweepSpecSchema>;
export type SweepSpecInput = z.input<typeof sweepSpecSchema>;

export interface SweepCell {
  /** Field path → value for this cell (the grid coordinates). */
  values: Record<string, GridValue>;
  config: RunConfig;
}

/** Sets a dotted path ("clamp.rho") in a plain object copy; "none" on a nested member drops the parent object. */
export function setField(input: Record<string, unknown>, path: string, value: GridValue): Record<string, unknown> {
  const out = structuredClone(input);
  const parts = path.split(".");
  if (parts.length === 2 && value === "none") {
    delete out[parts[0]!];
    return out;
  }
  let node: Record<string, unknown> = out;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node[part] = typeof next === "object" && next !== null ? { ...(next as object) } : {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
  return out;
}

function cartesian(grid: SweepSpec["grid"]): Record<string, GridValue>[] {
  return grid.reduce<Record<string, GridValue>[]>(
    (cells, axis) => cells.flatMap((cell) => axis.values.map((v) => ({ ...cell, [axis.field]: v }))),
    [{}],
  );
}

export type ExpandResult = { ok: true; cells: SweepCell[] } | { ok: false; issues: ConfigIssue[] };

/** Every cell of the sweep with its validated config (seeds set to spec.seeds); all-or-nothing. */
export function expandSweep(spec: SweepSpec): ExpandResult {
  const coordinates = [...(spec.grid.length > 0 ? cartesian(spec.grid) : []), ...spec.extraCells];
  if (coordinates.length === 0) return { ok: false, issues: [{ field: "grid", message: "a sweep needs at least one grid axis or extra cell" }] };
  if (coordinates.length > MAX_SWEEP_CELLS) {
    return { ok: false, issues: [{ field: "grid", message: `${coordinates.length} cells; a sweep may have at most ${MAX_SWEEP_CELLS}` }] };
  }
  const cells: SweepCell[] = [];
  const issues: ConfigIssue[] = [];
  for (const values of coordinates) {
    let input: Record<string, unknown> = { ...spec.base, seeds: spec.seeds };
    for (const [field, value] of Object.entries(values)) input = setField(input, field, value);
    const parsed = parseRunConfig(input);
    if (parsed.ok) cells.push({ values, config: parsed.config });
    else for (const issue of parsed.issues) issues.push({ field: issue.field, message: `cell ${JSON.stringify(values)}: ${issue.message}` });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, cells };
}

/** Parses a CLI grid axis "temperature=1,1.3,1.7" or "op=add,mul" into a typed axis. */
export function parseGridAxis(text: string): { field: string; values: GridValue[] } {
  const at = text.indexOf("=");
  if (at <= 0) throw new Error(`grid axis "${text}" must look like field=v1,v2`);
  const values = text
    .slice(at + 1)
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
    .map((v): GridValue => (v === "true" ? true : v === "false" ? false : v !== "" && Number.isFinite(Number(v)) ? Number(v) : v));
  if (values.length === 0) throw new Error(`grid axis "${text}" has no values`);
  return { field: text.slice(0, at).trim(), values };
}

/** The 2606.18465 mediation sweep (SCIENCE.md §7): ρ ∈ {1.00, 1.15} × τ ∈ {1.0 … 1.7} plus the unclamped control. */
export function paperMediationSweep(p: number, seeds: number, steps = 10_000): SweepSpec {
  return sweepSpecSchema.parse({
    base: { p, steps, loss: "ce", weightDecay: 1, trainFraction: 0.4 },
    grid: [
      { field: "clamp.rho", values: [1, 1.15] },
      { field: "temperature", values: [1, 1.15, 1.3, 1.5, 1.7] },
    ],
    extraCells: [{ temperature: 1 }],
    seeds,
  });
}
