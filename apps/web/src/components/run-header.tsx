import { formatDuration, formatInt, formatNumber, formatTimestamp, isActiveStatus, progressPercent } from "../lib/format.ts";
import type { RunDetail } from "../lib/types.ts";
import { useCanEdit } from "../hooks/use-me.tsx";
import { CancelButton } from "./cancel-button.tsx";
import { ProgressBar } from "./progress-bar.tsx";
import { StatusBadge } from "./status-badge.tsx";

/** Name, status, progress and live facts of a run, with its cancel button while it is live. */
export function RunHeader({ run, onCancelled }: { run: RunDetail; onCancelled: () => void }) {
  const { progress } = run;
  const live = isActiveStatus(run.status);
  const editable = useCanEdit();
  return (
    <section className="card run-header">
      <div className="run-title">
        <h1>{run.name}</h1>
        <StatusBadge status={run.status} testId="run-status" />
        {live && editable && <CancelButton runId={run.id} requested={run.cancelRequested} onDone={onCancelled} />}
      </div>
      {run.status === "FAILED" && run.error && (
        <pre className="notice notice-error run-error">{run.error}</pre>
      )}
      <div className="progress-row">
        <ProgressBar stepsDone={progress.stepsDone} stepsTotal={progress.stepsTotal} />
        <span className="progress-text">
          {formatInt(progress.stepsDone)} / {formatInt(progress.stepsTotal)} steps · {progressPercent(progress.stepsDone, progress.stepsTotal)}%
        </span>
      </div>
      <dl className="facts">
        <div>
          <dt>Backend</dt>
          <dd>{run.backend ?? "not started"}</dd>
        </div>
        <div>
          <dt>ms / step</dt>
          <dd>{formatNumber(progress.msPerStep)}</dd>
        </div>
        <div>
          <dt>ETA</dt>
          <dd>{live ? formatDuration(progress.etaSeconds) : "—"}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatTimestamp(run.createdAt)}</dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>{formatTimestamp(run.finishedAt)}</dd>
        </div>
        <div>
          <dt>Worker</dt>
          <dd className="mono">{run.worker ?? "—"}</dd>
        </div>
      </dl>
    </section>
  );
}
