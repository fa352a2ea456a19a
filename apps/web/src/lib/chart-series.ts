import { isFiniteNumber } from "./stats.ts";
import { medianOverSeeds, seedsOfKey, type SeedMode } from "./seed-lines.ts";
import type { MetricPoint, MetricSeries, RunSummary } from "./types.ts";

/** Metric keys the run page charts (SCIENCE.md §5 names, as written by the trainer). */
export const CHART_METRIC_KEYS = ["train_acc", "test_acc", "train_loss", "test_loss", "weight_norm", "logit_scale", "sc_rate", "frac_saturated", "norm_embed", "norm_hidden", "norm_readout"] as const;
export type ChartMetricKey = (typeof CHART_METRIC_KEYS)[number];
export type YScaleKind = "linear" | "log";

/** What a chart needs to know to draw its y axis. */
export interface ChartLook {
  title: string;
  yScale: YScaleKind;
  /** Fixed y domain (accuracy lives in [0, 1]); otherwise computed from the data. */
  yDomain?: readonly [number, number];
  yFormat: "percent" | "number";
}

export interface ChartSpec extends ChartLook {
  id: "accuracy" | "loss" | "weight-norm" | "logit-scale" | "saturation" | "layer-norms";
  title: string;
  keys: readonly ChartMetricKey[];
}

export const RUN_CHARTS: readonly ChartSpec[] = [
  { id: "accuracy", title: "Accuracy", keys: ["train_acc", "test_acc"], yScale: "linear", yDomain: [0, 1], yFormat: "percent" },
  { id: "loss", title: "Loss (log scale)", keys: ["train_loss", "test_loss"], yScale: "log", yFormat: "number" },
  { id: "weight-norm", title: "Weight norm", keys: ["weight_norm"], yScale: "linear", yFormat: "number" },
  { id: "logit-scale", title: "Logit scale", keys: ["logit_scale"], yScale: "linear", yFormat: "number" },
  // Softmax collapse precedes the stall of grokking (SCIENCE.md §5: sc_rate, frac_saturated).
  { id: "saturation", title: "Softmax saturation", keys: ["sc_rate", "frac_saturated"], yScale: "linear", yDomain: [0, 1], yFormat: "percent" },
  { id: "layer-norms", title: "Norms by layer", keys: ["norm_embed", "norm_hidden", "norm_readout"], yScale: "linear", yFormat: "number" },
];

export const SERIES_LABELS: Record<ChartMetricKey, string> = {
  train_acc: "train",
  test_acc: "test",
  train_loss: "train",
  test_loss: "test",
  weight_norm: "‖W‖",
  logit_scale: "logit scale",
  sc_rate: "SC rate",
  frac_saturated: "saturated",
  norm_embed: "embed",
  norm_hidden: "hidden",
  norm_readout: "readout",
};

const EXTRA_COLORS: Record<string, string> = { frac_saturated: "var(--series-2)", norm_hidden: "var(--series-2)", norm_readout: "var(--series-3)" };

/** Train series take the first palette colour, test series the second (CSS variables in globals.css). */
export const seriesColor = (key: string): string => EXTRA_COLORS[key] ?? (key.startsWith("test") ? "var(--series-2)" : "var(--series-1)");

export interface ChartPoint {
  x: number;
  y: number;
  /** Bucket minimum and maximum (equal to y for raw points). */
  y0: number;
  y1: number;
}

export interface ChartLine {
  key: string;
  label: string;
  color: string;
  points: ChartPoint[];
  /** Unsmoothed points, drawn faintly behind `points` when display smoothing is on. */
  raw?: ChartPoint[];
  /** The run a line belongs to (compare view), exposed as `data-run-id`. */
  runId?: string;
}

/**
 * Turns the API's series into drawable lines, one per requested key in the requested order.
 * Points that cannot be drawn on the scale (non-finite, or ≤ 0 on a log axis) are dropped;
 * bucket min/max are clamped into drawable values. A key with several seeds becomes the median
 * over seeds with its IQR as the band (`seedMode` "median"), or one line per seed ("each").
 */
export function toChartLines(series: readonly MetricSeries[], keys: readonly string[], scale: YScaleKind, seedMode: SeedMode = "median"): ChartLine[] {
  return keys.flatMap((key) => {
    const seeds = seedsOfKey(series, key);
    const label = SERIES_LABELS[key as ChartMetricKey] ?? key;
    const line = (points: readonly MetricPoint[], lineKey = key, lineLabel = label) => ({
      key: lineKey,
      label: lineLabel,
      color: seriesColor(key),
      points: drawablePoints(points, scale),
    });
    if (seeds.length <= 1) return [line(seeds[0]?.points ?? [])];
    if (seedMode === "median") return [line(medianOverSeeds(seeds), key, `${label} (median of ${seeds.length})`)];
    return seeds.map((s) => line(s.points, `${key}:s${s.seed}`, `${label} s${s.seed}`));
  });
}

function drawablePoints(points: readonly MetricPoint[], scale: YScaleKind): ChartPoint[] {
  const drawable = (v: number | null): v is number => isFiniteNumber(v) && (scale === "linear" || v > 0);
  const out: ChartPoint[] = [];
  let lastStep = -Infinity;
  for (const p of points) {
    const { value, min, max } = p;
    if (!Number.isFinite(p.step) || !drawable(value) || p.step <= lastStep) continue;
    lastStep = p.step;
    const y0 = drawable(min) ? Math.min(min, value) : value;
    const y1 = drawable(max) ? Math.max(max, value) : value;
    out.push({ x: p.step, y: value, y0, y1 });
  }
  return out;
}

/** All y values (including bucket extremes) of some lines, for domain computation. */
export function lineValues(lines: readonly ChartLine[]): number[] {
  return lines.flatMap((l) => l.points.flatMap((p) => [p.y, p.y0, p.y1]));
}

/** Last step drawn by any line. */
export function lastStep(lines: readonly ChartLine[]): number | undefined {
  let last: number | undefined;
  for (const line of lines) {
    const p = line.points.at(-1);
    if (p && (last === undefined || p.x > last)) last = p.x;
  }
  return last;
}

export interface StepMarker {
  id: "t_mem" | "t_grok";
  label: string;
  step: number;
}

/** Vertical markers for T_mem and T_grok, only when known (null means not reached: censored). */
export function summaryMarkers(summary: Pick<RunSummary, "tMem" | "tGrok"> | null | undefined): StepMarker[] {
  const markers: StepMarker[] = [];
  if (summary?.tMem != null && Number.isFinite(summary.tMem)) markers.push({ id: "t_mem", label: "T_mem", step: summary.tMem });
  if (summary?.tGrok != null && Number.isFinite(summary.tGrok)) markers.push({ id: "t_grok", label: "T_grok", step: summary.tGrok });
  return markers;
}

/** Markers that fall inside the x domain (a marker off the chart would draw outside the plot). */
export const markersInDomain = (markers: readonly StepMarker[], domain: readonly [number, number]) =>
  markers.filter((m) => m.step >= domain[0] && m.step <= domain[1]);
