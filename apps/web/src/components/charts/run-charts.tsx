"use client";

import { useState } from "react";
import { stepDomain, type Domain } from "../../lib/chart-domain.ts";
import { lastStep, RUN_CHARTS, summaryMarkers, toChartLines } from "../../lib/chart-series.ts";
import type { ChartView } from "../../lib/chart-view.ts";
import { smoothLines } from "../../lib/smooth-lines.ts";
import { forecastBand, type Forecast } from "../../lib/forecast.ts";
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
  /** The run's newest onset forecast, drawn as a band on the accuracy chart. */
  forecast?: Forecast | null;
}

/**
 * The four charts of a run, sharing one step axis (the step budget, or the zoomed range), one
 * display smoothing and one hovered step, so the crosshair moves through all four together.
 */
export function RunCharts({ metrics, summary, stepsTotal, view, onZoom, onPick, notes, forecast }: Props) {
  const [hoverStep, setHoverStep] = useState<number | null>(null);
  const charts = RUN_CHARTS.map((spec) => ({ spec, lines: smoothLines(toChartLines(metrics, spec.keys, spec.yScale, view?.seedMode), view?.smoothing ?? 0) }));
  const xDomain = view?.zoom ?? stepDomain(stepsTotal, lastStep(charts.flatMap((c) => c.lines)));
  const markers = summaryMarkers(summary);
  // Once T_grok is observed the forecast has done its job; the marker alone says when it happened.
  const band = summary.tGrok == null ? forecastBand(forecast, xDomain) : null;
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
          forecast={spec.id === "accuracy" ? band : null}
        />
      ))}
    </div>
  );
}
