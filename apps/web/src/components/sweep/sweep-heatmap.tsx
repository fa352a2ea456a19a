import { formatInt } from "../../lib/format.ts";
import { colorFraction, type Heatmap } from "../../lib/sweep-heatmap.ts";

const CELL_W = 96;
const CELL_H = 44;
const LEFT = 70;
const TOP = 28;

const label = (v: unknown) => (typeof v === "number" ? String(v) : String(v ?? "–"));

/** The phase heatmap as an SVG grid; each cell is a button that opens its runs. */
export function SweepHeatmap({ map, xLabel, yLabel, metricLabel, selected, onSelect }: { map: Heatmap; xLabel: string; yLabel: string; metricLabel: string; selected: number | null; onSelect: (source: number) => void }) {
  const width = LEFT + map.xs.length * CELL_W + 8;
  const height = TOP + map.ys.length * CELL_H + 30;
  return (
    <svg width={width} height={height} role="group" aria-label={`${metricLabel} by ${xLabel} and ${yLabel}`} data-testid="sweep-heatmap" className="heatmap">
      <defs>
        <pattern id="censored-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="heatmap-censored-bg" />
          <line x1="0" y1="0" x2="0" y2="6" className="heatmap-hatch" />
        </pattern>
      </defs>
      {map.ys.map((y, j) => (
        <text key={`y${j}`} x={LEFT - 8} y={TOP + (map.ys.length - 1 - j) * CELL_H + CELL_H / 2 + 4} textAnchor="end" className="heatmap-tick">
          {label(y)}
        </text>
      ))}
      {map.xs.map((x, i) => (
        <text key={`x${i}`} x={LEFT + i * CELL_W + CELL_W / 2} y={TOP + map.ys.length * CELL_H + 16} textAnchor="middle" className="heatmap-tick">
          {label(x)}
        </text>
      ))}
      <text x={LEFT + (map.xs.length * CELL_W) / 2} y={height - 2} textAnchor="middle" className="heatmap-axis">{xLabel}</text>
      <text x={4} y={14} className="heatmap-axis">{yLabel}</text>
      {map.cells.map((c) => {
        const x = LEFT + c.xIndex * CELL_W;
        const y = TOP + (map.ys.length - 1 - c.yIndex) * CELL_H;
        const t = c.value != null && map.domain ? colorFraction(c.value, map.domain) : 0;
        const fill = c.state === "censored" ? "url(#censored-hatch)" : c.state === "pending" ? "var(--surface-2)" : `color-mix(in srgb, var(--heat-slow) ${Math.round(t * 100)}%, var(--heat-fast))`;
        const text = c.state === "value" ? formatInt(c.value) : c.state === "censored" ? "not grokked" : "running…";
        return (
          <g
            key={c.source}
            role="button"
            tabIndex={0}
            aria-label={`${xLabel} ${label(map.xs[c.xIndex])}, ${yLabel} ${label(map.ys[c.yIndex])}: ${text}, ${c.grokked} of ${c.seeds} seeds grokked`}
            data-testid="heatmap-cell"
            data-state={c.state}
            className={selected === c.source ? "heatmap-cell heatmap-cell-selected" : "heatmap-cell"}
            onClick={() => onSelect(c.source)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                onSelect(c.source);
              }
            }}
          >
            <rect x={x + 1} y={y + 1} width={CELL_W - 2} height={CELL_H - 2} rx={4} style={{ fill }} />
            <text x={x + CELL_W / 2} y={y + CELL_H / 2 - 2} textAnchor="middle" className="heatmap-value">{text}</text>
            <text x={x + CELL_W / 2} y={y + CELL_H / 2 + 12} textAnchor="middle" className="heatmap-sub">{c.grokked}/{c.seeds} grokked</text>
          </g>
        );
      })}
    </svg>
  );
}
