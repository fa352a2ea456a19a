import { z } from "zod";
import { normalizeTag, type NumberFilter, type RunFilter } from "@grokscope/db";
import { RUN_STATUSES } from "@grokscope/spec";
import { badUserInput } from "./errors.ts";

/**
 * Validates a RunFilter as the GraphQL schema shapes it (SCREAMING_CASE enums) and turns it into
 * the database's filter (lower case). GraphQL arguments and the export routes' JSON `filter`
 * parameter go through this one function, so both accept exactly the same filters.
 */

// Bounds keep one request from building an enormous SQL statement.
const MAX_DEPTH = 6;
const MAX_NODES = 50;
const MAX_LIST = 100;
const MAX_TEXT = 200;

const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_LIST).nullish();
const range = (value: z.ZodNumber) =>
  z
    .object({ in: list(value), min: value.nullish(), max: value.nullish() })
    .strict()
    .nullish()
    .refine((r) => r?.min == null || r.max == null || r.min <= r.max, { message: "min must not exceed max", path: ["min"] });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const int = z.number().int().min(-2_147_483_648).max(2_147_483_647);
const float = z.number();

const upper = <T extends readonly string[]>(values: T) => z.enum(values.map((v) => v.toUpperCase()) as [string, ...string[]]);

interface FilterInput {
  [key: string]: unknown;
}
const filterInput: z.ZodType<FilterInput> = z.lazy(() =>
  z
    .object({
      status: list(upper(RUN_STATUSES)),
      tags: list(z.string()),
      text: z.string().max(MAX_TEXT).nullish(),
      p: range(int),
      op: list(upper(["add", "sub", "mul", "div"])),
      loss: list(upper(["ce", "mse"])),
      model: list(z.string().max(64)),
      temperature: range(float),
      weightDecay: range(float),
      lr: range(float),
      trainFraction: range(float),
      tGrok: range(int),
      sweep: list(z.string().regex(UUID, "must be a sweep id")),
      clampRho: range(float),
      seeds: range(int),
      delay: range(int),
      seedsGrokked: range(int),
      grokked: z.boolean().nullish(),
      and: list(filterInput),
      or: list(filterInput),
      not: filterInput.nullish(),
    })
    .strict(),
);

/** Refuses over-deep or over-large filters before any recursive validation (no stack to blow). */
function checkSize(value: unknown, field: string) {
  let nodes = 0;
  const walk = (v: unknown, depth: number) => {
    if (!v || typeof v !== "object" || Array.isArray(v)) return;
    if (depth > MAX_DEPTH) throw badUserInput(field, `nests and/or/not deeper than ${MAX_DEPTH} levels`);
    if (++nodes > MAX_NODES) throw badUserInput(field, `has more than ${MAX_NODES} sub-filters`);
    const o = v as Record<string, unknown>;
    for (const key of ["and", "or"]) if (Array.isArray(o[key])) for (const child of (o[key] as unknown[]).slice(0, MAX_LIST)) walk(child, depth + 1);
    walk(o.not, depth + 1);
  };
  walk(value, 1);
}

const present = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;

function toNumberFilter(r: unknown): NumberFilter | undefined {
  if (!present(r)) return undefined;
  const { in: values, min, max } = r as { in?: number[] | null; min?: number | null; max?: number | null };
  return { ...(present(values) ? { in: values } : {}), ...(present(min) ? { min } : {}), ...(present(max) ? { max } : {}) };
}

function toDbFilter(input: FilterInput, field: string): RunFilter {
  const lower = (v: unknown) => (present(v) ? (v as string[]).map((s) => s.toLowerCase()) : undefined);
  const tags = present(input.tags)
    ? (input.tags as string[]).map((raw) => {
        const r = normalizeTag(raw);
        if (!r.ok) throw badUserInput(`${field}.tags`, r.message);
        return r.tag;
      })
    : undefined;
  const out: RunFilter = {
    status: lower(input.status) as RunFilter["status"],
    tags,
    text: present(input.text) ? (input.text as string) : undefined,
    p: toNumberFilter(input.p),
    op: lower(input.op),
    loss: lower(input.loss),
    model: present(input.model) ? (input.model as string[]) : undefined,
    temperature: toNumberFilter(input.temperature),
    weightDecay: toNumberFilter(input.weightDecay),
    lr: toNumberFilter(input.lr),
    trainFraction: toNumberFilter(input.trainFraction),
    tGrok: toNumberFilter(input.tGrok),
    sweep: present(input.sweep) ? (input.sweep as string[]).map((id) => id.toLowerCase()) : undefined,
    clampRho: toNumberFilter(input.clampRho),
    seeds: toNumberFilter(input.seeds),
    delay: toNumberFilter(input.delay),
    seedsGrokked: toNumberFilter(input.seedsGrokked),
    grokked: present(input.grokked) ? (input.grokked as boolean) : undefined,
    and: present(input.and) ? (input.and as FilterInput[]).map((f, i) => toDbFilter(f, `${field}.and.${i}`)) : undefined,
    or: present(input.or) ? (input.or as FilterInput[]).map((f, i) => toDbFilter(f, `${field}.or.${i}`)) : undefined,
    not: present(input.not) ? toDbFilter(input.not as FilterInput, `${field}.not`) : undefined,
  };
  for (const key of Object.keys(out) as (keyof RunFilter)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** Parses an untrusted filter; throws BAD_USER_INPUT naming the offending path (e.g. "filter.or.0.p.min"). */
export function parseRunFilter(value: unknown, field = "filter"): RunFilter | undefined {
  if (!present(value)) return undefined;
  checkSize(value, field);
  const parsed = filterInput.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = [field, ...issue.path.map(String), ...(issue.code === "unrecognized_keys" ? [issue.keys[0]!] : [])].join(".");
    throw badUserInput(path, issue.code === "unrecognized_keys" ? `unknown field "${issue.keys[0]}"` : issue.message);
  }
  return toDbFilter(parsed.data, field);
}
