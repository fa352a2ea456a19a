"use client";

import { useState } from "react";
import ReactMarkdown from "react-markdown";
import { useCanEdit } from "../hooks/use-me.tsx";
import { errorMessage, graphqlRequest } from "../lib/graphql-client.ts";
import { UPDATE_RUN_MUTATION } from "../lib/queries.ts";

/** The run's notes as Markdown (raw HTML is never rendered: skipHtml), edited in place. */
export function RunNotes({ runId, notes, onChanged }: { runId: string; notes: string | null; onChanged: () => void }) {
  const editable = useCanEdit();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(notes ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await graphqlRequest(UPDATE_RUN_MUTATION, { id: runId, input: { notes: draft } });
      setEditing(false);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card panel run-notes" data-testid="run-notes">
      <div className="panel-head">
        <h2>Notes</h2>
        {!editing && editable && (
          <button type="button" className="button" onClick={() => { setDraft(notes ?? ""); setEditing(true); }}>
            Edit notes
          </button>
        )}
      </div>
      {editing ? (
        <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <textarea aria-label="Notes (Markdown)" rows={6} value={draft} maxLength={10_000} onChange={(e) => setDraft(e.target.value)} />
          <div className="filter-actions">
            <button type="submit" className="button button-primary" disabled={saving}>
              Save notes
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {error && <span className="field-error" role="alert">{error}</span>}
          </div>
        </form>
      ) : notes ? (
        <div className="markdown">
          <ReactMarkdown skipHtml>{notes}</ReactMarkdown>
        </div>
      ) : (
        <p className="muted">No notes yet. Markdown is supported.</p>
      )}
    </section>
  );
}
