"use client";

import Link from "next/link";
import { useCallback } from "react";
import { usePolling } from "../hooks/use-polling.ts";
import { errorMessage, graphqlRequest } from "../lib/graphql-client.ts";
import { formatInt, formatNumber, formatPercent, formatTimestamp } from "../lib/format.ts";
import { RUNS_QUERY } from "../lib/queries.ts";
import type { RunListItem } from "../lib/types.ts";
import { StatusBadge } from "./status-badge.tsx";

interface RunsData {
  runs: { totalCount: number; nodes: RunListItem[] };
}

/** The run registry, newest first, refreshed every 2 s. */
export function RunsTable() {
  const fetchRuns = useCallback((signal: AbortSignal) => graphqlRequest<RunsData>(RUNS_QUERY, { first: 100 }, { signal }), []);
  const { data, error, loading } = usePolling(fetchRuns, 2000);
  const runs = data?.runs.nodes ?? [];

  return (
    <div className="card table-card">
      {error != null && (
        <p className="notice notice-error">
          Could not load runs: {errorMessage(error)}
          {data ? " (showing the last answer)" : ""}
        </p>
      )}
      <table className="runs-table" data-testid="runs-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">p</th>
            <th scope="col" className="num">τ</th>
            <th scope="col">Loss</th>
            <th scope="col" className="num">Steps</th>
            <th scope="col" className="num">Test acc.</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row">
              <td className="name-cell">
                <Link href={`/runs/${run.id}`}>{run.name}</Link>
              </td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td className="num">{run.config.p}</td>
              <td className="num">{formatNumber(run.config.temperature)}</td>
              <td>{run.config.loss.toLowerCase()}</td>
              <td className="num">
                {formatInt(run.progress.stepsDone)} / {formatInt(run.progress.stepsTotal)}
              </td>
              <td className="num">{formatPercent(run.summary.finalTestAcc)}</td>
              <td className="muted">{formatTimestamp(run.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.length === 0 && (
        <div className="empty">
          {loading ? (
            <p>Loading runs…</p>
          ) : error != null && !data ? (
            <p>No runs to show until the API answers.</p>
          ) : (
            <>
              <p>No runs yet.</p>
              <p className="muted">
                Launch the paper&apos;s cell (p = 97, addition, 40 % train) or your own variant from <Link href="/runs/new">New run</Link>.
              </p>
            </>
          )}
        </div>
      )}
      {data && data.runs.totalCount > runs.length && (
        <p className="muted table-foot">
          Showing the newest {runs.length} of {data.runs.totalCount} runs.
        </p>
      )}
    </div>
  );
}
