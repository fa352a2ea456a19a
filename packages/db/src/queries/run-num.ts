import { sql, type SQL } from "drizzle-orm";

/**
 * The run's compact number (runs.num), the key of its metric points, looked up by uuid. As an
 * uncorrelated subquery PostgreSQL evaluates it once (an InitPlan), so `run_num = ${runNumSql(id)}`
 * still drives the metric_points primary-key index.
 */
export const runNumSql = (runId: string): SQL => sql`(SELECT num FROM runs WHERE id = ${runId}::uuid)`;
