"use client";

import { useState } from "react";
import { stepDomain, type Domain } from "../../lib/chart-domain.ts";
import { lastStep, RUN_CHARTS, summaryMarkers, toChartLines } from "../../lib/chart-series.ts";
import type { ChartView } from "../../lib/chart-view.ts";
import { smoothLines } from "../../lib/smooth-lines.ts";
import type { MetricSeries, RunSummary } from "../../lib/types.ts";
import { ChartCard } from "./chart-card.tsx";

interface Props {
  metrics: readonly MetricSeries[];
  summary: RunSummary;
  stepsTotal: number;
  view?: ChartView;
  onZoom?: (range: Domain) => void;
  /** A click on any chart picks that step (to annotate it). */
  onPick?: (step: number) => void;
  notes?: readonly { id: string; step: number; text: string }[];
}

/**
 * The four charts of a run, sharing one step axis (the step budget, or the zoomed range), one
 * display smoothing and one hovered step, so the crosshair moves through all four together.
 */
export function RunCharts({ metrics, summary, stepsTotal, view, onZoom, onPick, notes }: Props) {
  const [hoverStep, setHoverStep] = useState<number | null>(null);
  const charts = RUN_CHARTS.map((spec) => ({ spec, lines: smoothLines(toChartLines(metrics, spec.keys, spec.yScale, view?.seedMode), view?.smoothing ?? 0) }));
  const xDomain = view?.zoom ?? stepDomain(stepsTotal, lastStep(charts.flatMap((c) => c.lines)));
  const markers = summaryMarkers(summary);
  return (
    <div className="charts">
      {charts.map(({ spec, lines }) => (
        <ChartCard
          key={spec.id}
          spec={spec}
          lines={lines}
          xDomain={xDomain}
          markers={markers}
          xScale={view?.xScale}
          hoverStep={hoverStep}
          onHover={setHoverStep}
          onZoom={onZoom}
          onPick={onPick}
          notes={notes}
        />
      ))}
    </div>
  );
}
