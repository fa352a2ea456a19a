"use client";

import { useCallback, useState } from "react";
import { useSearchState } from "../../hooks/use-search-state.ts";
import { usePolling } from "../../hooks/use-polling.ts";
import { errorMessage, graphqlRequest } from "../../lib/graphql-client.ts";
import { formatPercent } from "../../lib/format.ts";
import { errorByLead, forecasterColors, HOLD_OUT_TEXT, leadFractions, PREDICTOR_REPORT_QUERY, scatterPoints, type PredictorReport } from "../../lib/predictor-report.ts";
import { parseFilterRows, parseJoin, toRunFilter } from "../../lib/run-filter.ts";
import { CoverageTable } from "./coverage-table.tsx";
import { ErrorByLead } from "./error-by-lead.tsx";
import { PredictedScatter } from "./predicted-scatter.tsx";

/** The API caches a backtest for a few minutes; refreshing more often than that would only re-read the cache. */
const REFRESH_MS = 60_000;
const leadText = (f: number) => (f === 0 ? "at T_mem" : `at ${Math.round(f * 100)} % of the delay`);

/**
 * How good the onset forecasts have been on finished runs (SCIENCE.md §8): the backtest the API
 * runs over the runs matching the URL's filter (the runs table's `f`/`join` parameters).
 */
export function PredictorView() {
  const [params] = useSearchState();
  const parsed = toRunFilter(parseFilterRows(params), parseJoin(params));
  const filterKey = JSON.stringify(parsed.ok ? parsed.filter : null);
  const fetchReport = useCallback(
    (signal: AbortSignal) => graphqlRequest<{ predictorReport: PredictorReport }>(PREDICTOR_REPORT_QUERY, { filter: JSON.parse(filterKey) }, { signal }),
    [filterKey],
  );
  const { data, error, loading } = usePolling(fetchReport, REFRESH_MS);
  const [choice, setChoice] = useState<{ forecaster?: string; lead?: number }>({});

  if (!parsed.ok) return <p className="notice notice-error">Invalid filter: {parsed.error}</p>;
  if (loading) return <p className="muted">Backtesting the forecasters on finished runs…</p>;
  if (!data) return <div className="card empty"><p>Could not load the backtest: {errorMessage(error)}</p></div>;
  const report = data.predictorReport;
  if (report.runs === 0) {
    return <div className="card empty"><p>No finished run matches: the backtest needs succeeded runs to hold out.</p></div>;
  }
  const colors = forecasterColors(report.rows);
  const forecasters = [...colors.keys()];
  const leads = leadFractions(report.rows);
  const forecaster = choice.forecaster && colors.has(choice.forecaster) ? choice.forecaster : (forecasters.find((f) => f === "selector") ?? forecasters[0]!);
  const lead = choice.lead !== undefined && leads.includes(choice.lead) ? choice.lead : (leads[0] ?? 0);
  const scatter = scatterPoints(report.points, forecaster, lead);
  const covered = scatter.filter((p) => p.covered).length;

  return (
    <div className="predictor-view">
      <p className="muted" data-testid="predictor-summary">
        {report.runs} finished runs, {HOLD_OUT_TEXT[report.holdOut]} ({report.folds} fits per forecaster). Each run was forecast by forecasters fitted without it, from its readings up to the forecast step only.
      </p>
      <div className="panels">
        <section className="card chart-card">
          <header className="chart-head">
            <h3>Predicted vs actual T_grok</h3>
            <div className="tool">
              <select aria-label="Forecaster" value={forecaster} onChange={(e) => setChoice({ ...choice, forecaster: e.target.value })}>
                {forecasters.map((f) => <option key={f} value={f}>{f}</option>)}
              </select>{" "}
              <select aria-label="Lead time" value={lead} onChange={(e) => setChoice({ ...choice, lead: Number(e.target.value) })}>
                {leads.map((l) => <option key={l} value={l}>{leadText(l)}</option>)}
              </select>
            </div>
          </header>
          <PredictedScatter points={scatter} color={colors.get(forecaster)!} />
          <p className="muted">
            {scatter.length} grokked runs placed; {covered} ({formatPercent(scatter.length ? covered / scatter.length : null, 0)}) inside their 80 % interval (filled). Whiskers: the interval; dashed: a perfect forecast.
          </p>
        </section>
        <section className="card chart-card">
          <header className="chart-head">
            <h3>Error vs lead time</h3>
            <ul className="legend">
              {forecasters.map((f) => (
                <li key={f}><span className="swatch" style={{ background: colors.get(f) }} />{f}</li>
              ))}
            </ul>
          </header>
          <ErrorByLead series={errorByLead(report.rows)} colors={colors} />
        </section>
      </div>
      <h2 style={{ marginTop: 24 }}>Coverage and accuracy by lead time</h2>
      <CoverageTable rows={report.rows} colors={colors} />
      {error != null && <p className="notice notice-error">Refresh failed: {errorMessage(error)} (showing the last report)</p>}
    </div>
  );
}
