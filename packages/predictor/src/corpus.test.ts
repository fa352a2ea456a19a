import { describe, expect, it } from "vitest";
import { encodeCorpus, loadCorpus, thinIndices } from "./corpus.ts";
import { generateSyntheticCorpus } from "./synthetic.ts";

const corpus = generateSyntheticCorpus({ runs: 3, seedsPerRun: 2, steps: 2000, evalEvery: 10, seed: 3 });

describe("corpus fixture", () => {
  it("round-trips runs, configs, events and the kept readings", () => {
    const loaded = loadCorpus(new TextEncoder().encode(encodeCorpus(corpus, { maxPointsPerSeed: 1000 })));
    expect(loaded.map((r) => [r.id, r.sweepId, r.config])).toEqual(corpus.map((r) => [r.id, r.sweepId, r.config]));
    const [a, b] = [corpus[0]!.seeds[1]!, loaded[0]!.seeds[1]!];
    expect(b.tMem).toBe(a.tMem);
    expect(b.tGrok).toBe(a.tGrok);
    expect(b.points).toHaveLength(a.points.length);
    expect(b.points[57]!.step).toBe(a.points[57]!.step);
    expect(b.points[57]!.metrics.param_sq_norm).toBeCloseTo(a.points[57]!.metrics.param_sq_norm!, 0);
    expect(Object.keys(b.points[57]!.metrics).sort()).toEqual(["logit_scale", "param_sq_norm", "test_acc", "test_loss", "train_acc", "train_loss", "weight_norm"]);
  });

  it("thins each seed to the limit, keeping first, last and the event steps", () => {
    const loaded = loadCorpus(encodeCorpus(corpus, { maxPointsPerSeed: 50 }));
    for (const [i, run] of loaded.entries()) {
      for (const [s, seed] of run.seeds.entries()) {
        const original = corpus[i]!.seeds[s]!;
        const steps = seed.points.map((p) => p.step);
        // 50 evenly spaced slots less the events, plus the events of every seed.
        expect(steps.length).toBeLessThanOrEqual(50);
        expect(steps[0]).toBe(original.points[0]!.step);
        expect(steps.at(-1)).toBe(original.points.at(-1)!.step);
        if (original.tMem !== undefined) expect(steps).toContain(original.tMem);
        if (original.tGrok !== undefined) expect(steps).toContain(original.tGrok);
      }
    }
    // All seeds keep the same steps, so the per-step median never rests on a single seed.
    for (const run of loaded) for (const seed of run.seeds) expect(seed.points.map((p) => p.step)).toEqual(run.seeds[0]!.points.map((p) => p.step));
    expect(thinIndices([1, 2, 3], 10)).toEqual([0, 1, 2]);
  });

  it("rejects another format and invalid configs, naming the run", () => {
    expect(() => loadCorpus(JSON.stringify({ format: "other", version: 1 }))).toThrow(/format/);
    const bad = JSON.parse(encodeCorpus(corpus)) as { runs: { config: { p: number } }[] };
    bad.runs[1]!.config.p = 100;
    expect(() => loadCorpus(JSON.stringify(bad))).toThrow(new RegExp(`run ${corpus[1]!.id}: p`));
  });
});
