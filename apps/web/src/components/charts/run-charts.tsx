"use client";

import { stepDomain } from "../../lib/chart-domain.ts";
import { lastStep, RUN_CHARTS, summaryMarkers, toChartLines } from "../../lib/chart-series.ts";
import type { MetricSeries, RunSummary } from "../../lib/types.ts";
import { ChartCard } from "./chart-card.tsx";

/** The four live charts of a run, sharing one step axis that spans the step budget. */
export function RunCharts({ metrics, summary, stepsTotal }: { metrics: readonly MetricSeries[]; summary: RunSummary; stepsTotal: number }) {
  const charts = RUN_CHARTS.map((spec) => ({ spec, lines: toChartLines(metrics, spec.keys, spec.yScale) }));
  const xDomain = stepDomain(stepsTotal, lastStep(charts.flatMap((c) => c.lines)));
  const markers = summaryMarkers(summary);
  return (
    <div className="charts">
      {charts.map(({ spec, lines }) => (
        <ChartCard key={spec.id} spec={spec} lines={lines} xDomain={xDomain} markers={markers} />
      ))}
    </div>
  );
}
