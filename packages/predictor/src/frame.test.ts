import { describe, expect, it } from "vitest";
import { priorOf } from "./frame.ts";
import { finishedRunOf } from "./history.ts";
import { generateSyntheticCorpus } from "./synthetic.ts";

const runs = generateSyntheticCorpus({ runs: 16, seedsPerRun: 1, steps: 4000, evalEvery: 20, seed: 5 }).map(finishedRunOf);

describe("nowcast calibration", () => {
  it("keeps a bias and spread per tenth of the delay elapsed, where a tenth has residuals enough", () => {
    const prior = priorOf(runs)!;
    const byShare = prior.nowcastByShare!;
    expect(byShare).toHaveLength(10);
    const known = byShare.filter((s) => s !== undefined);
    expect(known.length).toBeGreaterThan(0);
    for (const s of known) expect(s!.n).toBeGreaterThanOrEqual(10);
    expect(known.reduce((n, s) => n + s!.n, 0)).toBeLessThanOrEqual(prior.nowcast.n);
    // Late on the climb the line is nearly exact: the last tenth is narrower than the pooled spread.
    expect(byShare.at(-1)!.sigma).toBeLessThan(prior.nowcast.sigma);
  });
});
