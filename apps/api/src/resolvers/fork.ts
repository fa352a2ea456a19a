import { checkpointSteps, createForkRun, hasCheckpointAt } from "@grokscope/db";
import { forkIssues, parseRunConfig } from "@grokscope/spec";
import type { MutationResolvers } from "../__generated__/resolvers-types.ts";
import { badUserInput, conflict, notFound } from "../errors.ts";
import { authorOf } from "./author.ts";
import { configError, configFromGraphQL, idempotencyKey } from "./mutation.ts";
import { findRun } from "./query.ts";

/**
 * forkRun: the parent's config with the overrides applied (nested objects such as clamp are
 * replaced whole, so `clamp: {rho: 1.15}` never inherits the parent's `target`), validated by the
 * spec and by forkIssues (the fork must keep the parent's data split and shapes).
 */
export const forkRun: NonNullable<MutationResolvers["forkRun"]> = async (_, args, ctx) => {
  const key = idempotencyKey(args.idempotencyKey, "idempotencyKey");
  const parent = await findRun(ctx.db, args.runId);
  if (!parent) throw notFound(`run ${args.runId}`);
  if (args.step < 1) throw badUserInput("step", "must be ≥ 1");
  const base = parseRunConfig(parent.config);
  if (!base.ok) throw conflict(`run ${args.runId}'s config is no longer valid: ${base.issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`);
  const overrides = configFromGraphQL(args.overrides ?? {});
  const child = parseRunConfig({ ...base.config, ...overrides });
  if (!child.ok) throw configError(child.issues);
  const issues = forkIssues(base.config, child.config, args.step);
  if (issues.length > 0) throw configError(issues);
  if (!(await hasCheckpointAt(ctx.db, parent.id, args.step))) {
    const steps = await checkpointSteps(ctx.db, parent.id);
    throw badUserInput("step", `run ${parent.id} has no checkpoint at step ${args.step} (checkpoints: ${steps.join(", ") || "none"})`);
  }
  const suffix = ` (fork @${args.step})`;
  const name = args.name?.trim() || parent.name.slice(0, 200 - suffix.length) + suffix;
  if (name.length > 200) throw badUserInput("name", "must be at most 200 characters");
  const { run } = await createForkRun(ctx.db, { parent, forkStep: args.step, name, config: child.config, author: authorOf(ctx), idempotencyKey: key });
  return run;
};
