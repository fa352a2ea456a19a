import { finiteExtent, type Domain } from "./chart-domain.ts";
import { toChartLines, type ChartLine, type ChartLook } from "./chart-series.ts";
import type { CompareMetric, CompareRun } from "./compare.ts";
import type { MetricSeries } from "./types.ts";

export const METRIC_LOOKS: Record<CompareMetric, ChartLook & { label: string }> = {
  test_acc: { label: "Test accuracy", title: "Test accuracy", yScale: "linear", yDomain: [0, 1], yFormat: "percent" },
  train_acc: { label: "Train accuracy", title: "Train accuracy", yScale: "linear", yDomain: [0, 1], yFormat: "percent" },
  test_loss: { label: "Test loss", title: "Test loss (log scale)", yScale: "log", yFormat: "number" },
  train_loss: { label: "Train loss", title: "Train loss (log scale)", yScale: "log", yFormat: "number" },
  weight_norm: { label: "Weight norm", title: "Weight norm", yScale: "linear", yFormat: "number" },
  logit_scale: { label: "Logit scale", title: "Logit scale", yScale: "linear", yFormat: "number" },
};

/**
 * One line per run for one metric, its steps shifted by the run's alignment offset (runs without
 * an offset are left out), coloured per run and tagged with the run id.
 */
/**
 * Up to this many runs, each line keeps its buckets' min–max band. Beyond it the bands of an
 * overlay only bury each other (and one run's spike would stretch everyone's y axis), and each
 * band is another large SVG shape to draw: lines alone, as W&B and Aim draw many runs.
 */
export const MAX_BANDED_RUNS = 10;

export function compareLines(
  runs: readonly (CompareRun & { metrics: readonly MetricSeries[] })[],
  metric: CompareMetric,
  offsets: ReadonlyMap<string, number>,
  colors: ReadonlyMap<string, string>,
): ChartLine[] {
  const banded = runs.length <= MAX_BANDED_RUNS;
  return runs.flatMap((run) => {
    const offset = offsets.get(run.id);
    if (offset === undefined) return [];
    const [line] = toChartLines(run.metrics, [metric], METRIC_LOOKS[metric].yScale);
    const points = (line?.points ?? []).map((p) => (banded ? { ...p, x: p.x - offset } : { x: p.x - offset, y: p.y, y0: p.y, y1: p.y }));
    return [{ key: run.id, label: run.name, color: colors.get(run.id) ?? "var(--series-1)", points, runId: run.id }];
  });
}

/** The x domain spanning every drawn point ([0, 1] when nothing is drawn yet). */
export function compareXDomain(lines: readonly ChartLine[]): Domain {
  const extent = finiteExtent(lines.flatMap((l) => l.points.map((p) => p.x)));
  if (!extent) return [0, 1];
  return extent[1] > extent[0] ? extent : [extent[0] - 1, extent[1] + 1];
}
