import { categoricalColor, sequentialCss } from "./palette.ts";
import type { RunConfig, RunSummary } from "./types.ts";

export const MAX_COMPARE = 100;

export const COMPARE_METRICS = ["test_acc", "train_acc", "test_loss", "train_loss", "weight_norm", "logit_scale"] as const;
export type CompareMetric = (typeof COMPARE_METRICS)[number];

export const COLOR_BY = ["run", "temperature", "weightDecay", "p", "loss"] as const;
export type ColorBy = (typeof COLOR_BY)[number];

export const ALIGNMENTS = ["step", "tMem", "tGrok"] as const;
export type Alignment = (typeof ALIGNMENTS)[number];

export interface CompareRun {
  id: string;
  name: string;
  config: Pick<RunConfig, "p" | "temperature" | "weightDecay" | "loss" | "lr" | "trainFraction">;
  summary: Pick<RunSummary, "tMem" | "tGrok">;
}

/** `ids=a,b,c` → distinct non-empty ids, in order, at most MAX_COMPARE. */
export function parseCompareIds(raw: string | null): string[] {
  const ids = (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return [...new Set(ids)].slice(0, MAX_COMPARE);
}

const pick = <T extends string>(options: readonly T[], raw: string | null, fallback: T): T =>
  options.includes(raw as T) ? (raw as T) : fallback;

export interface CompareView {
  metric: CompareMetric;
  colorBy: ColorBy;
  align: Alignment;
}

export function parseCompareView(params: { get(name: string): string | null }): CompareView {
  return {
    metric: pick(COMPARE_METRICS, params.get("metric"), "test_acc"),
    colorBy: pick(COLOR_BY, params.get("color"), "run"),
    align: pick(ALIGNMENTS, params.get("align"), "step"),
  };
}

/** Search string for a compare view: ids always, other params only when not the default. */
export function compareSearch(ids: readonly string[], view: CompareView): string {
  const params = new URLSearchParams();
  params.set("ids", ids.join(","));
  if (view.metric !== "test_acc") params.set("metric", view.metric);
  if (view.colorBy !== "run") params.set("color", view.colorBy);
  if (view.align !== "step") params.set("align", view.align);
  return `?${params.toString().replace(/%2C/g, ",")}`;
}

/**
 * How far each run's steps are shifted: 0 for absolute steps, else the run's T_mem or T_grok so
 * that event sits at x = 0. A run without that event (censored: not reached) cannot be aligned
 * and is returned in `excluded`.
 */
export function alignmentOffsets(runs: readonly CompareRun[], align: Alignment): { offsets: Map<string, number>; excluded: CompareRun[] } {
  const offsets = new Map<string, number>();
  const excluded: CompareRun[] = [];
  for (const run of runs) {
    const at = align === "step" ? 0 : run.summary[align];
    if (at == null || !Number.isFinite(at)) excluded.push(run);
    else offsets.set(run.id, at);
  }
  return { offsets, excluded };
}

/**
 * A colour per run. "run": categorical in the given order. "loss": categorical per loss kind.
 * Numeric fields: viridis over the field's range among the shown runs, on a log scale when all
 * values are positive and span at least a decade (τ and λ are swept in decades), else linear;
 * when all runs share one value every run gets the middle colour.
 */
export function runColors(runs: readonly CompareRun[], colorBy: ColorBy): Map<string, string> {
  const colors = new Map<string, string>();
  if (colorBy === "run") {
    runs.forEach((r, i) => colors.set(r.id, categoricalColor(i)));
    return colors;
  }
  if (colorBy === "loss") {
    const kinds = [...new Set(runs.map((r) => r.config.loss))];
    runs.forEach((r) => colors.set(r.id, categoricalColor(kinds.indexOf(r.config.loss))));
    return colors;
  }
  const values = runs.map((r) => r.config[colorBy]);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const useLog = lo > 0 && hi / lo >= 10;
  const f = (v: number) => (useLog ? Math.log(v) : v);
  runs.forEach((r) => {
    const t = hi > lo ? (f(r.config[colorBy]) - f(lo)) / (f(hi) - f(lo)) : 0.5;
    colors.set(r.id, sequentialCss(t));
  });
  return colors;
}
