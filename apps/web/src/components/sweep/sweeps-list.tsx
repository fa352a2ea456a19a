"use client";

import Link from "next/link";
import { useCallback } from "react";
import { usePolling } from "../../hooks/use-polling.ts";
import { errorMessage, graphqlRequest } from "../../lib/graphql-client.ts";
import { formatTimestamp } from "../../lib/format.ts";
import { SWEEPS_QUERY } from "../../lib/queries.ts";

interface SweepRow {
  id: string;
  name: string;
  seeds: number;
  createdAt: string;
  progress: { total: number; succeeded: number; running: number; queued: number; failed: number; cancelled: number; fraction: number };
}

/** The newest 100 sweeps with their progress, refreshed every 5 s. */
export function SweepsList() {
  const fetchSweeps = useCallback((signal: AbortSignal) => graphqlRequest<{ sweeps: { totalCount: number; nodes: SweepRow[] } }>(SWEEPS_QUERY, { first: 100 }, { signal }), []);
  const { data, error, loading } = usePolling(fetchSweeps, 5000);
  if (loading) return <p className="muted">Loading sweeps…</p>;
  if (!data) return <div className="card empty"><p>Could not load sweeps: {errorMessage(error)}</p></div>;
  if (data.sweeps.nodes.length === 0) return <div className="card empty"><p>No sweeps yet.</p><p className="muted">Launch a grid from <Link href="/sweeps/new">New sweep</Link> or the paper&apos;s from <Link href="/reproduce">Reproduce the paper</Link>.</p></div>;
  return (
    <div className="card table-card">
      <table className="runs-table" data-testid="sweeps-table">
        <thead>
          <tr><th scope="col">Name</th><th scope="col" className="num">Runs</th><th scope="col" className="num">Seeds</th><th scope="col">Progress</th><th scope="col">Created</th></tr>
        </thead>
        <tbody>
          {data.sweeps.nodes.map((s) => (
            <tr key={s.id}>
              <td className="name-cell"><Link href={`/sweeps/${s.id}`}>{s.name}</Link></td>
              <td className="num">{s.progress.total}</td>
              <td className="num">{s.seeds}</td>
              <td>{s.progress.succeeded} done, {s.progress.running} running, {s.progress.queued} queued{s.progress.failed ? `, ${s.progress.failed} failed` : ""} · {Math.floor(s.progress.fraction * 100)}%</td>
              <td className="muted">{formatTimestamp(s.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
