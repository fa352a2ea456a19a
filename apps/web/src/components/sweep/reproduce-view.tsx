"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import { useCanEdit } from "../../hooks/use-me.tsx";
import { usePolling } from "../../hooks/use-polling.ts";
import { errorMessage, graphqlRequest } from "../../lib/graphql-client.ts";
import { formatInt, isActiveStatus } from "../../lib/format.ts";
import type { RunStatus } from "../../lib/types.ts";
import { mediationSweepInput, paperTGrok } from "../../lib/paper-preset.ts";
import { CREATE_SWEEP_MUTATION, SWEEP_QUERY } from "../../lib/queries.ts";

interface Cell {
  values: Record<string, unknown>;
  tGrok: number | null;
  grokked: number;
  seeds: number;
  runs: { status: RunStatus }[];
}

const cellName = (v: Record<string, unknown>) => (typeof v["clamp.rho"] === "number" ? `ρ = ${String(v["clamp.rho"])}, τ = ${String(v.temperature ?? 1)}` : `unclamped, τ = ${String(v.temperature ?? 1)}`);

/** Launch form for the preset, then (with ?sweep=id) our medians beside the paper's. */
export function ReproduceView() {
  const router = useRouter();
  const sweepId = useSearchParams().get("sweep");
  const editable = useCanEdit();
  const [p, setP] = useState("97");
  const [seeds, setSeeds] = useState("4");
  const [steps, setSteps] = useState("10000");
  const [error, setError] = useState<string | null>(null);
  const fetchSweep = useCallback((signal: AbortSignal) => (sweepId ? graphqlRequest<{ sweep: { id: string; name: string; cells: Cell[] } | null }>(SWEEP_QUERY, { id: sweepId }, { signal }) : Promise.resolve({ sweep: null })), [sweepId]);
  const { data } = usePolling(fetchSweep, 3000, () => sweepId != null);
  const cells = 11;

  const launch = async () => {
    setError(null);
    try {
      const input = mediationSweepInput(Number(p), Number(seeds), Number(steps));
      const res = await graphqlRequest<{ createSweep: { id: string } }>(CREATE_SWEEP_MUTATION, { input, idempotencyKey: `paper-${Date.now()}` });
      router.replace(`/reproduce?sweep=${res.createSweep.id}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      {editable && (
        <form className="card run-form" onSubmit={(e) => { e.preventDefault(); void launch(); }}>
          {error && <div className="notice notice-error" role="alert">{error}</div>}
          <div className="form-grid">
            <label className="field"><span>p</span><input inputMode="numeric" value={p} onChange={(e) => setP(e.target.value)} /></label>
            <label className="field"><span>Seeds per cell</span><input inputMode="numeric" value={seeds} onChange={(e) => setSeeds(e.target.value)} /></label>
            <label className="field"><span>Step budget</span><input inputMode="numeric" value={steps} onChange={(e) => setSteps(e.target.value)} /></label>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary">Launch {cells} runs × {seeds} seeds</button>
            <span className="muted">The paper used p = 97 and 12 seeds; fewer seeds give noisier medians.</span>
          </div>
        </form>
      )}
      {data?.sweep && (
        <section className="card panel" data-testid="paper-comparison">
          <h2>
            <Link href={`/sweeps/${data.sweep.id}`}>{data.sweep.name}</Link> beside the paper
          </h2>
          <table className="runs-table">
            <thead>
              <tr><th scope="col">Cell</th><th scope="col" className="num">Our median T_grok</th><th scope="col" className="num">Grokked</th><th scope="col" className="num">Paper (p = 97)</th></tr>
            </thead>
            <tbody>
              {data.sweep.cells.map((c) => (
                <tr key={JSON.stringify(c.values)}>
                  <td>{cellName(c.values)}</td>
                  <td className="num">{c.tGrok != null ? formatInt(c.tGrok) : c.runs.some((r) => isActiveStatus(r.status)) ? "running…" : "not grokked (censored)"}</td>
                  <td className="num">{c.grokked}/{c.seeds}</td>
                  <td className="num">{paperTGrok(c.values) == null ? "—" : `≈ ${formatInt(paperTGrok(c.values))}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
