/**
 * The runs table's filter builder: rows of (field, operator, value) joined by AND or OR, mapped to
 * the API's RunFilter (apps/api/schema.graphql). Kept in the URL as `f=field:op:value` (repeated)
 * plus `join=or`, so a filtered view can be shared and reloaded.
 */
export type FilterJoin = "and" | "or";
export type FilterOp = "eq" | "ne" | "gte" | "lte" | "in" | "contains" | "is";
export interface FilterRow {
  field: FilterField;
  op: FilterOp;
  value: string;
}

type FieldKind = "int" | "float" | "enum" | "text" | "bool" | "tags";
const FIELDS = {
  p: { label: "p", kind: "int" },
  temperature: { label: "τ", kind: "float" },
  weightDecay: { label: "λ", kind: "float" },
  lr: { label: "lr", kind: "float" },
  trainFraction: { label: "train fraction", kind: "float" },
  clampRho: { label: "clamp ρ", kind: "float" },
  seeds: { label: "seeds", kind: "int" },
  tGrok: { label: "T_grok", kind: "int" },
  delay: { label: "delay", kind: "int" },
  seedsGrokked: { label: "seeds grokked", kind: "int" },
  grokked: { label: "grokked", kind: "bool" },
  status: { label: "status", kind: "enum" },
  loss: { label: "loss", kind: "enum" },
  op: { label: "operation", kind: "enum" },
  model: { label: "model", kind: "enum" },
  tags: { label: "tags", kind: "tags" },
  text: { label: "name / notes", kind: "text" },
} as const satisfies Record<string, { label: string; kind: FieldKind }>;
export type FilterField = keyof typeof FIELDS;
export const FILTER_FIELDS = Object.keys(FIELDS) as FilterField[];
export const fieldLabel = (field: FilterField): string => FIELDS[field].label;

const OPS_BY_KIND: Record<FieldKind, FilterOp[]> = {
  int: ["eq", "ne", "gte", "lte", "in"],
  float: ["eq", "ne", "gte", "lte", "in"],
  enum: ["in", "ne"],
  text: ["contains"],
  bool: ["is"],
  tags: ["in"],
};
export const OP_LABELS: Record<FilterOp, string> = { eq: "=", ne: "≠", gte: "≥", lte: "≤", in: "is one of", contains: "contains", is: "is" };
export const opsFor = (field: FilterField): FilterOp[] => OPS_BY_KIND[FIELDS[field].kind];

export type RunFilterInput = Record<string, unknown>;
export type FilterResult = { ok: true; filter: RunFilterInput | null } | { ok: false; error: string };

const list = (value: string) =>
  value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");

/** One row → one RunFilter, or an error naming the row's field. */
function rowFilter(row: FilterRow): RunFilterInput | string {
  const kind = FIELDS[row.field].kind;
  const label = FIELDS[row.field].label;
  if (!opsFor(row.field).includes(row.op)) return `${label}: “${OP_LABELS[row.op]}” does not apply`;
  if (kind === "text") return row.value.trim() === "" ? `${label}: enter some text` : { text: row.value.trim() };
  if (kind === "bool") return row.value === "true" || row.value === "false" ? { grokked: row.value === "true" } : `${label}: choose yes or no`;
  const values = list(row.value);
  if (values.length === 0) return `${label}: enter a value`;
  if (kind === "tags") return { tags: values };
  if (kind === "enum") {
    const upper = row.field === "model" ? values : values.map((v) => v.toUpperCase());
    return row.op === "ne" ? { not: { [row.field]: upper } } : { [row.field]: upper };
  }
  const numbers = values.map(Number);
  if (numbers.some((n) => !Number.isFinite(n) || (kind === "int" && !Number.isInteger(n)))) return `${label}: “${row.value}” is not ${kind === "int" ? "a whole number" : "a number"}`;
  if (row.op !== "in" && numbers.length !== 1) return `${label}: one value only (use “is one of” for a list)`;
  const n = numbers[0]!;
  switch (row.op) {
    case "eq": return { [row.field]: { in: [n] } };
    case "ne": return { not: { [row.field]: { in: [n] } } };
    case "gte": return { [row.field]: { min: n } };
    case "lte": return { [row.field]: { max: n } };
    default: return { [row.field]: { in: numbers } };
  }
}

/** The rows joined by AND / OR; null when there are no rows (all runs). */
export function toRunFilter(rows: readonly FilterRow[], join: FilterJoin): FilterResult {
  const parts: RunFilterInput[] = [];
  for (const row of rows) {
    const part = rowFilter(row);
    if (typeof part === "string") return { ok: false, error: part };
    parts.push(part);
  }
  if (parts.length === 0) return { ok: true, filter: null };
  if (parts.length === 1) return { ok: true, filter: parts[0]! };
  return { ok: true, filter: { [join]: parts } };
}

const isField = (f: string): f is FilterField => Object.hasOwn(FIELDS, f);
const isOp = (o: string): o is FilterOp => Object.hasOwn(OP_LABELS, o);

/** Rows from the URL; malformed entries are dropped (a hand-edited link should still open). */
export function parseFilterRows(params: { getAll(name: string): string[] }): FilterRow[] {
  return params.getAll("f").flatMap((entry) => {
    const [field = "", op = "", ...rest] = entry.split(":");
    return isField(field) && isOp(op) ? [{ field, op, value: rest.join(":") }] : [];
  });
}

export const parseJoin = (params: { get(name: string): string | null }): FilterJoin => (params.get("join") === "or" ? "or" : "and");

/** Writes rows and join into `params` (replacing earlier ones). */
export function writeFilterParams(params: URLSearchParams, rows: readonly FilterRow[], join: FilterJoin): void {
  params.delete("f");
  params.delete("join");
  for (const row of rows) params.append("f", `${row.field}:${row.op}:${row.value}`);
  if (join === "or" && rows.length > 1) params.set("join", "or");
}
