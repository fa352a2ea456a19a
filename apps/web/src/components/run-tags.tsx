"use client";

import { useState } from "react";
import { useCanEdit } from "../hooks/use-me.tsx";
import { errorMessage, graphqlRequest } from "../lib/graphql-client.ts";
import { ADD_TAGS_MUTATION, REMOVE_TAGS_MUTATION } from "../lib/queries.ts";

/** A run's tags as chips: ✕ removes one, the field adds comma-separated tags. */
export function RunTags({ runId, tags, onChanged }: { runId: string; tags: string[]; onChanged: () => void }) {
  const editable = useCanEdit();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const mutate = async (query: string, list: string[]) => {
    setError(null);
    try {
      await graphqlRequest(query, { runId, tags: list });
      onChanged();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  };
  return (
    <div className="run-tags" data-testid="run-tags">
      {tags.length === 0 && <span className="muted">No tags</span>}
      {tags.map((t) => (
        <span key={t} className="chip chip-static">
          {t}
          {editable && <button type="button" className="chip-remove" aria-label={`Remove tag ${t}`} onClick={() => void mutate(REMOVE_TAGS_MUTATION, [t])}>
            ✕
          </button>}
        </span>
      ))}
      {editable && <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const list = draft.split(",").map((t) => t.trim()).filter(Boolean);
          if (list.length > 0) void mutate(ADD_TAGS_MUTATION, list).then((ok) => ok && setDraft(""));
        }}
      >
        <input aria-label="New tag" placeholder="add tag" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button" disabled={draft.trim() === ""}>
          Add tag
        </button>
      </form>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
