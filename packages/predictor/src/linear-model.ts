import { leastSquares, mean, sampleSd } from "./stats.ts";

/**
 * A ridge regression on standardised named columns, as plain JSON. Columns that do not vary in
 * the calibration data are dropped (their effect is unidentifiable and would make the system
 * singular); the ridge keeps nearly collinear covariates from trading huge opposite coefficients.
 */
export interface LinearModel {
  columns: string[];
  center: number[];
  scale: number[];
  /** Intercept, then one coefficient per standardised column. */
  beta: number[];
  n: number;
}

export function fitLinear(rows: readonly Record<string, number>[], y: readonly number[], names: readonly string[], ridge = 0.1): LinearModel | undefined {
  const columns = names.filter((c) => sampleSd(rows.map((r) => r[c]!)) > 1e-9);
  if (rows.length < columns.length + 3) return undefined;
  const center = columns.map((c) => mean(rows.map((r) => r[c]!)));
  const scale = columns.map((c) => sampleSd(rows.map((r) => r[c]!)));
  const design = rows.map((r) => [1, ...columns.map((c, i) => (r[c]! - center[i]!) / scale[i]!)]);
  return { columns, center, scale, beta: leastSquares(design, y, ridge), n: rows.length };
}

export function evaluateLinear(model: LinearModel, row: Readonly<Record<string, number>>): number {
  return model.columns.reduce((acc, c, i) => acc + (model.beta[i + 1]! * (row[c]! - model.center[i]!)) / model.scale[i]!, model.beta[0]!);
}
