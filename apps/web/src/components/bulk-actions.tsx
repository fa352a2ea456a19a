"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { MAX_COMPARE } from "../lib/compare.ts";
import { useCanEdit } from "../hooks/use-me.tsx";
import { errorMessage, graphqlRequest } from "../lib/graphql-client.ts";
import { ADD_TAGS_MUTATION, CANCEL_RUN_MUTATION } from "../lib/queries.ts";

/** What to do with the ticked runs: compare them, tag them all, or cancel the active ones. */
export function BulkActions({ selected, activeSelected, onClear, onDone }: { selected: string[]; activeSelected: string[]; onClear: () => void; onDone: () => void }) {
  const router = useRouter();
  const editable = useCanEdit();
  const [tag, setTag] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const each = async (label: string, ids: string[], call: (id: string) => Promise<unknown>) => {
    setBusy(true);
    setMessage(null);
    const results = await Promise.allSettled(ids.map(call));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    setMessage(failed.length === 0 ? `${label} ${ids.length} run${ids.length === 1 ? "" : "s"}.` : `${failed.length} of ${ids.length} failed: ${errorMessage(failed[0]!.reason)}`);
    setBusy(false);
    onDone();
  };

  return (
    <div className="table-tools" data-testid="bulk-actions">
      <span className="muted">{selected.length === 0 ? `Tick runs to compare (up to ${MAX_COMPARE}), tag or cancel them.` : `${selected.length} selected`}</span>
      {selected.length > 0 && (
        <>
          <button type="button" className="button" onClick={onClear}>
            Clear
          </button>
          {editable && <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const tags = tag.split(",").map((t) => t.trim()).filter(Boolean);
              if (tags.length > 0) void each("Tagged", selected, (runId) => graphqlRequest(ADD_TAGS_MUTATION, { runId, tags })).then(() => setTag(""));
            }}
          >
            <input aria-label="Tag to add to the selected runs" placeholder="tag" value={tag} onChange={(e) => setTag(e.target.value)} />
            <button type="submit" className="button" disabled={busy || tag.trim() === ""}>
              Tag selected
            </button>
          </form>}
          {editable && <button type="button" className="button button-danger" disabled={busy || activeSelected.length === 0} onClick={() => void each("Cancel requested for", activeSelected, (id) => graphqlRequest(CANCEL_RUN_MUTATION, { id }))}>
            Cancel active ({activeSelected.length})
          </button>}
        </>
      )}
      <button
        type="button"
        className="button button-primary"
        disabled={selected.length < 2 || selected.length > MAX_COMPARE}
        onClick={() => router.push(`/compare?ids=${selected.map(encodeURIComponent).join(",")}`)}
      >
        Compare ({selected.length})
      </button>
      {message && (
        <span className="muted" role="status">
          {message}
        </span>
      )}
    </div>
  );
}
