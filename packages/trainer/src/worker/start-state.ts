import { criticalNorm, loadCheckpoint, loadLatestResumeCheckpoint, setRunClamp, type Db, type RunRow } from "@grokscope/db";
import type { RunConfig } from "@grokscope/spec";

/**
 * Turns clamp.rho into an absolute target ρ·w_c, w_c measured from the cell's finished unclamped
 * τ = 1 runs (SCIENCE.md §7), and records the target (absolute ones too) on the run.
 */
export async function resolveClamp(db: Db, run: RunRow, workerId: string, config: RunConfig): Promise<RunConfig> {
  const clamp = config.clamp;
  if (!clamp) return config;
  if (clamp.target !== undefined) {
    await setRunClamp(db, run.id, workerId, { clampTarget: clamp.target });
    return config;
  }
  const rho = clamp.rho!;
  const wc = await criticalNorm(db, config);
  if (!wc) {
    const cell = `model=${config.model}, p=${config.p}, op=${config.op}, loss=${config.loss}, trainFraction=${config.trainFraction}, weightDecay=${config.weightDecay}, lr=${config.lr}, embedDim=${config.embedDim}, hiddenDim=${config.hiddenDim}`;
    throw new Error(`no finished unclamped τ = 1 runs of this cell (${cell}) to calibrate w_c; run one first`);
  }
  const target = rho * wc.wc;
  await setRunClamp(db, run.id, workerId, { clampTarget: target, criticalNorm: wc.wc });
  return { ...config, clamp: { target, fromStep: clamp.fromStep } };
}

/**
 * The state a claimed run starts from: its own latest resume checkpoint (a crashed run picked up
 * again), else its fork parent's checkpoint at fork_step, else nothing (a fresh start).
 */
export async function startState(db: Db, run: RunRow): Promise<{ state: Uint8Array; from: string } | undefined> {
  const own = await loadLatestResumeCheckpoint(db, run.id);
  if (own) return { state: new Uint8Array(own.state), from: `its resume checkpoint at step ${own.step}` };
  if (run.parentRunId && run.forkStep !== null) {
    const parent = await loadCheckpoint(db, run.parentRunId, run.forkStep);
    if (!parent) throw new Error(`fork parent ${run.parentRunId} has no checkpoint at step ${run.forkStep}`);
    return { state: new Uint8Array(parent.state), from: `run ${run.parentRunId} at step ${run.forkStep}` };
  }
  return undefined;
}
