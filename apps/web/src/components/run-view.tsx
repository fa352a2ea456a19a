"use client";

import Link from "next/link";
import { useCallback, useRef } from "react";
import { usePolling } from "../hooks/use-polling.ts";
import { errorMessage, graphqlRequest } from "../lib/graphql-client.ts";
import { isActiveStatus } from "../lib/format.ts";
import { shouldPollAgain } from "../lib/poll-policy.ts";
import { RUN_QUERY, runQueryVariables } from "../lib/queries.ts";
import type { RunDetail } from "../lib/types.ts";
import { RunCharts } from "./charts/run-charts.tsx";
import { ConfigPanel } from "./config-panel.tsx";
import { RunHeader } from "./run-header.tsx";
import { SummaryPanel } from "./summary-panel.tsx";

/** The run page body: polls the run and its series every second until it is over. */
export function RunView({ id }: { id: string }) {
  const terminalFetches = useRef(0);
  const fetchRun = useCallback(
    (signal: AbortSignal) => graphqlRequest<{ run: RunDetail | null }>(RUN_QUERY, runQueryVariables(id), { signal }),
    [id],
  );
  const keepGoing = useCallback((data: { run: RunDetail | null }) => {
    const status = data.run?.status ?? null;
    terminalFetches.current = status && !isActiveStatus(status) ? terminalFetches.current + 1 : 0;
    return shouldPollAgain(status, terminalFetches.current);
  }, []);
  const { data, error, loading, refresh } = usePolling(fetchRun, 1000, keepGoing);
  const run = data?.run;

  const afterCancel = useCallback(() => {
    terminalFetches.current = 0;
    refresh();
  }, [refresh]);

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
      <RunCharts metrics={run.metrics} summary={run.summary} stepsTotal={run.progress.stepsTotal} />
      <div className="panels">
        <SummaryPanel summary={run.summary} finished={!isActiveStatus(run.status)} />
        <ConfigPanel config={run.config} />
      </div>
    </div>
  );
}
