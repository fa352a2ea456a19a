/**
 * The sweep launch form: axes typed as comma-separated values, counted before submitting
 * (one multi-seed run per grid cell, as the API's createSweep expands it) and turned into a
 * CreateSweepInput.
 */
export type GridValue = number | string | boolean;
export interface AxisDraft {
  field: string;
  values: string;
}

/** The API's cap on cells per sweep (packages/spec MAX_SWEEP_CELLS). */
export const MAX_SWEEP_CELLS = 200;

/** Fields a grid may vary from the form (paths as the API's SweepAxisInput takes them). */
export const AXIS_FIELDS = ["temperature", "clamp.rho", "weightDecay", "lr", "trainFraction", "p", "seed"] as const;

/** "1, 1.15, none" → [1, 1.15, "none"]: numbers where they parse, strings otherwise; blanks dropped. */
export function parseAxisValues(text: string): GridValue[] {
  return text
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "")
    .map((v) => (v === "true" ? true : v === "false" ? false : Number.isFinite(Number(v)) ? Number(v) : v));
}

export interface SweepCount {
  cells: number;
  trainings: number;
}

/** Runs (cells) and seed trainings the grid will queue: product of the axes' sizes, plus extra cells. */
export function countSweep(axes: readonly AxisDraft[], seeds: number, extraCells = 0): SweepCount {
  const sizes = axes.map((a) => new Set(parseAxisValues(a.values).map((v) => JSON.stringify(v))).size);
  const cells = (sizes.length === 0 ? 0 : sizes.reduce((a, b) => a * b, 1)) + extraCells;
  return { cells, trainings: cells * seeds };
}

/** Problems to fix before the form may submit, worded for the person filling it in. */
export function sweepFormIssues(axes: readonly AxisDraft[], seeds: number): string[] {
  const issues: string[] = [];
  if (axes.length === 0) issues.push("Add at least one axis.");
  const fields = axes.map((a) => a.field);
  if (new Set(fields).size !== fields.length) issues.push("Each field may be an axis only once.");
  for (const a of axes) if (parseAxisValues(a.values).length === 0) issues.push(`Give ${a.field} at least one value.`);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 32) issues.push("Seeds must be a whole number from 1 to 32.");
  const { cells } = countSweep(axes, 1);
  if (cells > MAX_SWEEP_CELLS) issues.push(`${cells} cells is more than the ${MAX_SWEEP_CELLS} a sweep may hold.`);
  return issues;
}

export const toSweepGrid = (axes: readonly AxisDraft[]) => axes.map((a) => ({ field: a.field, values: [...new Map(parseAxisValues(a.values).map((v) => [JSON.stringify(v), v])).values()] }));
