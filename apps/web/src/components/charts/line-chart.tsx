"use client";

import { AxisBottom, AxisLeft } from "@visx/axis";
import { GridRows } from "@visx/grid";
import { Group } from "@visx/group";
import { scaleLinear, scaleLog } from "@visx/scale";
import { Area, LinePath } from "@visx/shape";
import { useId, useState, type PointerEvent } from "react";
import { linearDomain, logDomain, logTicks, tickCount, type Domain } from "../../lib/chart-domain.ts";
import { lineValues, markersInDomain, type ChartLine, type ChartLook, type ChartPoint, type StepMarker } from "../../lib/chart-series.ts";
import { zoomFromDrag } from "../../lib/chart-view.ts";
import { formatPercent, formatTick } from "../../lib/format.ts";
import { stepLogTicks, stepScale, type StepScaleKind } from "../../lib/step-scale.ts";
import { ChartTooltip } from "./chart-tooltip.tsx";
import { ForecastBandLayer } from "./forecast-band.tsx";
import type { ForecastBand } from "../../lib/forecast.ts";

const MARGIN = { top: 20, right: 16, bottom: 42, left: 52 };

export interface LineChartProps {
  spec: ChartLook;
  lines: readonly ChartLine[];
  xDomain: Domain;
  markers: readonly StepMarker[];
  width: number;
  height: number;
  xScale?: StepScaleKind;
  xLabel?: string;
  /** Hovered step shared between charts; when absent the chart keeps its own. */
  hoverStep?: number | null;
  onHover?: (step: number | null) => void;
  /** Called with the dragged step range; dragging is off without it. */
  onZoom?: (range: Domain) => void;
  /** Called with the clicked step (a press without a drag), e.g. to annotate it. */
  onPick?: (step: number) => void;
  /** Annotations pinned to steps, drawn as dashed markers with their text as a tooltip. */
  notes?: readonly { id: string; step: number; text: string }[];
  /** The onset forecast's 80 % interval and point estimate (lib/forecast.ts), drawn behind the lines. */
  forecast?: ForecastBand | null;
}

const px = (p: ChartPoint) => p.x;

/** One metric chart: grid, min/max bands, raw and smoothed lines, event markers, axes, hover and drag-to-zoom. */
export function LineChart({ spec, lines, xDomain, markers, width, height, xScale = "linear", xLabel = "step", hoverStep, onHover, onZoom, onPick, notes = [], forecast }: LineChartProps) {
  const clipId = `clip-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const [ownHover, setOwnHover] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const hover = hoverStep === undefined ? ownHover : hoverStep;
  const setHover = onHover ?? setOwnHover;
  const innerW = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(0, height - MARGIN.top - MARGIN.bottom);

  const x = stepScale(xScale, xDomain, [0, innerW]);
  const values = [...lineValues(lines), ...lines.flatMap((l) => (l.raw ?? []).map((p) => p.y))];
  const isLog = spec.yScale === "log";
  const yDomain = spec.yDomain ?? (isLog ? logDomain(values) : linearDomain(values));
  const y = isLog
    ? scaleLog<number>({ domain: [...yDomain], range: [innerH, 0], clamp: true })
    : scaleLinear<number>({ domain: [...yDomain], range: [innerH, 0], nice: spec.yDomain === undefined, clamp: true });
  const yTicks = isLog ? logTicks(yDomain) : undefined;
  const yCount = tickCount(innerH, 45);
  const yFormat = (v: number) => (spec.yFormat === "percent" ? formatPercent(v, 0) : formatTick(v));
  const xTicks = xScale === "log" ? stepLogTicks(xDomain, tickCount(innerW, 60)) : undefined;

  const stepAt = (event: PointerEvent<SVGRectElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const px = Math.min(innerW, Math.max(0, event.clientX - rect.left));
    return x.invert(px);
  };
  const onDown = (event: PointerEvent<SVGRectElement>) => {
    if ((!onZoom && !onPick) || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const step = stepAt(event);
    setDrag({ from: step, to: step });
  };
  const onMove = (event: PointerEvent<SVGRectElement>) => {
    const step = stepAt(event);
    setHover(step);
    if (drag) setDrag({ from: drag.from, to: step });
  };
  const onUp = () => {
    if (!drag) return;
    setDrag(null);
    const range = zoomFromDrag(drag.from, drag.to);
    if (range && onZoom) onZoom(range);
    else if (!range && onPick && Number.isFinite(drag.to)) onPick(Math.max(0, Math.round(drag.to)));
  };

  return (
    <div className="chart-canvas">
      <svg width={width} height={height} role="img" aria-label={`${spec.title} over training steps`}>
        <Group left={MARGIN.left} top={MARGIN.top}>
          <GridRows scale={y} width={innerW} tickValues={yTicks} numTicks={yCount} className="chart-grid" />
          {/* Lines are clipped to the plot: while a zoomed range is fetched, the old data spans more. */}
          <clipPath id={clipId}>
            <rect x={-4} y={-4} width={innerW + 8} height={innerH + 8} />
          </clipPath>
          <g clipPath={`url(#${clipId})`}>
          {forecast && <ForecastBandLayer band={forecast} x={(step) => x(step)} innerH={innerH} />}
          {lines.map((line) =>
            line.points.some((p) => p.y0 !== p.y1) ? (
              <Area<ChartPoint>
                key={`${line.key}-band`}
                data={line.points}
                x={(p) => x(px(p))}
                y0={(p) => y(p.y0)}
                y1={(p) => y(p.y1)}
                className="chart-band"
                style={{ fill: line.color }}
              />
            ) : null,
          )}
          {lines.map((line) =>
            line.raw ? (
              <LinePath<ChartPoint>
                key={`${line.key}-raw`}
                data={line.raw}
                x={(p) => x(px(p))}
                y={(p) => y(p.y)}
                className="chart-line chart-line-raw"
                style={{ stroke: line.color }}
                data-raw-series={line.key}
              />
            ) : null,
          )}
          {lines.map((line) => (
            <g key={line.key}>
              <LinePath<ChartPoint>
                data={line.points}
                x={(p) => x(px(p))}
                y={(p) => y(p.y)}
                className="chart-line"
                style={{ stroke: line.color }}
                data-series={line.key}
                data-points={line.points.length}
                data-run-id={line.runId}
              />
              {line.points.length === 1 && line.points[0] && (
                <circle cx={x(line.points[0].x)} cy={y(line.points[0].y)} r={3} style={{ fill: line.color }} />
              )}
            </g>
          ))}
          </g>
          {markersInDomain(markers, xDomain).map((m) => (
            <g key={m.id} className={`chart-marker chart-marker-${m.id}`} data-marker={m.id} data-step={m.step}>
              <line x1={x(m.step)} x2={x(m.step)} y1={0} y2={innerH} />
              <text x={x(m.step)} y={-6} textAnchor="middle">
                {m.label}
              </text>
            </g>
          ))}
          {notes
            .filter((n) => n.step >= xDomain[0] && n.step <= xDomain[1])
            .map((n) => (
              <g key={n.id} className="chart-annotation" data-testid="annotation-marker" data-step={n.step}>
                <title>{`step ${n.step}: ${n.text}`}</title>
                <line x1={x(n.step)} x2={x(n.step)} y1={0} y2={innerH} />
                <path d={`M${x(n.step) - 5},${innerH} l5,-8 l5,8 z`} />
              </g>
            ))}
          <AxisLeft scale={y} tickValues={yTicks} numTicks={yCount} tickFormat={(v) => yFormat(Number(v))} axisClassName="chart-axis" />
          <AxisBottom
            scale={x}
            top={innerH}
            tickValues={xTicks}
            numTicks={tickCount(innerW, 90)}
            tickFormat={(v) => formatTick(Number(v))}
            label={xLabel}
            labelOffset={8}
            axisClassName="chart-axis"
          />
          {drag && (
            <rect
              className="chart-zoom-selection"
              x={Math.min(x(drag.from), x(drag.to))}
              width={Math.abs(x(drag.to) - x(drag.from))}
              height={innerH}
            />
          )}
          <rect
            width={innerW}
            height={innerH}
            fill="transparent"
            className={onZoom ? "chart-hit chart-hit-zoom" : "chart-hit"}
            data-testid="chart-hit"
            onPointerDown={onDown}
            onPointerMove={onMove}
            onPointerUp={onUp}
            onPointerCancel={() => setDrag(null)}
            onPointerLeave={() => setHover(null)}
          />
        </Group>
      </svg>
      {hover !== null && (
        <ChartTooltip lines={lines} step={hover} x={(step) => x(step)} margin={MARGIN} innerH={innerH} innerW={innerW} yFormat={yFormat} xLabel={xLabel} />
      )}
    </div>
  );
}
