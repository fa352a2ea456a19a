"use client";

import { ParentSize } from "@visx/responsive";
import type { Domain } from "../../lib/chart-domain.ts";
import type { ChartLine, ChartSpec, StepMarker } from "../../lib/chart-series.ts";
import type { StepScaleKind } from "../../lib/step-scale.ts";
import { LineChart } from "./line-chart.tsx";
import type { ForecastBand } from "../../lib/forecast.ts";

const HEIGHT = 250;

interface Props {
  spec: ChartSpec;
  lines: readonly ChartLine[];
  xDomain: Domain;
  markers: readonly StepMarker[];
  xScale?: StepScaleKind;
  hoverStep?: number | null;
  onHover?: (step: number | null) => void;
  onZoom?: (range: Domain) => void;
  onPick?: (step: number) => void;
  notes?: readonly { id: string; step: number; text: string }[];
  /** Onset forecast band (the accuracy chart only). */
  forecast?: ForecastBand | null;
}

/** A titled chart with its legend; the wrapper carries the `chart-<id>` test id. */
export function ChartCard({ spec, lines, xDomain, markers, xScale, hoverStep, onHover, onZoom, onPick, notes, forecast }: Props) {
  const empty = lines.every((l) => l.points.length === 0);
  return (
    <section className="card chart-card" data-testid={`chart-${spec.id}`}>
      <header className="chart-head">
        <h3>{spec.title}</h3>
        <ul className="legend">
          {lines.map((line) => (
            <li key={line.key}>
              <span className="swatch" style={{ background: line.color }} />
              {line.label}
            </li>
          ))}
          {forecast && (
            <li className="legend-forecast" title={forecast.title}>
              <span className="swatch" style={{ background: "var(--marker-grok)", opacity: 0.35 }} />
              {forecast.label}
            </li>
          )}
          {markers.map((m) => (
            <li key={m.id} className={`legend-marker legend-marker-${m.id}`}>
              <span className="swatch swatch-marker" />
              {m.label}
            </li>
          ))}
        </ul>
      </header>
      <div className="chart-body" style={{ height: HEIGHT }}>
        <ParentSize debounceTime={50}>
          {({ width }) =>
            width > 0 ? (
              <LineChart
                spec={spec}
                lines={lines}
                xDomain={xDomain}
                markers={markers}
                width={width}
                height={HEIGHT}
                xScale={xScale}
                hoverStep={hoverStep}
                onHover={onHover}
                onZoom={onZoom}
                onPick={onPick}
                notes={notes}
                forecast={forecast}
              />
            ) : null
          }
        </ParentSize>
        {empty && <p className="chart-empty">No evaluations yet</p>}
      </div>
    </section>
  );
}
