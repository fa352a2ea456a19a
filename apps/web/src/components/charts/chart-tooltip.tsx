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
}

/** Crosshair and values of every line at the evaluation nearest the pointer. */
export function ChartTooltip({ lines, step, x, margin, innerH, innerW, yFormat }: Props) {
  const rows = lines.flatMap((line) => {
    const p = line.points[nearestIndex(line.points, step)];
    return p ? [{ line, p }] : [];
  });
  const first = rows[0];
  if (!first) return null;
  const left = margin.left + x(first.p.x);
  const flip = x(first.p.x) > innerW / 2;
  return (
    <>
      <div className="chart-crosshair" style={{ left, top: margin.top, height: innerH }} />
      {/* Past the middle the box opens to the left of the crosshair so it never leaves the card. */}
      <div
        className="chart-tooltip"
        style={{ left: left + (flip ? -10 : 10), top: margin.top + 4, transform: flip ? "translateX(-100%)" : undefined }}
      >
        <div className="chart-tooltip-step">step {formatInt(first.p.x)}</div>
        {rows.map(({ line, p }) => (
          <div key={line.key}>
            <span className="swatch" style={{ background: line.color }} /> {line.label}: {yFormat(p.y)}
          </div>
        ))}
      </div>
    </>
  );
}
