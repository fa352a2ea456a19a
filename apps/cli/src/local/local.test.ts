import { describe, expect, it, vi } from "vitest";
import { parseRunConfig, type RunConfig } from "@grokscope/spec";
import type { TrainDeps } from "@grokscope/trainer/core";
import { run } from "../commands/run.ts";
import { parseSweepArgs } from "../commands/sweep-args.ts";
import { sweep } from "../commands/sweep.ts";
import { readCliEnv } from "../env.ts";
import { localSweepProblems } from "./sweep-local.ts";
import { formatSummaryTable } from "./summary-table.ts";
import { criticalNormOf, resolveLocalClamp, trainLocal } from "./train-local.ts";

const config = (input: Record<string, unknown>): RunConfig => {
  const parsed = parseRunConfig(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
};

/** A stand-in trainer that trains one seed per call (as train() did before multi-seed batching). */
function oneSeedTrainer(calls: RunConfig[]) {
  return async (c: RunConfig, deps: TrainDeps) => {
    calls.push(c);
    const tGrok = 100 * (c.seed + 1); // seed value s groks at 100·(s+1)
    for (const step of [0, 50, tGrok, c.steps]) {
      const metrics = { train_acc: step >= 50 ? 1 : 0, test_acc: step >= tGrok ? 1 : 0, logit_scale: step / 10, weight_norm: 40 + c.seed } as never;
      const events = [
        ...(step === 50 ? [{ kind: "t_mem" as const, seed: 0, step, value: 1 }] : []),
        ...(step === tGrok ? [{ kind: "t_grok" as const, seed: 0, step, value: step / 10 }] : []),
      ];
      await deps.sink.onEvaluation({ step, seed: 0, metrics, events });
    }
    return { stepsDone: c.steps, stopped: false, summary: { finalTrainAcc: 1, finalTestAcc: 1 }, msPerStep: 1 };
  };
}

describe("--local", () => {
  it("trains the other seeds one per call (seed + i) when train() reports only seed 0, and takes medians", async () => {
    const calls: RunConfig[] = [];
    const out = await trainLocal(config({ p: 7, seeds: 3, seed: 5, steps: 1000 }), { tf: {} as never, train: oneSeedTrainer(calls) as never });
    expect(calls.map((c) => [c.seed, c.seeds])).toEqual([[5, 3], [6, 1], [7, 1]]);
    expect(out.summary).toMatchObject({ seeds: 3, grokked: 3, tMem: 50, tGrok: 700, logitScaleAtGrok: 70, finalTestAcc: 1 });
    expect(out.seeds.map((s) => s.weightNormAtGrok)).toEqual([45, 46, 47]);
    expect(criticalNormOf([out])).toBe(46);
    expect(formatSummaryTable([{ cell: { temperature: 1.3, "clamp.rho": 1.15 }, run: out }, { cell: { temperature: 1 }, note: "skipped: no w_c" }])).toMatch(
      /^τ\s+ρ\s+seeds\s+T_mem\s+T_grok\s+grokked\s+L@grok\s+test_acc\s+ms\/step\n[- ]+\n1\.3\s+1\.15\s+3\s+50\s+700\s+3\/3\s+70\.00\s+1\.000\s+[\d.]+\n1\s+—\s+skipped: no w_c$/,
    );
  });

  it("makes one call when train() reports every seed itself (the batched trainer)", async () => {
    const calls: RunConfig[] = [];
    const batched = async (c: RunConfig, deps: TrainDeps) => {
      calls.push(c);
      for (let seed = 0; seed < c.seeds; seed++) {
        const tGrok = 100 * (seed + 1);
        const metrics = { train_acc: 1, test_acc: 1, logit_scale: 5, weight_norm: 30 } as never;
        await deps.sink.onEvaluation({ step: tGrok, seed, metrics, events: [{ kind: "t_grok", seed, step: tGrok, value: 5 }] });
      }
      return { stepsDone: c.steps, stopped: false, summary: { finalTrainAcc: 1, finalTestAcc: 1 }, msPerStep: 1 };
    };
    const out = await trainLocal(config({ p: 7, seeds: 4, steps: 1000 }), { tf: {} as never, train: batched as never });
    expect(calls).toHaveLength(1);
    expect(out.summary).toMatchObject({ seeds: 4, grokked: 4, tGrok: 250, memorised: 0 });
  });

  it("refuses clamp.rho without a w_c, and turns ρ into ρ·w_c with --wc", () => {
    const clamped = config({ p: 7, clamp: { rho: 1.15 } });
    expect(resolveLocalClamp(clamped, undefined)).toEqual({ ok: false, error: expect.stringMatching(/^clamp\.rho: --local has no registry to calibrate w_c from; give an absolute --clamp-target/) });
    expect(resolveLocalClamp(clamped, 60)).toEqual({ ok: true, config: expect.objectContaining({ clamp: { target: 1.15 * 60, fromStep: 500 } }) });
    const sweepArgs = parseSweepArgs(["--grid", "clamp.rho=1,1.15", "--p", "7", "--local"]);
    const withControl = parseSweepArgs(["--grid", "clamp.rho=none,1.15", "--p", "7", "--local"]);
    if (!sweepArgs.ok || !withControl.ok) throw new Error("bad args");
    expect(localSweepProblems(sweepArgs.args.cells, undefined)).toHaveLength(2);
    expect(localSweepProblems(sweepArgs.args.cells, 60)).toEqual([]);
    expect(localSweepProblems(withControl.args.cells, undefined)).toEqual([]);
  });

  it("`run --local` with --clamp-rho and no --wc exits 2 with the message, training nothing", async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: unknown) => void errors.push(String(line)));
    try {
      await run(readCliEnv({}), ["--local", "--p", "7", "--clamp-rho", "1.15"], () => {});
    } finally {
      spy.mockRestore();
    }
    expect(process.exitCode).toBe(2);
    process.exitCode = 0;
    expect(errors.join("\n")).toMatch(/--local has no registry to calibrate w_c from/);
  });

  it("`run --local` and `sweep --local` train a tiny cell in-process and print the summary table", async () => {
    const printed: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      await run(readCliEnv({}), ["--local", "--p", "7", "--steps", "20", "--seeds", "2", "--eval-every", "5", "--embed-dim", "16", "--hidden-dim", "32", "--backend", "cpu"], () => {});
      await sweep(readCliEnv({}), ["--local", "--grid", "temperature=1,2", "--p", "7", "--steps", "10", "--seeds", "2", "--embed-dim", "16", "--hidden-dim", "32", "--backend", "cpu"], () => {});
    } finally {
      spy.mockRestore();
    }
    const [runTable, sweepTable] = printed;
    expect(runTable).toMatch(/^p\s+op\s+loss\s+τ\s+clamp\s+seeds\s+T_mem\s+T_grok\s+grokked\s+L@grok\s+test_acc\s+ms\/step\n/);
    expect(runTable!.split("\n")[2]).toMatch(/^7\s+add\s+ce\s+1\s+none\s+2\s+\S+\s+\S+\s+[0-2]\/2\s+\S+\s+[01]\.\d{3}\s+[\d.]+$/);
    expect(sweepTable!.split("\n").slice(2).map((l) => l.split(/\s+/).slice(0, 2))).toEqual([["1", "2"], ["2", "2"]]);
  }, 120_000);
});
