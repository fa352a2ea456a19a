import type { RunSort, SortKey } from "../lib/run-sort.ts";

/** A column header that sorts the table; announces its state through aria-sort. */
export function SortHeader({ label, column, sort, onSort, numeric = false, title }: { label: string; column: SortKey; sort: RunSort; onSort: (key: SortKey) => void; numeric?: boolean; title?: string }) {
  const active = sort.key === column;
  return (
    <th scope="col" className={numeric ? "num" : undefined} aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"} title={title}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.dir === "asc" ? "▲" : "▼") : ""}
        </span>
      </button>
    </th>
  );
}
