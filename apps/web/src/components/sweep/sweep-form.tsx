"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, graphqlRequest } from "../../lib/graphql-client.ts";
import { CREATE_SWEEP_MUTATION } from "../../lib/queries.ts";
import { AXIS_FIELDS, countSweep, sweepFormIssues, toSweepGrid, type AxisDraft } from "../../lib/sweep-form.ts";

const BASE_FIELDS = [
  { key: "p", label: "p", initial: "97" },
  { key: "steps", label: "Step budget", initial: "10000" },
  { key: "evalEvery", label: "Eval every", initial: "10" },
  { key: "trainFraction", label: "Train fraction", initial: "0.4" },
  { key: "lr", label: "Learning rate", initial: "0.001" },
  { key: "weightDecay", label: "Weight decay", initial: "1" },
] as const;

/** Launch a grid sweep: base config, axes (field + values), seeds; shows the run count first. */
export function SweepForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [base, setBase] = useState<Record<string, string>>(Object.fromEntries(BASE_FIELDS.map((f) => [f.key, f.initial])));
  const [axes, setAxes] = useState<AxisDraft[]>([{ field: "temperature", values: "1, 1.3" }, { field: "weightDecay", values: "1, 2" }]);
  const [seeds, setSeeds] = useState("3");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const seedCount = Number(seeds);
  const issues = sweepFormIssues(axes, seedCount);
  const count = countSweep(axes, Number.isFinite(seedCount) ? seedCount : 0);
  const gridFields = new Set(axes.map((a) => a.field));

  const submit = async () => {
    setBusy(true);
    setError(null);
    const baseInput = Object.fromEntries(Object.entries(base).filter(([k, v]) => v.trim() !== "" && !gridFields.has(k)).map(([k, v]) => [k, Number(v)]));
    try {
      const data = await graphqlRequest<{ createSweep: { id: string } }>(CREATE_SWEEP_MUTATION, {
        input: { name: name.trim() || `sweep ${axes.map((a) => a.field).join(" × ")}`, base: baseInput, grid: toSweepGrid(axes), seeds: seedCount },
        idempotencyKey: `sweep-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      });
      router.push(`/sweeps/${data.createSweep.id}`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <form className="card run-form" onSubmit={(e) => { e.preventDefault(); if (issues.length === 0) void submit(); }} noValidate>
      {error && <div className="notice notice-error" role="alert">{error}</div>}
      <div className="form-grid">
        <label className="field">
          <span>Sweep name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="optional" />
        </label>
        {BASE_FIELDS.map((f) => (
          <label className="field" key={f.key}>
            <span>{f.label}</span>
            <input inputMode="decimal" value={base[f.key] ?? ""} disabled={gridFields.has(f.key)} onChange={(e) => setBase({ ...base, [f.key]: e.target.value })} />
          </label>
        ))}
        <label className="field">
          <span>Seeds per cell</span>
          <input inputMode="numeric" value={seeds} onChange={(e) => setSeeds(e.target.value)} />
        </label>
      </div>
      <h2 className="form-subhead">Axes</h2>
      {axes.map((axis, i) => (
        <div className="filter-row" key={i}>
          <select aria-label={`Axis ${i + 1} field`} value={axis.field} onChange={(e) => setAxes(axes.map((a, j) => (j === i ? { ...a, field: e.target.value } : a)))}>
            {AXIS_FIELDS.map((f) => <option key={f} value={f}>{f}</option>)}
          </select>
          <input aria-label={`Axis ${i + 1} values`} value={axis.values} placeholder="1, 1.15, 1.3" onChange={(e) => setAxes(axes.map((a, j) => (j === i ? { ...a, values: e.target.value } : a)))} />
          <button type="button" className="button button-ghost" aria-label={`Remove axis ${i + 1}`} onClick={() => setAxes(axes.filter((_, j) => j !== i))}>✕</button>
        </div>
      ))}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => setAxes([...axes, { field: AXIS_FIELDS.find((f) => !gridFields.has(f)) ?? "lr", values: "" }])}>
          Add axis
        </button>
        <span data-testid="sweep-count" className="muted">
          {count.cells} run{count.cells === 1 ? "" : "s"} × {Number.isFinite(seedCount) ? seedCount : "?"} seeds = {count.trainings} trainings
        </span>
        <button type="submit" className="button button-primary" disabled={busy || issues.length > 0}>
          Launch {count.cells} runs
        </button>
      </div>
      {issues.length > 0 && (
        <ul className="field-error" role="alert">
          {issues.map((m) => <li key={m}>{m}</li>)}
        </ul>
      )}
    </form>
  );
}
