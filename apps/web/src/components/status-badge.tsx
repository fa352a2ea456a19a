import { statusLabel } from "../lib/format.ts";
import type { RunStatus } from "../lib/types.ts";

/** Coloured pill whose text is the lowercase status (queued, running, succeeded, failed, cancelled). */
export function StatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  return (
    <span className={`badge badge-${statusLabel(status)}`} data-testid={testId}>
      {statusLabel(status)}
    </span>
  );
}
