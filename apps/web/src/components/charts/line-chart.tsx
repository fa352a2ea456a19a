"use client";

import { AxisBottom, AxisLeft } from "@visx/axis";
import { GridRows } from "@visx/grid";
import { Group } from "@visx/group";
import { scaleLinear, scaleLog } from "@visx/scale";
import { Area, LinePath } from "@visx/shape";
import { useState, type MouseEvent } from "react";
import { linearDomain, logDomain, logTicks, tickCount, type Domain } from "../../lib/chart-domain.ts";
import { lineValues, markersInDomain, type ChartLine, type ChartPoint, type ChartSpec, type StepMarker } from "../../lib/chart-series.ts";
import { formatPercent, formatTick } from "../../lib/format.ts";
import { ChartTooltip } from "./chart-tooltip.tsx";

const MARGIN = { top: 20, right: 16, bottom: 42, left: 52 };

export interface LineChartProps {
  spec: ChartSpec;
  lines: readonly ChartLine[];
  xDomain: Domain;
  markers: readonly StepMarker[];
  width: number;
  height: number;
}

const px = (p: ChartPoint) => p.x;

/** One metric chart: grid, min/max bands for downsampled buckets, lines, event markers, axes. */
export function LineChart({ spec, lines, xDomain, markers, width, height }: LineChartProps) {
  const [hoverStep, setHoverStep] = useState<number | null>(null);
  const innerW = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(0, height - MARGIN.top - MARGIN.bottom);

  const x = scaleLinear<number>({ domain: [...xDomain], range: [0, innerW] });
  const values = lineValues(lines);
  const isLog = spec.yScale === "log";
  const yDomain = spec.yDomain ?? (isLog ? logDomain(values) : linearDomain(values));
  const y = isLog
    ? scaleLog<number>({ domain: [...yDomain], range: [innerH, 0], clamp: true })
    : scaleLinear<number>({ domain: [...yDomain], range: [innerH, 0], nice: spec.yDomain === undefined, clamp: true });
  const yTicks = isLog ? logTicks(yDomain) : undefined;
  const yCount = tickCount(innerH, 45);
  const yFormat = (v: number) => (spec.yFormat === "percent" ? formatPercent(v, 0) : formatTick(v));

  const onMove = (event: MouseEvent<SVGRectElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    setHoverStep(x.invert(event.clientX - rect.left));
  };

  return (
    <div className="chart-canvas">
      <svg width={width} height={height} role="img" aria-label={`${spec.title} over training steps`}>
        <Group left={MARGIN.left} top={MARGIN.top}>
          <GridRows scale={y} width={innerW} tickValues={yTicks} numTicks={yCount} className="chart-grid" />
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
              />
              {line.points.length === 1 && line.points[0] && (
                <circle cx={x(line.points[0].x)} cy={y(line.points[0].y)} r={3} style={{ fill: line.color }} />
              )}
            </g>
          ))}
          {markersInDomain(markers, xDomain).map((m) => (
            <g key={m.id} className={`chart-marker chart-marker-${m.id}`} data-marker={m.id} data-step={m.step}>
              <line x1={x(m.step)} x2={x(m.step)} y1={0} y2={innerH} />
              <text x={x(m.step)} y={-6} textAnchor="middle">
                {m.label}
              </text>
            </g>
          ))}
          <AxisLeft
            scale={y}
            tickValues={yTicks}
            numTicks={yCount}
            tickFormat={(v) => yFormat(Number(v))}
            axisClassName="chart-axis"
          />
          <AxisBottom
            scale={x}
            top={innerH}
            numTicks={tickCount(innerW, 90)}
            tickFormat={(v) => formatTick(Number(v))}
            label="step"
            labelOffset={8}
            axisClassName="chart-axis"
          />
          <rect
            width={innerW}
            height={innerH}
            fill="transparent"
            onMouseMove={onMove}
            onMouseLeave={() => setHoverStep(null)}
          />
        </Group>
      </svg>
      {hoverStep !== null && (
        <ChartTooltip lines={lines} step={hoverStep} x={(step) => x(step)} margin={MARGIN} innerH={innerH} innerW={innerW} yFormat={yFormat} />
      )}
    </div>
  );
}
