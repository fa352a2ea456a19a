"use client";

import { AxisBottom, AxisLeft } from "@visx/axis";
import { GridRows } from "@visx/grid";
import { Group } from "@visx/group";
import { ParentSize } from "@visx/responsive";
import { scaleLinear } from "@visx/scale";
import { LinePath } from "@visx/shape";
import { formatPercent } from "../../lib/format.ts";
import type { errorByLead } from "../../lib/predictor-report.ts";

const HEIGHT = 280;
const MARGIN = { top: 16, right: 16, bottom: 44, left: 56 };
const leadText = (f: number) => (f === 0 ? "T_mem" : `${Math.round(f * 100)} %`);

/** MAPE of T_grok against how far into the delay the forecast was made, one line per forecaster. */
export function ErrorByLead({ series, colors }: { series: ReturnType<typeof errorByLead>; colors: Map<string, string> }) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return <p className="muted">No MAPE yet: no held-out run grokked with a point forecast.</p>;
  const leads = [...new Set(all.map((p) => p.lead))].sort((a, b) => a - b);
  const maxMape = Math.max(0.05, ...all.map((p) => p.mape));
  return (
    <div style={{ height: HEIGHT }} data-testid="predictor-error-by-lead">
      <ParentSize debounceTime={50}>
        {({ width }) => {
          if (width <= 0) return null;
          const innerW = Math.max(0, width - MARGIN.left - MARGIN.right);
          const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
          const x = scaleLinear<number>({ domain: [Math.min(...leads), Math.max(...leads, Math.min(...leads) + 0.01)], range: [0, innerW] });
          const y = scaleLinear<number>({ domain: [0, maxMape * 1.1], range: [innerH, 0], nice: true });
          return (
            <svg width={width} height={HEIGHT} role="img" aria-label="Forecast error against lead time">
              <Group left={MARGIN.left} top={MARGIN.top}>
                <GridRows scale={y} width={innerW} numTicks={5} className="chart-grid" />
                {series.map((s) => (
                  <g key={s.forecaster} data-forecaster={s.forecaster}>
                    <LinePath data={s.points} x={(p) => x(p.lead)} y={(p) => y(p.mape)} className="chart-line" style={{ stroke: colors.get(s.forecaster) }} />
                    {s.points.map((p) => (
                      <circle key={p.lead} cx={x(p.lead)} cy={y(p.mape)} r={3.5} style={{ fill: colors.get(s.forecaster) }}>
                        <title>{`${s.forecaster} at ${leadText(p.lead)}: MAPE ${formatPercent(p.mape)}`}</title>
                      </circle>
                    ))}
                  </g>
                ))}
                <AxisLeft scale={y} numTicks={5} tickFormat={(v) => formatPercent(Number(v), 0)} label="MAPE of T_grok" labelOffset={36} axisClassName="chart-axis" />
                <AxisBottom scale={x} top={innerH} tickValues={leads} tickFormat={(v) => leadText(Number(v))} label="forecast made at (share of the delay elapsed)" labelOffset={8} axisClassName="chart-axis" />
              </Group>
            </svg>
          );
        }}
      </ParentSize>
    </div>
  );
}
