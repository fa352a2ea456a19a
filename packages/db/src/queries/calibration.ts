import { sql } from "drizzle-orm";
import { median, type RunConfig } from "@grokscope/spec";
import type { Db } from "../client.ts";

/** The fields that define a cell for w_c calibration: everything but the seed, clamp and temperature. */
export const CALIBRATION_CELL_KEYS = ["model", "p", "op", "loss", "trainFraction", "weightDecay", "lr", "embedDim", "hiddenDim"] as const;
export type CalibrationCell = Pick<RunConfig, (typeof CALIBRATION_CELL_KEYS)[number]>;

export interface CriticalNorm {
  wc: number;
  /** How many finished runs and grokked seeds the median pooled. */
  runs: number;
  seeds: number;
}

/** SQL that matches a config jsonb to `cell` field by field (jsonb equality compares numbers numerically). */
export const sameCellSql = (cell: CalibrationCell) =>
  sql.join(
    CALIBRATION_CELL_KEYS.map((key) => sql`r.config -> ${key}::text = ${JSON.stringify(cell[key])}::jsonb`),
    sql` AND `,
  );

/** True for a config with no clamp at temperature 1: the paper's control run, from which w_c is measured. */
export const unclampedControlSql = sql`(r.config -> 'clamp' IS NULL OR r.config -> 'clamp' = 'null'::jsonb)
  AND coalesce((r.config ->> 'temperature')::double precision, 1) = 1`;

/**
 * The critical weight norm w_c of a cell (SCIENCE.md §7): the median, over every grokked seed of
 * the cell's finished unclamped τ = 1 runs, of the weight norm at that seed's T_grok. Undefined
 * when no such seed exists (nothing to calibrate from).
 */
export async function criticalNorm(db: Db, cell: CalibrationCell): Promise<CriticalNorm | undefined> {
  const result = await db.execute<{ run_id: string; weight_norm: number | null }>(sql`
    SELECT r.id AS run_id, m.weight_norm
    FROM runs r
    JOIN run_events e ON e.run_id = r.id AND e.kind = 't_grok'
    JOIN metric_points_all m ON m.run_num = r.num AND m.seed = e.seed AND m.step = e.step
    WHERE r.status = 'succeeded' AND ${unclampedControlSql} AND ${sameCellSql(cell)}`);
  const norms = result.rows.filter((r) => r.weight_norm !== null).map((r) => Number(r.weight_norm));
  const wc = median(norms);
  if (wc === undefined) return undefined;
  return { wc, runs: new Set(result.rows.map((r) => r.run_id)).size, seeds: norms.length };
}
