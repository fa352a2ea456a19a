"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { errorMessage, graphqlRequest, GraphQLRequestError } from "../lib/graphql-client.ts";
import { CREATE_RUN_MUTATION } from "../lib/queries.ts";
import {
  buildCreateRunInput,
  DEFAULT_FORM_VALUES,
  randomId,
  RUN_FORM_FIELDS,
  splitApiErrors,
  type FieldErrors,
  type FieldKey,
  type FormValues,
} from "../lib/run-form.ts";
import { FormField } from "./form-field.tsx";

/** "New run": the paper's cell by default; the API validates, errors land on their fields. */
export function RunForm() {
  const router = useRouter();
  const [values, setValues] = useState<FormValues>(DEFAULT_FORM_VALUES);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  // One idempotency key per distinct submitted form: a double or retried submit of the same
  // values reuses it (the API returns the first run), changed values get a fresh one.
  const keyRef = useRef<{ signature: string; key: string } | null>(null);

  const setValue = (key: FieldKey, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setFieldErrors((e) => {
      if (!e[key]) return e;
      const next = { ...e };
      delete next[key];
      return next;
    });
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const signature = JSON.stringify(values);
    if (keyRef.current?.signature !== signature) keyRef.current = { signature, key: randomId() };
    const built = buildCreateRunInput(values, keyRef.current.key);
    if (!built.ok) {
      setFieldErrors(built.errors);
      setFormErrors([]);
      return;
    }
    setSubmitting(true);
    setFormErrors([]);
    try {
      const data = await graphqlRequest<{ createRun: { id: string } }>(CREATE_RUN_MUTATION, { input: built.input });
      router.push(`/runs/${data.createRun.id}`);
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.errors.length > 0) {
        const { fields, general } = splitApiErrors(error.errors);
        setFieldErrors(fields);
        setFormErrors(general);
      } else {
        setFieldErrors({});
        setFormErrors([errorMessage(error)]);
      }
      setSubmitting(false);
    }
  };

  return (
    <form className="card run-form" onSubmit={onSubmit} noValidate>
      {formErrors.length > 0 && (
        <div className="notice notice-error" role="alert">
          {formErrors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      <div className="form-grid">
        {RUN_FORM_FIELDS.map((field) => (
          <FormField key={field.key} field={field} value={values[field.key]} error={fieldErrors[field.key]} onChange={(v) => setValue(field.key, v)} />
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submitting}>
          Launch run
        </button>
        <button type="button" className="button" disabled={submitting} onClick={() => {
          setValues(DEFAULT_FORM_VALUES);
          setFieldErrors({});
          setFormErrors([]);
        }}>
          Reset to paper defaults
        </button>
        {submitting && <span className="muted">Queuing…</span>}
      </div>
    </form>
  );
}
