import type { ChartLine } from "../../lib/chart-series.ts";
import { formatInt } from "../../lib/format.ts";
import { nearestIndex } from "../../lib/nearest.ts";

interface Props {
  lines: readonly ChartLine[];
  step: number;
  /** Step → pixel within the plot area. */
  x: (step: number) => number;
  margin: { top: number; left: number };
  innerH: number;
  innerW: number;
  yFormat: (v: number) => string;
  xLabel?: string;
}

/**
 * Crosshair at the hovered step and, per line, the value of its point nearest that step (lines
 * may be evaluated at different steps, e.g. in the compare view, so each finds its own).
 */
export function ChartTooltip({ lines, step, x, margin, innerH, innerW, yFormat, xLabel = "step" }: Props) {
  const rows = lines.flatMap((line) => {
    const i = nearestIndex(line.points, step);
    const p = line.points[i];
    return p ? [{ line, p, raw: line.raw?.[i] }] : [];
  });
  if (rows.length === 0) return null;
  const at = Math.min(innerW, Math.max(0, x(step)));
  const left = margin.left + at;
  const flip = at > innerW / 2;
  const sameStep = rows.every((r) => r.p.x === rows[0]!.p.x);
  return (
    <>
      <div className="chart-crosshair" style={{ left, top: margin.top, height: innerH }} />
      {/* Past the middle the box opens to the left of the crosshair so it never leaves the card. */}
      <div
        className="chart-tooltip"
        role="status"
        style={{ left: left + (flip ? -10 : 10), top: margin.top + 4, transform: flip ? "translateX(-100%)" : undefined }}
      >
        <div className="chart-tooltip-step">
          {xLabel} {formatInt(sameStep ? rows[0]!.p.x : step)}
        </div>
        {rows.map(({ line, p, raw }) => (
          <div key={line.key}>
            <span className="swatch" style={{ background: line.color }} /> {line.label}: {yFormat(p.y)}
            {raw && <span className="muted"> (raw {yFormat(raw.y)})</span>}
            {!sameStep && <span className="muted"> @ {formatInt(p.x)}</span>}
          </div>
        ))}
      </div>
    </>
  );
}
