"use client";

import type { ForecastBand } from "../../lib/forecast.ts";

// Styled inline (not in globals.css, which other views share): the forecast takes T_grok's colour.
const BAND = { fill: "var(--marker-grok)", opacity: 0.12 };
const POINT = { stroke: "var(--marker-grok)", strokeWidth: 1.5, strokeDasharray: "6 4" };
const LABEL = { fill: "var(--marker-grok)", fontSize: 11 };

interface Props {
  band: ForecastBand;
  /** The chart's step scale. */
  x: (step: number) => number;
  innerH: number;
}

/**
 * The onset forecast on a step axis: the 80 % interval as a shaded vertical band and the point
 * estimate as a dashed line labelled with the forecaster. Drawn behind the series so the
 * accuracy curves stay readable where they cross it.
 */
export function ForecastBandLayer({ band, x, innerH }: Props) {
  const left = x(band.x0);
  const width = Math.max(1, x(band.x1) - left);
  return (
    <g className="chart-forecast" data-testid="forecast-band" data-low={band.x0} data-high={band.x1} data-point={band.point ?? ""}>
      <title>{band.title}</title>
      <rect className="chart-forecast-band" x={left} y={0} width={width} height={innerH} style={BAND} />
      {band.point !== null && (
        <>
          <line className="chart-forecast-point" x1={x(band.point)} x2={x(band.point)} y1={0} y2={innerH} style={POINT} />
          <text className="chart-forecast-label" x={x(band.point) + 4} y={12} style={LABEL}>
            {band.label}
          </text>
        </>
      )}
    </g>
  );
}
