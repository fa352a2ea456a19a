import { collapsePoints, type CollapseCell } from "../../lib/collapse.ts";
import { formatNumber } from "../../lib/format.ts";

const W = 520;
const H = 300;
const M = { top: 16, right: 16, bottom: 40, left: 52 };
const PALETTE = ["var(--series-1)", "var(--series-2)", "var(--series-3)", "#9333ea", "#db2777", "#0891b2"];

/** ln T_grok vs logit scale at grok with the fitted line and R²; colour = ρ, size = τ. Click a point to open its cell. */
export function CollapsePlot({ cells, onSelect }: { cells: readonly CollapseCell[]; onSelect: (source: number) => void }) {
  const { points, fit } = collapsePoints(cells);
  if (points.length === 0) return <p className="muted">No cell has grokked yet: the collapse plot needs grokked cells.</p>;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const pad = (lo: number, hi: number) => (hi > lo ? [lo - (hi - lo) * 0.08, hi + (hi - lo) * 0.08] : [lo - 1, hi + 1]) as [number, number];
  const [x0, x1] = pad(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = pad(Math.min(...ys), Math.max(...ys));
  const sx = (x: number) => M.left + ((x - x0) / (x1 - x0)) * (W - M.left - M.right);
  const sy = (y: number) => H - M.bottom - ((y - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const rhos = [...new Set(points.map((p) => JSON.stringify(p.rho)))];
  const taus = points.map((p) => (typeof p.tau === "number" ? p.tau : 1));
  const tauMin = Math.min(...taus);
  const tauMax = Math.max(...taus);
  const radius = (tau: unknown) => 4 + (typeof tau === "number" && tauMax > tauMin ? ((tau - tauMin) / (tauMax - tauMin)) * 5 : 0);
  return (
    <div data-testid="collapse-plot">
      <svg width={W} height={H} role="group" aria-label="ln T_grok against logit scale at grokking">
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} className="collapse-axis" />
        <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} className="collapse-axis" />
        <text x={(W + M.left) / 2} y={H - 6} textAnchor="middle" className="heatmap-axis">logit scale at T_grok</text>
        <text x={12} y={H / 2} transform={`rotate(-90 12 ${H / 2})`} textAnchor="middle" className="heatmap-axis">ln T_grok</text>
        {[x0, (x0 + x1) / 2, x1].map((v) => <text key={`x${v}`} x={sx(v)} y={H - M.bottom + 14} textAnchor="middle" className="heatmap-tick">{formatNumber(v)}</text>)}
        {[y0, (y0 + y1) / 2, y1].map((v) => <text key={`y${v}`} x={M.left - 6} y={sy(v) + 4} textAnchor="end" className="heatmap-tick">{formatNumber(v)}</text>)}
        {fit && <line x1={sx(x0)} x2={sx(x1)} y1={sy(fit.intercept + fit.slope * x0)} y2={sy(fit.intercept + fit.slope * x1)} className="collapse-fit" data-testid="collapse-fit" />}
        {points.map((p) => (
          <circle
            key={p.source}
            cx={sx(p.x)}
            cy={sy(p.y)}
            r={radius(p.tau)}
            style={{ fill: PALETTE[rhos.indexOf(JSON.stringify(p.rho)) % PALETTE.length] }}
            className="collapse-point"
            role="button"
            tabIndex={0}
            aria-label={`ρ ${String(p.rho)}, τ ${String(p.tau)}: ln T_grok ${formatNumber(p.y)} at logit scale ${formatNumber(p.x)}`}
            onClick={() => onSelect(p.source)}
            onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && onSelect(p.source)}
          />
        ))}
      </svg>
      <p className="muted">
        {fit ? `ln T_grok = ${formatNumber(fit.intercept)} + ${formatNumber(fit.slope)} × logit scale · R² = ${formatNumber(fit.r2)} (n = ${fit.n})` : "Two grokked cells with different logit scales are needed for a fit."}
        {" · colour: ρ ("}
        {rhos.map((r, i) => <span key={r} style={{ color: PALETTE[i % PALETTE.length] }}>{i > 0 ? ", " : ""}{JSON.parse(r) as string}</span>)}
        {"), size: τ"}
      </p>
    </div>
  );
}
