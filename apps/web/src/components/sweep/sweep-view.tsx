"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { useLive } from "../../hooks/use-live.ts";
import { usePolling } from "../../hooks/use-polling.ts";
import { errorMessage, graphqlRequest } from "../../lib/graphql-client.ts";
import { isActiveStatus } from "../../lib/format.ts";
import { RUNS_CHANGED_SUBSCRIPTION, SWEEP_QUERY } from "../../lib/queries.ts";
import { buildHeatmap, type HeatmapMetric } from "../../lib/sweep-heatmap.ts";
import type { RunStatus } from "../../lib/types.ts";
import { StatusBadge } from "../status-badge.tsx";
import { CollapsePlot } from "./collapse-plot.tsx";
import { SweepHeatmap } from "./sweep-heatmap.tsx";

interface SweepCellData {
  values: Record<string, unknown>;
  tGrok: number | null;
  tMem: number | null;
  delay: number | null;
  grokked: number;
  seeds: number;
  logitScaleAtGrok: number | null;
  runs: { id: string; name: string; status: RunStatus }[];
}
interface SweepData {
  id: string;
  name: string;
  seeds: number;
  grid: { field: string; values: unknown[] }[];
  progress: { total: number; queued: number; running: number; succeeded: number; failed: number; cancelled: number; fraction: number };
  cells: SweepCellData[];
}

/** A sweep: progress, the phase heatmap over two chosen axes, and the runs of a clicked cell. */
export function SweepView({ id }: { id: string }) {
  const fetchSweep = useCallback((signal: AbortSignal) => graphqlRequest<{ sweep: SweepData | null }>(SWEEP_QUERY, { id }, { signal }), [id]);
  const refreshRef = useRef<() => void>(() => undefined);
  const live = useLive(RUNS_CHANGED_SUBSCRIPTION, {}, `sweep-${id}`, () => refreshRef.current(), 1000);
  const { data, error, loading, refresh } = usePolling(fetchSweep, live ? 10_000 : 2000);
  useEffect(() => {
    refreshRef.current = refresh;
  });
  const [metric, setMetric] = useState<HeatmapMetric>("tGrok");
  const [axes, setAxes] = useState<[string, string] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);

  const sweep = data?.sweep;
  if (loading) return <p className="muted">Loading sweep…</p>;
  if (!sweep) return <div className="card empty">{error != null ? <p>Could not load the sweep: {errorMessage(error)}</p> : <p>No sweep with id {id}.</p>}</div>;

  const fields = [...new Set([...sweep.grid.map((a) => a.field), ...sweep.cells.flatMap((c) => Object.keys(c.values))])];
  const [xField, yField] = axes ?? [fields[0] ?? "", fields[1] ?? fields[0] ?? ""];
  const map = buildHeatmap(
    sweep.cells.map((c) => ({ ...c, done: c.runs.length > 0 && c.runs.every((r) => !isActiveStatus(r.status)) })),
    xField,
    yField,
    metric,
  );
  const cell = selected != null ? sweep.cells[selected] : undefined;
  const p = sweep.progress;
  return (
    <div className="sweep-view">
      <div className="page-head">
        <div>
          <h1>{sweep.name}</h1>
          <p className="muted" data-testid="sweep-progress">
            {p.total} runs × {sweep.seeds} seed{sweep.seeds === 1 ? "" : "s"} · {p.succeeded} succeeded, {p.running} running, {p.queued} queued
            {p.failed ? `, ${p.failed} failed` : ""}
            {p.cancelled ? `, ${p.cancelled} cancelled` : ""} · {Math.floor(p.fraction * 100)}% of steps
          </p>
        </div>
      </div>
      {error != null && <p className="notice notice-error">Updates interrupted: {errorMessage(error)} (retrying)</p>}
      <section className="card panel">
        <div className="filter-actions">
          <label>
            x axis{" "}
            <select value={xField} onChange={(e) => setAxes([e.target.value, yField])}>
              {fields.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </label>
          <label>
            y axis{" "}
            <select value={yField} onChange={(e) => setAxes([xField, e.target.value])}>
              {fields.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </label>
          <label>
            colour{" "}
            <select value={metric} onChange={(e) => setMetric(e.target.value === "delay" ? "delay" : "tGrok")}>
              <option value="tGrok">median T_grok</option>
              <option value="delay">median delay</option>
            </select>
          </label>
          <span className="muted">Hatched: the majority of seeds never grokked (censored). Darker: slower.</span>
        </div>
        <div className="heatmap-scroll">
          <SweepHeatmap map={map} xLabel={xField} yLabel={yField} metricLabel={metric === "tGrok" ? "median T_grok" : "median delay"} selected={selected} onSelect={setSelected} />
        </div>
      </section>
      <section className="card panel">
        <h2>Collapse: ln T_grok vs logit scale at grokking</h2>
        <CollapsePlot cells={sweep.cells} onSelect={setSelected} />
      </section>
      {cell && (
        <section className="card panel" data-testid="sweep-cell-runs">
          <h2>
            {Object.entries(cell.values).map(([k, v]) => `${k} = ${String(v)}`).join(", ")}
          </h2>
          <ul className="annotation-list">
            {cell.runs.map((r) => (
              <li key={r.id}>
                <Link href={`/runs/${r.id}`}>{r.name}</Link>
                <StatusBadge status={r.status} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
