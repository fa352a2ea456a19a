"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { usePolling } from "../hooks/use-polling.ts";
import { useSearchState } from "../hooks/use-search-state.ts";
import { MAX_COMPARE } from "../lib/compare.ts";
import { errorMessage, graphqlRequest } from "../lib/graphql-client.ts";
import { formatInt, formatNumber, formatPercent, formatTimestamp } from "../lib/format.ts";
import { RUNS_QUERY } from "../lib/queries.ts";
import { nextSort, parseRunSort, runSortSearch, sortRuns, type SortKey } from "../lib/run-sort.ts";
import type { RunListItem } from "../lib/types.ts";
import { SortHeader } from "./sort-header.tsx";
import { StatusBadge } from "./status-badge.tsx";

interface RunsData {
  runs: { totalCount: number; nodes: RunListItem[] };
}

/** The run registry, refreshed every 2 s: sortable (client-side, see run-sort.ts), selectable for comparison. */
export function RunsTable() {
  const router = useRouter();
  const [params, replaceSearch] = useSearchState();
  const sort = parseRunSort(params);
  const onSort = (key: SortKey) => replaceSearch(runSortSearch(nextSort(sort, key)));
  const [selected, setSelected] = useState<string[]>([]);
  const fetchRuns = useCallback((signal: AbortSignal) => graphqlRequest<RunsData>(RUNS_QUERY, { first: 100 }, { signal }), []);
  const { data, error, loading } = usePolling(fetchRuns, 2000);
  const runs = sortRuns(data?.runs.nodes ?? [], sort);
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s.filter((x) => x !== id), id] : s.filter((x) => x !== id)));
  const full = selected.length >= MAX_COMPARE;
  const header = { sort, onSort };

  return (
    <div className="card table-card">
      {error != null && (
        <p className="notice notice-error">
          Could not load runs: {errorMessage(error)}
          {data ? " (showing the last answer)" : ""}
        </p>
      )}
      <div className="table-tools">
        <span className="muted">{selected.length === 0 ? `Tick up to ${MAX_COMPARE} runs to compare them.` : `${selected.length} selected${full ? " (the maximum)" : ""}`}</span>
        {selected.length > 0 && (
          <button type="button" className="button" onClick={() => setSelected([])}>
            Clear
          </button>
        )}
        <button
          type="button"
          className="button button-primary"
          disabled={selected.length < 2}
          onClick={() => router.push(`/compare?ids=${selected.map(encodeURIComponent).join(",")}`)}
        >
          Compare ({selected.length})
        </button>
      </div>
      <table className="runs-table" data-testid="runs-table">
        <thead>
          <tr>
            <th scope="col" className="select-cell">
              <span className="visually-hidden">Select</span>
            </th>
            <SortHeader label="Name" column="name" {...header} />
            <SortHeader label="Status" column="status" {...header} />
            <SortHeader label="p" column="p" numeric {...header} />
            <SortHeader label="τ" column="temperature" numeric {...header} />
            <SortHeader label="Loss" column="loss" {...header} />
            <SortHeader label="Steps" column="steps" numeric {...header} />
            <SortHeader label="Test acc." column="testAcc" numeric {...header} />
            <SortHeader label="T_mem" column="tMem" numeric title="First evaluation with train accuracy ≥ 99 %" {...header} />
            <SortHeader label="T_grok" column="tGrok" numeric title="First evaluation with test accuracy ≥ 90 %" {...header} />
            <SortHeader label="Created" column="created" {...header} />
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const isSelected = selected.includes(run.id);
            return (
              <tr key={run.id} data-testid="run-row" data-selected={isSelected || undefined}>
                <td className="select-cell">
                  <input
                    type="checkbox"
                    data-testid="run-select"
                    aria-label={`Select ${run.name} for comparison`}
                    checked={isSelected}
                    disabled={!isSelected && full}
                    onChange={(e) => toggle(run.id, e.target.checked)}
                  />
                </td>
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
                <td className="num">{formatInt(run.summary.tMem)}</td>
                <td className="num">{formatInt(run.summary.tGrok)}</td>
                <td className="muted">{formatTimestamp(run.createdAt)}</td>
              </tr>
            );
          })}
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
          Showing the newest {runs.length} of {data.runs.totalCount} runs (sorting applies to these only).
        </p>
      )}
    </div>
  );
}
