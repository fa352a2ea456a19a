"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { proxiedExportUrl } from "../lib/export-url.ts";
import { useCanEdit } from "../hooks/use-me.tsx";
import { errorMessage, graphqlRequest } from "../lib/graphql-client.ts";
import { FORK_RUN_MUTATION, RERUN_MUTATION } from "../lib/queries.ts";

/** Rerun (same config, new run), fork at the step picked on a chart, and the full-resolution exports. */
export function RunActions({ runId, exportUrls, pickedStep }: { runId: string; exportUrls: { metricsCsv: string; metricsJson: string }; pickedStep: number | null }) {
  const router = useRouter();
  const editable = useCanEdit();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const csv = proxiedExportUrl(exportUrls.metricsCsv);
  const json = proxiedExportUrl(exportUrls.metricsJson);
  const rerun = async () => {
    setBusy(true);
    setError(null);
    try {
      const data = await graphqlRequest<{ rerun: { id: string } }>(RERUN_MUTATION, { id: runId, clientMutationId: `rerun-${runId}-${Date.now()}` });
      router.push(`/runs/${data.rerun.id}`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  const fork = async (step: number) => {
    setBusy(true);
    setError(null);
    try {
      const data = await graphqlRequest<{ forkRun: { id: string } }>(FORK_RUN_MUTATION, { runId, step, idempotencyKey: `fork-${runId}-${step}-${Date.now()}` });
      router.push(`/runs/${data.forkRun.id}`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <div className="run-actions">
      {editable && pickedStep != null && (
        <button type="button" className="button" onClick={() => void fork(pickedStep)} disabled={busy} title="Start a new run from this run's checkpoint at the step picked on a chart">
          Fork at step {pickedStep.toLocaleString("en")}
        </button>
      )}
      {editable && (
        <button type="button" className="button" onClick={() => void rerun()} disabled={busy}>
          Rerun
        </button>
      )}
      {csv && (
        <a className="button" href={csv} download>
          Export CSV
        </a>
      )}
      {json && (
        <a className="button" href={json} download>
          Export JSON
        </a>
      )}
      {error && <span className="field-error" role="alert">{error}</span>}
    </div>
  );
}
