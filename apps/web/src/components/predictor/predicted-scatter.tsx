"use client";

import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { ParentSize } from "@visx/responsive";
import { scaleLog } from "@visx/scale";
import { formatInt } from "../../lib/format.ts";
import { scatterDomain, stepLogTicks125, type ScatterPoint } from "../../lib/predictor-report.ts";

const HEIGHT = 340;
const MARGIN = { top: 16, right: 16, bottom: 44, left: 60 };

/**
 * Predicted against actual T_grok on log axes (errors are relative, and runs span decades of
 * steps), one point per held-out grokked run with its 80 % interval as a vertical whisker. The
 * diagonal is a perfect forecast; hollow points are runs whose T_grok fell outside the interval.
 */
export function PredictedScatter({ points, color }: { points: readonly ScatterPoint[]; color: string }) {
  const domain = scatterDomain(points);
  if (!domain) return <p className="muted chart-empty-inline">No held-out run that grokked got a point forecast here.</p>;
  return (
    <div style={{ height: HEIGHT }} data-testid="predictor-scatter" data-points={points.length}>
      <ParentSize debounceTime={50}>
        {({ width }) => {
          if (width <= 0) return null;
          const innerW = Math.max(0, width - MARGIN.left - MARGIN.right);
          const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
          const x = scaleLog<number>({ domain: [...domain], range: [0, innerW], clamp: true });
          const y = scaleLog<number>({ domain: [...domain], range: [innerH, 0], clamp: true });
          return (
            <svg width={width} height={HEIGHT} role="img" aria-label="Predicted against actual T_grok">
              <Group left={MARGIN.left} top={MARGIN.top}>
                <line x1={x(domain[0])} y1={y(domain[0])} x2={x(domain[1])} y2={y(domain[1])} className="chart-grid" style={{ stroke: "var(--muted)", strokeDasharray: "4 4" }} />
                {points.map((p) => (
                  <a key={p.runId} href={`/runs/${p.runId}`}>
                    <g data-covered={p.covered}>
                      <title>{`${p.runName}: actual ${formatInt(p.actual)}, predicted ${formatInt(p.predicted)} (80 %: ${formatInt(p.low)}–${formatInt(p.high)})${p.nowcast ? ", nowcast" : ""}`}</title>
                      {p.low != null && p.high != null && <line x1={x(p.actual)} x2={x(p.actual)} y1={y(p.low)} y2={y(p.high)} style={{ stroke: color, opacity: 0.45 }} />}
                      <circle cx={x(p.actual)} cy={y(p.predicted)} r={4} style={{ stroke: color, strokeWidth: 1.5, fill: p.covered ? color : "var(--surface)" }} />
                    </g>
                  </a>
                ))}
                <AxisLeft scale={y} tickValues={stepLogTicks125(domain, Math.max(2, Math.floor(innerH / 40)))} tickFormat={(v) => formatInt(Number(v))} label="predicted T_grok" labelOffset={36} axisClassName="chart-axis" />
                <AxisBottom scale={x} top={innerH} tickValues={stepLogTicks125(domain, Math.max(2, Math.floor(innerW / 70)))} tickFormat={(v) => formatInt(Number(v))} label="actual T_grok" labelOffset={8} axisClassName="chart-axis" />
              </Group>
            </svg>
          );
        }}
      </ParentSize>
    </div>
  );
}
