"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useLive } from "../hooks/use-live.ts";
import { useRunPages } from "../hooks/use-run-pages.ts";
import { useSearchState } from "../hooks/use-search-state.ts";
import { errorMessage } from "../lib/graphql-client.ts";
import { isActiveStatus } from "../lib/format.ts";
import { parseColumns, writeColumns } from "../lib/run-columns.ts";
import { parseFilterRows, parseJoin, toRunFilter, writeFilterParams, type FilterJoin, type FilterRow } from "../lib/run-filter.ts";
import { RUNS_CHANGED_SUBSCRIPTION } from "../lib/queries.ts";
import { nextSort, parseRunSort, toRunOrder, writeSortParams, type SortKey } from "../lib/run-sort.ts";
import { BulkActions } from "./bulk-actions.tsx";
import { ColumnPicker } from "./column-picker.tsx";
import { FilterBuilder } from "./filter-builder.tsx";
import { SortHeader } from "./sort-header.tsx";
import { StatusBadge } from "./status-badge.tsx";

const ROW_HEIGHT = 41;

/**
 * The run registry: filtered and sorted by the API, fetched a page (200 runs) at a time as you
 * scroll, rendered virtually (only visible rows are in the DOM) so 10,000 runs stay smooth.
 * Filters, sort and visible columns live in the URL.
 */
export function RunsTable() {
  const [params, replaceSearch] = useSearchState();
  const sort = parseRunSort(params);
  const rows = parseFilterRows(params);
  const join = parseJoin(params);
  const columns = parseColumns(params);
  const checked = toRunFilter(rows, join);
  const filter = checked.ok ? checked.filter : null;
  const orderBy = toRunOrder(sort);
  const viewKey = JSON.stringify([filter, orderBy]);
  // Pushed changes refetch the first page at once; polling every 2 s stays as the fallback.
  const refreshRef = useRef<() => void>(() => undefined);
  const live = useLive(RUNS_CHANGED_SUBSCRIPTION, {}, "runs", () => refreshRef.current(), 1000);
  const pages = useRunPages(filter, orderBy, viewKey, live ? 10_000 : 2000);
  useEffect(() => {
    refreshRef.current = pages.refresh;
  });
  const [selected, setSelected] = useState<string[]>([]);

  const write = (edit: (p: URLSearchParams) => void) => {
    const next = new URLSearchParams(params.toString());
    edit(next);
    const search = next.toString();
    replaceSearch(search ? `?${search}` : "");
  };
  const onSort = (key: SortKey) => write((p) => writeSortParams(p, nextSort(sort, key)));
  const applyFilters = (r: FilterRow[], j: FilterJoin) => write((p) => writeFilterParams(p, r, j));
  const filterByTag = (tag: string) => applyFilters([...rows.filter((r) => !(r.field === "tags" && r.value === tag)), { field: "tags", op: "in", value: tag }], join);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: pages.rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  const { loadMore, hasMore } = pages;
  useEffect(() => {
    if (hasMore && lastIndex >= pages.rows.length - 50) loadMore();
  }, [lastIndex, hasMore, loadMore, pages.rows.length]);

  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s.filter((x) => x !== id), id] : s.filter((x) => x !== id)));
  const activeSelected = pages.rows.filter((r) => selected.includes(r.id) && isActiveStatus(r.status)).map((r) => r.id);
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const span = columns.length + 4;

  return (
    <div className="card table-card">
      <div className="table-head">
        <FilterBuilder key={params.getAll("f").join("|") + join} rows={rows} join={join} onApply={applyFilters} />
        <ColumnPicker visible={columns} onChange={(ids) => write((p) => writeColumns(p, ids))} />
      </div>
      {!checked.ok && <p className="notice notice-error">The filter in the address is not valid ({checked.error}); showing all runs.</p>}
      {pages.error != null && (
        <p className="notice notice-error">
          Could not load runs: {errorMessage(pages.error)}
          {pages.rows.length > 0 ? " (showing the last answer)" : ""}
        </p>
      )}
      <BulkActions selected={selected} activeSelected={activeSelected} onClear={() => setSelected([])} onDone={pages.refresh} />
      <div className="table-scroll" ref={scrollRef}>
        <table className="runs-table" data-testid="runs-table">
          <thead>
            <tr>
              <th scope="col" className="select-cell">
                <span className="visually-hidden">Select</span>
              </th>
              <SortHeader label="Name" column="name" sort={sort} onSort={onSort} />
              <th scope="col">Status</th>
              <th scope="col">Tags</th>
              {columns.map((c) =>
                c.sortKey ? (
                  <SortHeader key={c.id} label={c.label} column={c.sortKey} numeric={c.numeric} title={c.title} sort={sort} onSort={onSort} />
                ) : (
                  <th key={c.id} scope="col" className={c.numeric ? "num" : undefined} title={c.title}>
                    {c.label}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }}><td colSpan={span} /></tr>}
            {items.map((item) => {
              const run = pages.rows[item.index]!;
              const isSelected = selected.includes(run.id);
              return (
                <tr key={run.id} data-testid="run-row" data-selected={isSelected || undefined} style={{ height: ROW_HEIGHT }}>
                  <td className="select-cell">
                    <input type="checkbox" data-testid="run-select" aria-label={`Select ${run.name}`} checked={isSelected} onChange={(e) => toggle(run.id, e.target.checked)} />
                  </td>
                  <td className="name-cell">
                    <Link href={`/runs/${run.id}`}>{run.name}</Link>
                  </td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td className="tags-cell">
                    {run.tags.map((t) => (
                      <button key={t} type="button" className="chip" title={`Show only runs tagged “${t}”`} onClick={() => filterByTag(t)}>
                        {t}
                      </button>
                    ))}
                  </td>
                  {columns.map((c) => (
                    <td key={c.id} className={c.numeric ? "num" : c.id === "created" ? "muted" : undefined}>
                      {c.cell(run)}
                    </td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }}><td colSpan={span} /></tr>}
          </tbody>
        </table>
        {pages.rows.length === 0 && (
          <div className="empty">
            {pages.loading ? (
              <p>Loading runs…</p>
            ) : pages.error != null ? (
              <p>No runs to show until the API answers.</p>
            ) : rows.length > 0 ? (
              <p>No runs match these filters.</p>
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
      </div>
      {pages.totalCount != null && pages.rows.length > 0 && (
        <p className="muted table-foot" data-testid="runs-count">
          {pages.totalCount.toLocaleString("en")} run{pages.totalCount === 1 ? "" : "s"}
          {rows.length > 0 ? " match" : ""}
          {pages.hasMore ? ` · ${pages.rows.length.toLocaleString("en")} loaded, more load as you scroll` : ""}
          <span data-testid="live-state">{live ? " · live" : " · refreshing every 2 s"}</span>
        </p>
      )}
    </div>
  );
}
