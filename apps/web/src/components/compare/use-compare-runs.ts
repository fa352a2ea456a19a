"use client";

import { useCallback, useEffect, useRef } from "react";
import { usePolling, type PollingState } from "../../hooks/use-polling.ts";
import type { CompareMetric, CompareRun } from "../../lib/compare.ts";
import { graphqlRequest } from "../../lib/graphql-client.ts";
import { isActiveStatus } from "../../lib/format.ts";
import { shouldPollAgain } from "../../lib/poll-policy.ts";
import { compareBatches, seriesToMetrics, type SeriesColumnsAnswer } from "../../lib/compare-query.ts";
import type { MetricSeries, RunStatus } from "../../lib/types.ts";

/** Buckets per run and seed: 100 runs × 500 points stays quick to draw (see e2e/bench/dashboard.ts). */
const BUCKETS = 500;

export type LoadedRun = CompareRun & { status: RunStatus; metrics: MetricSeries[] };
type AnsweredRun = CompareRun & { status: RunStatus; series: SeriesColumnsAnswer[] };
export interface CompareData {
  runs: LoadedRun[];
  missing: string[];
}

/**
 * Loads every selected run (up to MAX_COMPARE, in batched requests run in parallel) with one
 * metric, and keeps polling every 2 s while any of them is still queued or running.
 */
export function useCompareRuns(ids: readonly string[], metric: CompareMetric): PollingState<CompareData> {
  const idsKey = ids.join(",");
  const terminalFetches = useRef(0);
  const fetcher = useCallback(
    async (signal: AbortSignal): Promise<CompareData> => {
      const list = idsKey ? idsKey.split(",") : [];
      const batches = compareBatches(list, metric, BUCKETS);
      const answers = await Promise.all(batches.map((b) => graphqlRequest<Record<string, AnsweredRun | null>>(b.query, b.variables, { signal })));
      const runs: LoadedRun[] = [];
      const missing: string[] = [];
      batches.forEach((b, i) =>
        b.aliases.forEach((alias, j) => {
          const run = answers[i]?.[alias];
          if (run) runs.push({ id: run.id, name: run.name, status: run.status, config: run.config, summary: run.summary, metrics: seriesToMetrics(run.series) });
          else missing.push(String(b.variables[`id${j}`] ?? ""));
        }),
      );
      return { runs, missing };
    },
    [idsKey, metric],
  );
  const keepGoing = useCallback((data: CompareData) => {
    const active = data.runs.some((r) => isActiveStatus(r.status));
    terminalFetches.current = active ? 0 : terminalFetches.current + 1;
    return shouldPollAgain(active ? "RUNNING" : "SUCCEEDED", terminalFetches.current);
  }, []);
  const state = usePolling(fetcher, 2000, keepGoing);
  // A new selection or metric fetches at once (polling may have stopped once every run was over).
  const { refresh } = state;
  const shown = useRef(`${idsKey}|${metric}`);
  useEffect(() => {
    const key = `${idsKey}|${metric}`;
    if (shown.current === key) return;
    shown.current = key;
    terminalFetches.current = 0;
    refresh();
  }, [idsKey, metric, refresh]);
  return state;
}
