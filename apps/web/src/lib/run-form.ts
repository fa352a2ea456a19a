import type { GraphQLErrorItem } from "./types.ts";

/** Form fields, keyed by their CreateRunInput / RunConfigInput names (schema.graphql); clampRho is config.clamp.rho. */
export type FieldKey =
  | "name" | "model" | "p" | "op" | "trainFraction" | "lr" | "weightDecay" | "temperature" | "loss" | "steps" | "evalEvery" | "seed"
  | "seeds" | "clampRho" | "stopAfterGrok";

export interface FieldSpec {
  key: FieldKey;
  /** Visible <label> text; end-to-end tests find inputs by it, so keep it exact. */
  label: string;
  kind: "int" | "float" | "select" | "text";
  options?: readonly { value: string; label: string }[];
  hint?: string;
  /** Blank means "not set": the field is left out of config so the API keeps its default. */
  optional?: boolean;
  /** Shown in an empty optional input: what blank means. */
  placeholder?: string;
  /** Dotted RunConfigInput path when it is not the key itself (clampRho → "clamp.rho"). */
  configPath?: string;
}

export const RUN_FORM_FIELDS: readonly FieldSpec[] = [
  {
    key: "model",
    label: "Model",
    kind: "select",
    // RunConfigInput.model is a String, not an enum: the lower-case values the API stores.
    options: [
      { value: "mlp", label: "MLP" },
      { value: "transformer", label: "transformer" },
    ],
    hint: "Architecture",
  },
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
  { key: "seeds", label: "Seeds", kind: "int", hint: "Trained together as one batched run (1–32); seed i uses seed + i" },
  {
    key: "clampRho",
    label: "Clamp ρ",
    kind: "float",
    optional: true,
    placeholder: "unclamped",
    configPath: "clamp.rho",
    hint: "Weight norm clamped to ρ·w_c, w_c calibrated from the registry",
  },
  {
    key: "stopAfterGrok",
    label: "Stop after grok",
    kind: "int",
    optional: true,
    placeholder: "whole budget",
    hint: "Steps to train on once every seed has grokked",
  },
  { key: "name", label: "Name", kind: "text", hint: "Optional; generated from the config when empty" },
];

export type FormValues = Record<FieldKey, string>;

/** The paper's cell (schema.graphql RunConfigInput defaults) with seed 0, one seed, unclamped. */
export const DEFAULT_FORM_VALUES: FormValues = {
  name: "",
  model: "mlp",
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
  seeds: "1",
  clampRho: "",
  stopAfterGrok: "",
};

export type FieldErrors = Partial<Record<FieldKey, string>>;

/** RunConfigInput path (e.g. "clamp.rho") → form field; "name" is its own path. */
const FIELD_BY_PATH = new Map<string, FieldKey>(RUN_FORM_FIELDS.map((f) => [f.configPath ?? f.key, f.key]));

/** RunConfigInput as the form sends it: scalars, and nested inputs such as clamp { rho }. */
export interface RunConfigValues {
  [key: string]: string | number | RunConfigValues;
}

export interface CreateRunInput {
  name?: string;
  config: RunConfigValues;
  clientMutationId: string;
}

/** Sets config at a dotted path, creating nested inputs on the way ("clamp.rho" → { clamp: { rho } }). */
function setAtPath(config: RunConfigValues, path: string, value: string | number) {
  const parts = path.split(".");
  let node = config;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = typeof next === "object" ? next : (node[part] = {});
  }
  node[parts.at(-1)!] = value;
}

export type BuildResult = { ok: true; input: CreateRunInput } | { ok: false; errors: FieldErrors };

/**
 * Form strings → CreateRunInput. Only checks that numbers are numbers; the API owns every other
 * rule (primality, ranges, integrality) and answers BAD_USER_INPUT naming the field.
 */
export function buildCreateRunInput(values: FormValues, clientMutationId: string): BuildResult {
  const errors: FieldErrors = {};
  const config: RunConfigValues = {};
  for (const field of RUN_FORM_FIELDS) {
    if (field.key === "name") continue;
    const raw = values[field.key].trim();
    // Omitted, not null: the API reads absence as "default" (unclamped, whole budget).
    if (field.optional && raw === "") continue;
    const path = field.configPath ?? field.key;
    if (field.kind === "select") {
      if (!field.options?.some((o) => o.value === raw)) errors[field.key] = `Choose one of ${field.options?.map((o) => o.label).join(", ")}`;
      else setAtPath(config, path, raw);
      continue;
    }
    const n = raw === "" ? NaN : Number(raw);
    if (!Number.isFinite(n)) errors[field.key] = "Enter a number";
    else setAtPath(config, path, n);
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

/**
 * "input.config.p", "i.config.p", "config.p" or "p" → "p"; "config.clamp.rho" or "clamp.rho"
 * (the spec's path) → "clampRho"; "name" and "input.name" → "name".
 */
export function formFieldOf(path: string | undefined): FieldKey | undefined {
  if (!path) return undefined;
  const marker = path.lastIndexOf("config.");
  if (marker >= 0) return FIELD_BY_PATH.get(path.slice(marker + "config.".length));
  return FIELD_BY_PATH.get(path) ?? FIELD_BY_PATH.get(path.split(".").at(-1) ?? "");
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
      const name = /^([A-Za-z.]+): /.exec(segment)?.[1];
      const named = formFieldOf(name);
      const key = named ?? field;
      // Strip the API's own name ("clamp.rho: "), which differs from the form key for nested fields.
      add(key, withoutFieldPrefix(segment, named && name ? name : key));
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
