import { fitLine, type LineFit } from "./stats.ts";

/**
 * The paper's collapse plot (SCIENCE.md §7): ln T_grok against the logit scale at grokking, one
 * point per grokked sweep cell, with the least-squares line and its R². Censored cells (no
 * T_grok) have no point: plotting them at some made-up T_grok would bias the fit.
 */
export interface CollapseCell {
  values: Record<string, unknown>;
  tGrok: number | null;
  logitScaleAtGrok: number | null;
}
export interface CollapsePoint {
  x: number;
  y: number;
  rho: unknown;
  tau: unknown;
  source: number;
}

export function collapsePoints(cells: readonly CollapseCell[]): { points: CollapsePoint[]; fit: LineFit | null } {
  const points = cells.flatMap((c, source) =>
    c.tGrok != null && c.tGrok > 0 && c.logitScaleAtGrok != null && Number.isFinite(c.logitScaleAtGrok)
      ? [{ x: c.logitScaleAtGrok, y: Math.log(c.tGrok), rho: c.values["clamp.rho"] ?? "none", tau: c.values.temperature ?? null, source }]
      : [],
  );
  return { points, fit: fitLine(points) };
}
