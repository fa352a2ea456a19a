import type { FieldSpec } from "../lib/run-form.ts";

/** One labelled input or select, with its hint and (when the API refused it) its error. */
export function FormField({ field, value, error, onChange }: { field: FieldSpec; value: string; error?: string; onChange: (value: string) => void }) {
  const id = `field-${field.key}`;
  const describedBy = [field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: field.key,
    value,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
  } as const;
  return (
    <div className={`field${error ? " field-invalid" : ""}${field.kind === "text" ? " field-wide" : ""}`}>
      <label htmlFor={id}>{field.label}</label>
      {field.kind === "select" ? (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : field.kind === "text" ? (
        <input {...common} type="text" autoComplete="off" placeholder="generated from the config" onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="number" step="any" inputMode="decimal" placeholder={field.placeholder} onChange={(e) => onChange(e.target.value)} />
      )}
      {field.hint && (
        <span className="hint" id={`${id}-hint`}>
          {field.hint}
        </span>
      )}
      {error && (
        <span className="field-error" role="alert" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
