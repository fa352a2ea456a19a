"use client";

import { useState } from "react";
import { errorMessage, graphqlRequest } from "../lib/graphql-client.ts";
import { CANCEL_RUN_MUTATION } from "../lib/queries.ts";

/** Requests cancellation; a running run stops at the worker's next report, so we keep polling. */
export function CancelButton({ runId, requested, onDone }: { runId: string; requested: boolean; onDone: () => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = pending || requested;

  const cancel = async () => {
    setPending(true);
    setError(null);
    try {
      await graphqlRequest(CANCEL_RUN_MUTATION, { id: runId });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
      onDone();
    }
  };

  return (
    <div className="cancel">
      <button type="button" className="button button-danger" onClick={cancel} disabled={busy}>
        Cancel run
      </button>
      {requested && <span className="muted">Cancelling at the worker&apos;s next report…</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
