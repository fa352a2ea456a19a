"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { graphqlRequest } from "../lib/graphql-client.ts";
import { appendPage, mergeHead } from "../lib/merge-pages.ts";
import { RUNS_QUERY } from "../lib/queries.ts";
import type { RunListItem } from "../lib/types.ts";

/** The API's cap on `first`: deeper pages, loaded as the table scrolls toward them. */
export const PAGE_SIZE = 200;
/**
 * The head page, fetched first and re-polled every interval: a screenful and some, so the table
 * draws from a small, fast answer (e2e/bench/dashboard.ts) and the poll stays cheap.
 */
export const HEAD_SIZE = 50;

interface RunsPage {
  runs: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: RunListItem[] };
}

export interface RunPages {
  rows: RunListItem[];
  totalCount: number | null;
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  loadMore: () => void;
  refresh: () => void;
}

/**
 * Rows of `runs(filter, orderBy)` fetched page by page through cursors. The first page is
 * re-fetched every `intervalMs` (new runs and progress appear at the top of most orders); deeper
 * pages load on demand (`loadMore`) as the virtualised table scrolls toward them.
 * A new filter or order (`viewKey`) starts over.
 */
export function useRunPages(filter: unknown, orderBy: unknown, viewKey: string, intervalMs = 2000): RunPages {
  const [state, setState] = useState<{ key: string; rows: RunListItem[]; total: number | null; cursor: string | null; hasMore: boolean; error: unknown; loading: boolean }>({ key: viewKey, rows: [], total: null, cursor: null, hasMore: false, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  const vars = useRef({ filter, orderBy });
  vars.current = { filter, orderBy };
  const loadingMore = useRef(false);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const data = await graphqlRequest<RunsPage>(RUNS_QUERY, { first: HEAD_SIZE, ...vars.current }, { signal: controller.signal });
        if (controller.signal.aborted) return;
        setState((s) => {
          const fresh = s.key !== viewKey;
          const rows = fresh ? data.runs.nodes : mergeHead(s.rows, data.runs.nodes, HEAD_SIZE);
          const deeper = !fresh && s.rows.length > HEAD_SIZE;
          return {
            key: viewKey,
            rows,
            total: data.runs.totalCount,
            cursor: deeper ? s.cursor : data.runs.pageInfo.endCursor,
            hasMore: deeper ? s.hasMore : data.runs.pageInfo.hasNextPage,
            error: undefined,
            loading: false,
          };
        });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState((s) => (s.key === viewKey ? { ...s, error, loading: false } : { key: viewKey, rows: [], total: null, cursor: null, hasMore: false, error, loading: false }));
      }
      timer = setTimeout(() => void poll(), intervalMs);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [viewKey, intervalMs, tick]);

  const loadMore = useCallback(() => {
    const s = stateRef.current;
    if (loadingMore.current || !s.hasMore || s.cursor == null || s.key !== viewKey) return;
    loadingMore.current = true;
    graphqlRequest<RunsPage>(RUNS_QUERY, { first: PAGE_SIZE, after: s.cursor, ...vars.current })
      .then((data) =>
        setState((cur) =>
          cur.key !== viewKey ? cur : { ...cur, rows: appendPage(cur.rows, data.runs.nodes), cursor: data.runs.pageInfo.endCursor, hasMore: data.runs.pageInfo.hasNextPage, total: data.runs.totalCount },
        ),
      )
      .catch((error: unknown) => setState((cur) => ({ ...cur, error })))
      .finally(() => {
        loadingMore.current = false;
      });
  }, [viewKey]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const current = state.key === viewKey;
  return {
    rows: current ? state.rows : [],
    totalCount: current ? state.total : null,
    hasMore: current && state.hasMore,
    loading: !current || state.loading,
    error: state.error,
    loadMore,
    refresh,
  };
}
