import { parseRunConfig } from "@grokscope/spec";
import type { ApiContext } from "../context.ts";
import { parseRunFilter } from "../run-filter-input.ts";
import { configError, configFromGraphQL } from "./mutation.ts";
import { predictorBacktest, registryForecaster } from "./predictor-backtest.ts";

/** NaN (an undefined statistic: no grokked runs, fewer than two ranks) is null in the API. */
const orNull = (x: number) => (Number.isFinite(x) ? x : null);
const leadLabel = (fraction: number) => (fraction === 0 ? "T_mem" : `${Math.round(fraction * 100)} % delay`);

/** Query.predictOnset and Query.predictorReport (SCIENCE.md §8). Reads only: the guard asks for VIEWER. */
export const predictorQueryResolvers = {
  /** Before training: the config and the registry's finished runs, nothing else (no readings yet, so step 0). */
  predictOnset: async (_: unknown, args: { config?: Record<string, unknown> | null }, { db }: ApiContext) => {
    const parsed = parseRunConfig(configFromGraphQL(args.config ?? {}));
    if (!parsed.ok) throw configError(parsed.issues.map((i) => ({ ...i, field: `config.${i.field}` })));
    const forecaster = await registryForecaster(db, "all");
    return forecaster ? forecaster.forecast({ config: parsed.config, points: [] }, 0) : null;
  },

  predictorReport: async (_: unknown, args: { filter?: unknown }, { db }: ApiContext) => {
    const filter = parseRunFilter(args.filter ?? null);
    const report = await predictorBacktest(db, JSON.stringify(filter ?? null));
    // Rows by forecaster, then by lead time (T_mem first), whatever order the folds produced them in.
    const rows = [...report.rows].sort((a, b) => a.forecaster.localeCompare(b.forecaster) || a.fraction - b.fraction);
    return {
      holdOut: report.holdOut,
      folds: report.folds,
      runs: report.runs,
      rows: rows.map((r) => ({
        forecaster: r.forecaster,
        leadFraction: r.fraction,
        lead: leadLabel(r.fraction),
        n: r.n,
        grokked: r.grokked,
        predicted: r.predicted,
        mape: orNull(r.mape),
        coverage: orNull(r.coverage),
        spearman: orNull(r.spearman),
        brier: orNull(r.brier),
        medianLead: orNull(r.medianLead),
        nowcasts: r.nowcasts,
      })),
      points: report.records.map((r) => ({
        runId: r.runId,
        runName: report.names.get(r.runId) ?? r.runId,
        forecaster: r.forecaster,
        leadFraction: r.fraction,
        actual: r.actual,
        forecast: r.forecast,
      })),
    };
  },
};
