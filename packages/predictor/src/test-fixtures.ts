import { parseRunConfig, type RunConfig, type RunConfigInput } from "@grokscope/spec";
import { createRng } from "./stats.ts";
import { lawTGrok, syntheticSeed } from "./synthetic.ts";
import { finishedRunOf } from "./history.ts";
import type { FinishedRun, HistoryPoint, RunHistory } from "./types.ts";

/** Helpers shared by the tests (not exported from the package index). */

export function config(input: RunConfigInput): RunConfig {
  const parsed = parseRunConfig(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

/** One noise-free single-seed run that obeys the synthetic laws exactly. */
export function lawRun(id: string, input: RunConfigInput, tMem: number, vMem: number, seed = 1): FinishedRun {
  const c = config({ evalEvery: 5, steps: 6000, ...input });
  const seedData = syntheticSeed(c, { tMem, tGrok: lawTGrok(c, tMem, vMem), vMem }, createRng(seed), 0);
  return finishedRunOf({ id, config: c, seeds: [seedData] });
}

/**
 * The history plus readings after asOf that would change any forecast that looked at them:
 * test accuracy at 1, a collapsed norm and logit scale, absurd losses.
 */
export function withWildFuture(history: RunHistory, asOf: number): RunHistory {
  const wild: HistoryPoint[] = [1, 2, 3, 50, 500].map((k) => ({
    step: asOf + k * history.config.evalEvery,
    metrics: { train_acc: 1, test_acc: 1, param_sq_norm: 1e-6, logit_scale: 1e6, train_loss: 1e3, test_loss: 1e-6, weight_norm: 1e-3 },
  }));
  return { ...history, points: [...history.points.filter((p) => p.step <= asOf), ...wild] };
}
