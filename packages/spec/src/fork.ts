import type { ConfigIssue, RunConfig } from "./run-config.ts";

/**
 * Fields a fork must share with its parent: they fix the data split, the parameter shapes and
 * which seeds exist, so the parent's saved state only makes sense under the same values.
 * Everything else (τ, loss, clamp, λ, lr, warm-up, Grokfast, steps…) is what a fork may change —
 * the paper's same-state test (2606.18465 forks at step 800 and changes only the intervention).
 */
export const FORK_FIXED_FIELDS = ["model", "p", "op", "trainFraction", "seed", "seeds", "embedDim", "hiddenDim", "heads"] as const;

export function forkIssues(parent: RunConfig, child: RunConfig, forkStep: number): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const field of FORK_FIXED_FIELDS) {
    if (parent[field] !== child[field]) {
      issues.push({ field, message: `a fork keeps the parent's ${field} (parent ${String(parent[field])}, fork ${String(child[field])})` });
    }
  }
  if (child.steps <= forkStep) issues.push({ field: "steps", message: `steps (${child.steps}) must exceed the fork step ${forkStep}` });
  return issues;
}
