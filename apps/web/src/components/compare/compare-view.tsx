"use client";

import { ParentSize } from "@visx/responsive";
import Link from "next/link";
import { useState } from "react";
import { useSearchState } from "../../hooks/use-search-state.ts";
import type { StepMarker } from "../../lib/chart-series.ts";
import { chartViewSearch, parseChartView, type ChartView } from "../../lib/chart-view.ts";
import { compareLines, compareXDomain, METRIC_LOOKS } from "../../lib/compare-lines.ts";
import { alignmentOffsets, compareSearch, parseCompareIds, parseCompareView, runColors, type CompareView as View } from "../../lib/compare.ts";
import { errorMessage } from "../../lib/graphql-client.ts";
import { smoothLines } from "../../lib/smooth-lines.ts";
import { ChartToolbar } from "../charts/chart-toolbar.tsx";
import { LineChart } from "../charts/line-chart.tsx";
import { CompareControls } from "./compare-controls.tsx";
import { CompareLegend } from "./compare-legend.tsx";
import { useCompareRuns } from "./use-compare-runs.ts";

const HEIGHT = 420;
const EVENT_LABEL = { tMem: "T_mem", tGrok: "T_grok" } as const;

/** The compare page body: one metric of up to 100 runs overlaid, all view state in the URL. */
export function CompareView() {
  const [params, replaceSearch] = useSearchState();
  const ids = parseCompareIds(params.get("ids"));
  const view = parseCompareView(params);
  const chartView = parseChartView(params);
  const [hoverStep, setHoverStep] = useState<number | null>(null);
  const setAll = (next: View, nextChart: ChartView) => replaceSearch(chartViewSearch(nextChart, compareSearch(ids, next)));
  const { data, error, loading } = useCompareRuns(ids, view.metric);

  if (ids.length === 0) {
    return (
      <div className="card empty">
        <p>No runs selected.</p>
        <p className="muted">
          Tick runs in the <Link href="/">runs table</Link> and press Compare.
        </p>
      </div>
    );
  }
  if (loading) return <p className="muted">Loading {ids.length} runs…</p>;

  const runs = data?.runs ?? [];
  const colors = runColors(runs, view.colorBy);
  const { offsets, excluded } = alignmentOffsets(runs, view.align);
  const lines = smoothLines(compareLines(runs, view.metric, offsets, colors), chartView.smoothing);
  const look = METRIC_LOOKS[view.metric];
  const markers: StepMarker[] = view.align === "step" ? [] : [{ id: view.align === "tMem" ? "t_mem" : "t_grok", label: EVENT_LABEL[view.align], step: 0 }];
  const xLabel = view.align === "step" ? "step" : `steps since ${EVENT_LABEL[view.align]}`;

  return (
    <div className="run-view">
      {error != null && <p className="notice notice-error">Could not refresh the runs: {errorMessage(error)} (retrying)</p>}
      <ChartToolbar view={chartView} onChange={(next) => setAll(view, { ...next, zoom: null })} zoomable={false}>
        <CompareControls view={view} onChange={(next) => setAll(next, chartView)} />
      </ChartToolbar>
      <section className="card chart-card" data-testid="compare-chart" data-align={view.align}>
        <header className="chart-head">
          <h3>{look.title}</h3>
          <span className="muted">
            {lines.length} of {ids.length} runs drawn
          </span>
        </header>
        <div className="chart-body" style={{ height: HEIGHT }}>
          <ParentSize debounceTime={50}>
            {({ width }) =>
              width > 0 ? (
                <LineChart
                  spec={look}
                  lines={lines}
                  xDomain={compareXDomain(lines)}
                  markers={markers}
                  width={width}
                  height={HEIGHT}
                  xScale={chartView.xScale}
                  xLabel={xLabel}
                  hoverStep={hoverStep}
                  onHover={setHoverStep}
                />
              ) : null
            }
          </ParentSize>
          {lines.every((l) => l.points.length === 0) && <p className="chart-empty">No evaluations to draw</p>}
        </div>
        <CompareLegend runs={runs} colors={colors} />
      </section>
      {excluded.length > 0 && view.align !== "step" && (
        <div className="notice notice-muted" data-testid="compare-excluded">
          Not drawn, never reached {EVENT_LABEL[view.align]}: {excluded.map((r) => r.name).join(", ")}
        </div>
      )}
      {data && data.missing.length > 0 && <p className="notice notice-error">No run with id {data.missing.join(", ")}.</p>}
    </div>
  );
}
