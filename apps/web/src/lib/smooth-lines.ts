import type { ChartLine, ChartPoint } from "./chart-series.ts";
import { clampSmoothing, emaSmooth } from "./ema.ts";

/**
 * Applies display smoothing to lines: `points` become the EMA of the values (bucket bands are
 * dropped, they belong to the raw data) and the original points move to `raw`. On a log axis a
 * smoothed value stays positive because it is a convex combination of positive values.
 */
export function smoothLines(lines: readonly ChartLine[], weight: number): ChartLine[] {
  const w = clampSmoothing(weight);
  if (w === 0) return [...lines];
  return lines.map((line) => {
    const ys = emaSmooth(line.points.map((p) => p.y), w);
    const points: ChartPoint[] = line.points.map((p, i) => {
      const y = ys[i] ?? p.y;
      return { x: p.x, y, y0: y, y1: y };
    });
    return { ...line, points, raw: line.points };
  });
}
