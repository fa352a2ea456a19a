import type { GraphQLErrorItem } from "./types.ts";

/** Form fields, keyed by their CreateRunInput / RunConfigInput names (schema.graphql). */
export type FieldKey = "name" | "p" | "op" | "trainFraction" | "lr" | "weightDecay" | "temperature" | "loss" | "steps" | "evalEvery" | "seed";

export interface FieldSpec {
  key: FieldKey;
  /** Visible <label> text; end-to-end tests find inputs by it, so keep it exact. */
  label: string;
  kind: "int" | "float" | "select" | "text";
  options?: readonly { value: string; label: string }[];
  hint?: string;
}

export const RUN_FORM_FIELDS: readonly FieldSpec[] = [
  { key: "p", label: "p", kind: "int", hint: "Prime modulus of the task" },
  {
    key: "op",
    label: "Operation",
    kind: "select",
    options: [
      { value: "ADD", label: "add" },
      { value: "SUB", label: "sub" },
      { value: "MUL", label: "mul" },
      { value: "DIV", label: "div" },
    ],
    hint: "(a ∘ b) mod p",
  },
  { key: "trainFraction", label: "Train fraction", kind: "float", hint: "Share of all pairs trained on" },
  { key: "lr", label: "Learning rate", kind: "float", hint: "AdamW" },
  { key: "weightDecay", label: "Weight decay", kind: "float", hint: "Decoupled λ" },
  { key: "temperature", label: "Temperature τ", kind: "float", hint: "Loss sees z/τ" },
  {
    key: "loss",
    label: "Loss",
    kind: "select",
    options: [
      { value: "CE", label: "ce" },
      { value: "MSE", label: "mse" },
    ],
    hint: "Cross-entropy or squared error",
  },
  { key: "steps", label: "Step budget", kind: "int", hint: "Optimiser steps" },
  { key: "evalEvery", label: "Eval every", kind: "int", hint: "Steps between evaluations" },
  { key: "seed", label: "Seed", kind: "int", hint: "Initialisation and data split" },
  { key: "name", label: "Name", kind: "text", hint: "Optional; generated from the config when empty" },
];

export type FormValues = Record<FieldKey, string>;

/** The paper's cell (schema.graphql RunConfigInput defaults) with seed 0. */
export const DEFAULT_FORM_VALUES: FormValues = {
  name: "",
  p: "97",
  op: "ADD",
  trainFraction: "0.4",
  lr: "0.001",
  weightDecay: "1",
  temperature: "1",
  loss: "CE",
  steps: "10000",
  evalEvery: "10",
  seed: "0",
};

export type FieldErrors = Partial<Record<FieldKey, string>>;

const FIELD_KEYS = new Set<string>(RUN_FORM_FIELDS.map((f) => f.key));

export interface CreateRunInput {
  name?: string;
  config: Record<string, string | number>;
  clientMutationId: string;
}

export type BuildResult = { ok: true; input: CreateRunInput } | { ok: false; errors: FieldErrors };

/**
 * Form strings → CreateRunInput. Only checks that numbers are numbers; the API owns every other
 * rule (primality, ranges, integrality) and answers BAD_USER_INPUT naming the field.
 */
export function buildCreateRunInput(values: FormValues, clientMutationId: string): BuildResult {
  const errors: FieldErrors = {};
  const config: Record<string, string | number> = {};
  for (const field of RUN_FORM_FIELDS) {
    if (field.key === "name") continue;
    const raw = values[field.key].trim();
    if (field.kind === "select") {
      if (!field.options?.some((o) => o.value === raw)) errors[field.key] = `Choose one of ${field.options?.map((o) => o.label).join(", ")}`;
      else config[field.key] = raw;
      continue;
    }
    const n = raw === "" ? NaN : Number(raw);
    if (!Number.isFinite(n)) errors[field.key] = "Enter a number";
    else config[field.key] = n;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const name = values.name.trim();
  return { ok: true, input: { ...(name ? { name } : {}), config, clientMutationId } };
}

/** "p: p: must be prime" → "must be prime": the label already names the field. */
export function withoutFieldPrefix(message: string, field: string): string {
  const prefix = `${field}: `;
  let rest = message;
  while (rest.startsWith(prefix)) rest = rest.slice(prefix.length);
  return rest.trim() || message;
}

/** "input.config.p", "i.config.p", "config.p" or "p" → "p"; "name" stays "name". */
export function formFieldOf(path: string | undefined): FieldKey | undefined {
  if (!path) return undefined;
  const key = path.includes("config.") ? path.slice(path.lastIndexOf("config.") + "config.".length) : path.split(".").at(-1);
  return key && FIELD_KEYS.has(key) ? (key as FieldKey) : undefined;
}

/**
 * Splits API errors into messages for known form fields and messages for the whole form.
 * Routing uses extensions.field; an error that bundles several issues ("p: …; lr: …") has
 * each "<field>: " segment sent to its own field so no message lands on the wrong input.
 */
export function splitApiErrors(errors: readonly GraphQLErrorItem[]): { fields: FieldErrors; general: string[] } {
  const fields: FieldErrors = {};
  const general: string[] = [];
  const add = (key: FieldKey, message: string) => {
    fields[key] = fields[key] ? `${fields[key]}; ${message}` : message;
  };
  for (const error of errors) {
    const field = error.extensions?.code === "BAD_USER_INPUT" ? formFieldOf(error.extensions.field) : undefined;
    if (!field) {
      general.push(error.message);
      continue;
    }
    for (const segment of error.message.split(/;\s+(?=[A-Za-z.]+: )/)) {
      const named = formFieldOf(/^([A-Za-z.]+): /.exec(segment)?.[1]);
      const key = named ?? field;
      add(key, withoutFieldPrefix(segment, key));
    }
  }
  return { fields, general };
}

/** Idempotency keys must be random, also on plain-http origins where crypto.randomUUID is absent. */
export function randomId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
