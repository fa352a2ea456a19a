import { checkpointSteps, createForkRun, getRun, hasCheckpointAt, type Db, type RunRow } from "@grokscope/db";
import { forkIssues, parseRunConfig } from "@grokscope/spec";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "RUN@STEP" → its parts, or a message saying what is wrong with it. */
export function parseForkFrom(text: string): { ok: true; runId: string; step: number } | { ok: false; error: string } {
  const at = text.lastIndexOf("@");
  const runId = at > 0 ? text.slice(0, at).trim() : "";
  const stepText = at > 0 ? text.slice(at + 1).trim() : "";
  if (!runId || !stepText) return { ok: false, error: `--fork-from "${text}" must look like RUN_ID@STEP (e.g. 3f2b…@800)` };
  if (!UUID.test(runId)) return { ok: false, error: `--fork-from: "${runId}" is not a run id (a UUID, as \`grokscope run\` prints)` };
  const step = Number(stepText);
  if (!Number.isInteger(step) || step < 1) return { ok: false, error: `--fork-from: step "${stepText}" must be a whole number ≥ 1` };
  return { ok: true, runId, step };
}

export type ForkOutcome = { ok: true; run: RunRow; parent: RunRow } | { ok: false; errors: string[] };

/**
 * Queues a fork of RUN at STEP: the parent's config with the override flags applied (nested
 * objects such as clamp are replaced whole, as the API's forkRun does, so --clamp-rho never
 * inherits the parent's target; --no-clamp removes it), validated by the spec and forkIssues
 * (the fork keeps the parent's split and shapes), from a checkpoint the parent really has.
 */
export async function enqueueFork(
  db: Db,
  input: { forkFrom: string; overrides: Record<string, unknown>; noClamp?: boolean; name?: string },
): Promise<ForkOutcome> {
  const from = parseForkFrom(input.forkFrom);
  if (!from.ok) return { ok: false, errors: [from.error] };
  const parent = await getRun(db, from.runId);
  if (!parent) return { ok: false, errors: [`--fork-from: unknown run ${from.runId}`] };
  const base = parseRunConfig(parent.config);
  if (!base.ok) return { ok: false, errors: base.issues.map((i) => `run ${parent.id}'s stored config is no longer valid: ${i.field}: ${i.message}`) };
  const merged: Record<string, unknown> = { ...base.config, ...input.overrides };
  if (input.noClamp) {
    if (input.overrides.clamp !== undefined) return { ok: false, errors: ["--no-clamp cannot be combined with --clamp-* flags"] };
    delete merged.clamp;
  }
  const child = parseRunConfig(merged);
  if (!child.ok) return { ok: false, errors: child.issues.map((i) => `${i.field}: ${i.message}`) };
  const issues = forkIssues(base.config, child.config, from.step);
  if (issues.length > 0) return { ok: false, errors: issues.map((i) => `${i.field}: ${i.message}`) };
  if (!(await hasCheckpointAt(db, parent.id, from.step))) {
    const steps = await checkpointSteps(db, parent.id);
    return {
      ok: false,
      errors: [`--fork-from: run ${parent.id} has no checkpoint at step ${from.step} (checkpoints: ${steps.join(", ") || "none"}; keep one with --checkpoint-steps ${from.step})`],
    };
  }
  const suffix = ` (fork @${from.step})`;
  const name = input.name?.trim() || parent.name.slice(0, 200 - suffix.length) + suffix;
  const { run } = await createForkRun(db, { parent, forkStep: from.step, name, config: child.config });
  return { ok: true, run, parent };
}
