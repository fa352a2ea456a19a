"use client";

import { useEffect, useState } from "react";
import { useCanEdit } from "../hooks/use-me.tsx";
import { errorMessage, graphqlRequest } from "../lib/graphql-client.ts";
import { ADD_ANNOTATION_MUTATION, DELETE_ANNOTATION_MUTATION, UPDATE_ANNOTATION_MUTATION } from "../lib/queries.ts";
import { formatInt } from "../lib/format.ts";
import type { Annotation } from "../lib/types.ts";

/**
 * Notes pinned to steps: a click on a chart fills in the step (`pickedStep`), the list edits and
 * deletes in place. Each mutation re-fetches the run so the chart markers follow.
 */
export function AnnotationsPanel({ runId, annotations, pickedStep, onChanged }: { runId: string; annotations: Annotation[]; pickedStep: number | null; onChanged: () => void }) {
  const editable = useCanEdit();
  const [step, setStep] = useState("");
  const [text, setText] = useState("");
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (pickedStep != null) setStep(String(pickedStep));
  }, [pickedStep]);

  const run = async (query: string, variables: Record<string, unknown>) => {
    setError(null);
    try {
      await graphqlRequest(query, variables);
      onChanged();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  };
  const add = async () => {
    const parsed = step.trim() === "" ? null : Number(step);
    if (parsed != null && (!Number.isInteger(parsed) || parsed < 0)) return setError("Step must be a whole number ≥ 0 (or empty for the whole run).");
    if (await run(ADD_ANNOTATION_MUTATION, { runId, step: parsed, text })) {
      setText("");
      setStep("");
    }
  };

  return (
    <section className="card panel annotations" data-testid="annotations">
      <h2>Annotations</h2>
      {editable && <p className="muted">Click a chart to pick a step, then write the note.</p>}
      {editable && <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void add(); }}>
        <input aria-label="Annotation step" inputMode="numeric" placeholder="step" value={step} onChange={(e) => setStep(e.target.value)} className="step-input" />
        <input aria-label="Annotation text" placeholder="What happened here?" value={text} onChange={(e) => setText(e.target.value)} className="grow" />
        <button type="submit" className="button button-primary" disabled={text.trim() === ""}>
          Add annotation
        </button>
      </form>}
      {error && <p className="field-error" role="alert">{error}</p>}
      {annotations.length === 0 ? (
        <p className="muted">No annotations yet.</p>
      ) : (
        <ul className="annotation-list">
          {annotations.map((a) => (
            <li key={a.id} data-testid="annotation">
              <span className="mono">{a.step == null ? "run" : `step ${formatInt(a.step)}`}</span>
              {editing?.id === a.id ? (
                <form className="inline-form grow" onSubmit={(e) => { e.preventDefault(); void run(UPDATE_ANNOTATION_MUTATION, { id: a.id, text: editing.text }).then((ok) => ok && setEditing(null)); }}>
                  <input aria-label="Edit annotation text" className="grow" value={editing.text} onChange={(e) => setEditing({ id: a.id, text: e.target.value })} />
                  <button type="submit" className="button">Save</button>
                  <button type="button" className="button" onClick={() => setEditing(null)}>Cancel</button>
                </form>
              ) : (
                <>
                  <span className="grow">{a.text}</span>
                  {a.author && <span className="muted">{a.author}</span>}
                  {editable && <button type="button" className="button button-ghost" onClick={() => setEditing({ id: a.id, text: a.text })}>Edit</button>}
                  {editable && <button type="button" className="button button-ghost" aria-label={`Delete annotation at ${a.step == null ? "run" : `step ${a.step}`}`} onClick={() => void run(DELETE_ANNOTATION_MUTATION, { id: a.id })}>Delete</button>}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
