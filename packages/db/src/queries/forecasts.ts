import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { forecasts, type ForecastRow } from "../schema/forecasts.ts";

export type { ForecastRow };

/** A forecast as the predictor returns it (packages/predictor `Forecast`), stored for one run. */
export interface ForecastInput {
  step: number;
  forecaster: string;
  tGrok: number | null;
  low: number | null;
  high: number | null;
  probability: number;
  nowcast: boolean;
}

/**
 * Stores the forecast made at `step`. Idempotent on (run, step): a retried or recomputed forecast
 * (a resumed run re-reaching the step, a refit model) replaces the row instead of failing or
 * duplicating it, so the history keeps exactly one forecast per step.
 */
export async function insertForecast(db: Db, runId: string, f: ForecastInput): Promise<void> {
  const values = { forecaster: f.forecaster, tGrok: f.tGrok, low: f.low, high: f.high, probability: f.probability, nowcast: f.nowcast };
  await db
    .insert(forecasts)
    .values({ runId, step: f.step, ...values })
    .onConflictDoUpdate({ target: [forecasts.runId, forecasts.step], set: { ...values, createdAt: sql`now()` } });
}

/**
 * The newest forecast (highest step) of each run, one query for any number of runs (DISTINCT ON
 * walks the (run_id, step) primary key backwards per run). Runs without a forecast are absent.
 */
export async function latestForecasts(db: Db, runIds: readonly string[]): Promise<Map<string, ForecastRow>> {
  const out = new Map<string, ForecastRow>();
  if (runIds.length === 0) return out;
  const rows = await db
    .selectDistinctOn([forecasts.runId])
    .from(forecasts)
    .where(inArray(forecasts.runId, [...new Set(runIds)]))
    .orderBy(forecasts.runId, sql`${forecasts.step} DESC`);
  for (const row of rows) out.set(row.runId, row);
  return out;
}

/** Every forecast of a run in step order: how the estimate moved as training went on. */
export async function forecastHistory(db: Db, runId: string, options: { fromStep?: number } = {}): Promise<ForecastRow[]> {
  const from = options.fromStep !== undefined ? sql`${forecasts.step} >= ${options.fromStep}` : undefined;
  return db.select().from(forecasts).where(and(eq(forecasts.runId, runId), from)).orderBy(asc(forecasts.step));
}
