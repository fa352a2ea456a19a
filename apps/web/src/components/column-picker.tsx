import { RUN_COLUMNS, type RunColumn } from "../lib/run-columns.ts";

/** Which optional columns the runs table shows (kept in the URL by the caller). */
export function ColumnPicker({ visible, onChange }: { visible: RunColumn[]; onChange: (ids: string[]) => void }) {
  const ids = visible.map((c) => c.id);
  return (
    <details className="column-picker">
      <summary className="button">Columns ({ids.length})</summary>
      <fieldset>
        <legend className="visually-hidden">Visible columns</legend>
        {RUN_COLUMNS.map((c) => (
          <label key={c.id} title={c.title}>
            <input type="checkbox" checked={ids.includes(c.id)} onChange={(e) => onChange(e.target.checked ? [...ids, c.id] : ids.filter((id) => id !== c.id))} />
            {c.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
