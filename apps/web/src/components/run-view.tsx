"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchState } from "../hooks/use-search-state.ts";
import { chartViewSearch, parseChartView, type ChartView } from "../lib/chart-view.ts";
import { useLive } from "../hooks/use-live.ts";
import { usePolling } from "../hooks/use-polling.ts";
import { errorMessage, graphqlRequest } from "../lib/graphql-client.ts";
import { isActiveStatus } from "../lib/format.ts";
import { shouldPollAgain } from "../lib/poll-policy.ts";
import { RUN_QUERY, RUN_UPDATED_SUBSCRIPTION, runQueryVariables } from "../lib/queries.ts";
import type { RunDetail } from "../lib/types.ts";
import { ChartToolbar } from "./charts/chart-toolbar.tsx";
import { RunCharts } from "./charts/run-charts.tsx";
import { AnnotationsPanel } from "./annotations-panel.tsx";
import { ConfigPanel } from "./config-panel.tsx";
import { RunActions } from "./run-actions.tsx";
import { RunNotes } from "./run-notes.tsx";
import { RunTags } from "./run-tags.tsx";
import { RunHeader } from "./run-header.tsx";
import { SummaryPanel } from "./summary-panel.tsx";

/**
 * The run page body: polls the run and its series every second until it is over. The chart view
 * (step axis, smoothing, zoomed range) lives in the URL; a new zoom re-fetches at once (and
 * restarts polling for a finished run, which then stops again after its terminal fetches).
 */
export function RunView({ id }: { id: string }) {
  const [params, replaceSearch] = useSearchState();
  const view = parseChartView(params);
  const setView = (next: ChartView) => replaceSearch(chartViewSearch(next, params.toString()));
  const zoomKey = view.zoom ? `${view.zoom[0]}-${view.zoom[1]}` : "";
  const zoom = view.zoom;
  const terminalFetches = useRef(0);
  const fetchRun = useCallback(
    (signal: AbortSignal) => graphqlRequest<{ run: RunDetail | null }>(RUN_QUERY, runQueryVariables(id, zoom), { signal }),
    // zoomKey stands for the range: a fresh array each render must not make a fresh fetcher.
    [id, zoomKey],
  );
  const keepGoing = useCallback((data: { run: RunDetail | null }) => {
    const status = data.run?.status ?? null;
    terminalFetches.current = status && !isActiveStatus(status) ? terminalFetches.current + 1 : 0;
    return shouldPollAgain(status, terminalFetches.current);
  }, []);
  // Pushed updates trigger a fetch at once; polling stays as the fallback (1 s without a socket).
  const refreshRef = useRef<() => void>(() => undefined);
  const live = useLive(RUN_UPDATED_SUBSCRIPTION, { id }, id, () => {
    terminalFetches.current = 0;
    refreshRef.current();
  });
  const { data, error, loading, refresh } = usePolling(fetchRun, live ? 5000 : 1000, keepGoing);
  useEffect(() => {
    refreshRef.current = refresh;
  });
  const [pickedStep, setPickedStep] = useState<number | null>(null);
  const run = data?.run;

  const afterCancel = useCallback(() => {
    terminalFetches.current = 0;
    refresh();
  }, [refresh]);

  const shownZoom = useRef(zoomKey);
  useEffect(() => {
    if (shownZoom.current === zoomKey) return;
    shownZoom.current = zoomKey;
    terminalFetches.current = 0;
    refresh();
  }, [zoomKey, refresh]);

  if (loading) return <p className="muted">Loading run…</p>;
  if (!run) {
    return (
      <div className="card empty">
        {error != null ? <p>Could not load the run: {errorMessage(error)}</p> : <p>No run with id {id}.</p>}
        <p>
          <Link href="/">Back to all runs</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="run-view">
      {error != null && <p className="notice notice-error">Live updates interrupted: {errorMessage(error)} (retrying)</p>}
      <RunHeader run={run} onCancelled={afterCancel} />
      <div className="run-meta">
        <RunTags runId={run.id} tags={run.tags} onChanged={afterCancel} />
        <RunActions runId={run.id} exportUrls={run.exportUrls} pickedStep={pickedStep} />
      </div>
      <ChartToolbar view={view} onChange={setView} multiSeed={new Set(run.metrics.map((m) => m.seed)).size > 1} />
      <RunCharts
        metrics={run.metrics}
        summary={run.summary}
        stepsTotal={run.progress.stepsTotal}
        view={view}
        onZoom={(range) => setView({ ...view, zoom: range })}
        onPick={setPickedStep}
        notes={run.annotations.flatMap((a) => (a.step == null ? [] : [{ id: a.id, step: a.step, text: a.text }]))}
        forecast={run.forecast}
      />
      <AnnotationsPanel runId={run.id} annotations={run.annotations} pickedStep={pickedStep} onChanged={afterCancel} />
      <div className="panels">
        <SummaryPanel summary={run.summary} finished={!isActiveStatus(run.status)} />
        <ConfigPanel config={run.config} />
      </div>
      <RunNotes runId={run.id} notes={run.notes} onChanged={afterCancel} />
    </div>
  );
}
