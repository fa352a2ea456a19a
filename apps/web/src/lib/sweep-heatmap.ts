/**
 * The sweep page's phase heatmap: two config axes → one cell per (x, y) value pair, coloured by
 * the cell's median T_grok or delay. A cell whose runs are done but whose median is null did not
 * grok in the majority of seeds: it is censored (drawn hatched, never as a small number).
 */
export interface HeatmapInputCell {
  /** Field path → value of this cell, as the API's SweepCell.values. */
  values: Record<string, unknown>;
  tGrok: number | null;
  delay: number | null;
  grokked: number;
  seeds: number;
  /** Every run of the cell has finished (succeeded, failed or cancelled). */
  done: boolean;
}

export type HeatmapMetric = "tGrok" | "delay";
export type HeatmapState = "value" | "censored" | "pending";

export interface HeatmapCell {
  xIndex: number;
  yIndex: number;
  state: HeatmapState;
  value: number | null;
  grokked: number;
  seeds: number;
  /** Index of the input cell (to open its runs). */
  source: number;
}

export interface Heatmap {
  xs: unknown[];
  ys: unknown[];
  cells: HeatmapCell[];
  /** Smallest and largest value over cells with a value; null when none has one. */
  domain: readonly [number, number] | null;
}

const keyOf = (v: unknown) => JSON.stringify(v ?? null);

/** Distinct values, numbers ascending first, then the rest (e.g. "none") in first-seen order. */
function axisValues(values: readonly unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const v of values) if (!seen.has(keyOf(v))) seen.set(keyOf(v), v ?? null);
  const all = [...seen.values()];
  const numbers = all.filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
  return [...numbers, ...all.filter((v) => typeof v !== "number")];
}

export function buildHeatmap(input: readonly HeatmapInputCell[], xField: string, yField: string, metric: HeatmapMetric): Heatmap {
  const xs = axisValues(input.map((c) => c.values[xField]));
  const ys = axisValues(input.map((c) => c.values[yField]));
  const xIndex = new Map(xs.map((v, i) => [keyOf(v), i]));
  const yIndex = new Map(ys.map((v, i) => [keyOf(v), i]));
  const cells = input.map((c, source): HeatmapCell => {
    const value = c[metric];
    const state: HeatmapState = value != null ? "value" : c.done ? "censored" : "pending";
    return { xIndex: xIndex.get(keyOf(c.values[xField]))!, yIndex: yIndex.get(keyOf(c.values[yField]))!, state, value, grokked: c.grokked, seeds: c.seeds, source };
  });
  const values = cells.flatMap((c) => (c.value != null ? [c.value] : []));
  const domain = values.length > 0 ? ([Math.min(...values), Math.max(...values)] as const) : null;
  return { xs, ys, cells, domain };
}

/**
 * Position of a value in the colour ramp, 0 (fastest) … 1 (slowest), on a log scale: T_grok
 * spans orders of magnitude across the phase diagram, so a linear ramp would flatten most cells.
 */
export function colorFraction(value: number, domain: readonly [number, number]): number {
  const [lo, hi] = domain;
  if (!(hi > lo) || value <= 0 || lo <= 0) return hi > lo ? (value - lo) / (hi - lo) : 0.5;
  return Math.min(1, Math.max(0, Math.log(value / lo) / Math.log(hi / lo)));
}
