"use client";

import { useState } from "react";
import { FILTER_FIELDS, fieldLabel, OP_LABELS, opsFor, toRunFilter, type FilterField, type FilterJoin, type FilterRow } from "../lib/run-filter.ts";

const PLACEHOLDER: Partial<Record<FilterField, string>> = { status: "running, queued", loss: "ce or mse", op: "add, mul", tags: "baseline, paper", text: "clamp", temperature: "1.15 or 1, 1.3" };

/** Rows of (field, operator, value) joined by AND / OR; applied to the URL on submit. */
export function FilterBuilder({ rows, join, onApply }: { rows: FilterRow[]; join: FilterJoin; onApply: (rows: FilterRow[], join: FilterJoin) => void }) {
  const [draft, setDraft] = useState(rows);
  const [draftJoin, setDraftJoin] = useState(join);
  const checked = toRunFilter(draft, draftJoin);
  const update = (i: number, patch: Partial<FilterRow>) =>
    setDraft((d) =>
      d.map((r, j) => {
        if (j !== i) return r;
        const next = { ...r, ...patch };
        if (patch.field && !opsFor(patch.field).includes(next.op)) next.op = opsFor(patch.field)[0]!;
        if (patch.field === "grokked") next.value = "true";
        return next;
      }),
    );

  return (
    <form
      className="filter-builder"
      data-testid="filter-builder"
      onSubmit={(e) => {
        e.preventDefault();
        if (checked.ok) onApply(draft, draftJoin);
      }}
    >
      {draft.length > 1 && (
        <label className="filter-join">
          Match
          <select value={draftJoin} onChange={(e) => setDraftJoin(e.target.value === "or" ? "or" : "and")} aria-label="Combine filters with">
            <option value="and">all rows (AND)</option>
            <option value="or">any row (OR)</option>
          </select>
        </label>
      )}
      {draft.map((row, i) => (
        <div className="filter-row" key={i} data-testid="filter-row">
          <select aria-label={`Filter ${i + 1} field`} value={row.field} onChange={(e) => update(i, { field: e.target.value as FilterField })}>
            {FILTER_FIELDS.map((f) => (
              <option key={f} value={f}>
                {fieldLabel(f)}
              </option>
            ))}
          </select>
          <select aria-label={`Filter ${i + 1} operator`} value={row.op} onChange={(e) => update(i, { op: e.target.value as FilterRow["op"] })}>
            {opsFor(row.field).map((op) => (
              <option key={op} value={op}>
                {OP_LABELS[op]}
              </option>
            ))}
          </select>
          {row.field === "grokked" ? (
            <select aria-label={`Filter ${i + 1} value`} value={row.value} onChange={(e) => update(i, { value: e.target.value })}>
              <option value="true">yes</option>
              <option value="false">no</option>
            </select>
          ) : (
            <input aria-label={`Filter ${i + 1} value`} value={row.value} placeholder={PLACEHOLDER[row.field] ?? "value"} onChange={(e) => update(i, { value: e.target.value })} />
          )}
          <button type="button" className="button button-ghost" aria-label={`Remove filter ${i + 1}`} onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <div className="filter-actions">
        <button type="button" className="button" onClick={() => setDraft((d) => [...d, { field: "tGrok", op: "gte", value: "" }])}>
          Add filter
        </button>
        <button type="submit" className="button button-primary" disabled={!checked.ok}>
          Apply filters
        </button>
        {!checked.ok && (
          <span className="notice-inline" role="alert">
            {checked.error}
          </span>
        )}
      </div>
    </form>
  );
}
