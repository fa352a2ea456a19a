import { createRun, requestCancel } from "@grokscope/db";
import { parseRunConfig, type RunConfig } from "@grokscope/spec";
import type { ApiContext } from "../context.ts";
import { badUserInput, conflict, notFound } from "../errors.ts";
import { authorOf } from "./author.ts";
import { findRun } from "./query.ts";

interface CreateRunArgs {
  input: { name?: string | null; clientMutationId?: string | null; config: Record<string, unknown> };
}

const LOWER_CASE_FIELDS = new Set(["op", "loss", "decayOrder", "model"]);

/**
 * GraphQL enums are SCREAMING_CASE; the spec's values are lower case. Nulls mean "default", also
 * inside nested inputs (clamp, grokfast), so the spec sees only the fields the client set.
 */
export function configFromGraphQL(input: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    if (typeof value === "object" && !Array.isArray(value)) out[key] = configFromGraphQL(value as Record<string, unknown>);
    else out[key] = LOWER_CASE_FIELDS.has(key) ? String(value).toLowerCase() : value;
  }
  return out;
}

/** BAD_USER_INPUT for a config the spec refused: the first field named, every issue listed for forms. */
export function configError(issues: { field: string; message: string }[]) {
  const message = issues.map((i) => (i.message.startsWith(i.field) ? i.message : `${i.field}: ${i.message}`)).join("; ");
  return badUserInput(issues[0]!.field, message, issues);
}

/** Idempotency keys are shared by createRun and rerun: a key names one run, whichever made it. */
export function idempotencyKey(key: string | null | undefined, field = "clientMutationId"): string | null {
  if (key == null) return null;
  if (key.length < 1 || key.length > 200) throw badUserInput(field, "must be 1–200 characters");
  return key;
}

export const defaultRunName = (c: RunConfig) =>
  `${c.op} p=${c.p} ${c.loss} τ=${c.temperature} λ=${c.weightDecay} seed ${c.seed}`;

export const mutationResolvers = {
  createRun: async (_: unknown, { input, idempotencyKey: key }: CreateRunArgs & { idempotencyKey?: string | null }, ctx: ApiContext) => {
    const { db } = ctx;
    const parsed = parseRunConfig(configFromGraphQL(input.config));
    // One error for the mutation; every problem is listed in extensions.issues for forms.
    if (!parsed.ok) throw configError(parsed.issues);
    const name = input.name?.trim() || defaultRunName(parsed.config);
    if (name.length > 200) throw badUserInput("name", "must be at most 200 characters");
    const { run } = await createRun(db, { name, config: parsed.config, idempotencyKey: idempotencyKey(key ?? input.clientMutationId, key != null ? "idempotencyKey" : "clientMutationId"), author: authorOf(ctx) });
    return run;
  },
  /**
   * Queues a copy of a run's config. The stored config is re-validated so a run recorded under an
   * older spec gets today's defaults for new knobs, or a clear CONFLICT if it no longer parses.
   */
  rerun: async (_: unknown, args: { id: string; clientMutationId?: string | null }, ctx: ApiContext) => {
    const { db } = ctx;
    const key = idempotencyKey(args.clientMutationId);
    const source = await findRun(db, args.id);
    if (!source) throw notFound(`run ${args.id}`);
    const parsed = parseRunConfig(source.config);
    if (!parsed.ok) throw conflict(`run ${args.id}'s config is no longer valid: ${parsed.issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`);
    const suffix = " (rerun)";
    const name = source.name.slice(0, 200 - suffix.length) + suffix;
    const { run } = await createRun(db, { name, config: parsed.config, idempotencyKey: key, author: authorOf(ctx) });
    return run;
  },
  cancelRun: async (_: unknown, { id }: { id: string }, { db }: ApiContext) => {
    if (!(await findRun(db, id))) throw notFound(`run ${id}`);
    const result = await requestCancel(db, id);
    if (result.outcome === "not-found") throw notFound(`run ${id}`);
    if (result.outcome === "finished") throw conflict(`run ${id} already ${result.run.status}`);
    return result.run;
  },
};
