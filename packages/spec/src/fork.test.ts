import { describe, expect, it } from "vitest";
import { forkIssues } from "./fork.ts";
import { parseRunConfig, type RunConfigInput } from "./run-config.ts";

const config = (input: RunConfigInput) => {
  const r = parseRunConfig(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};

describe("forkIssues", () => {
  it("lets a fork change interventions", () => {
    expect(forkIssues(config({ steps: 5000 }), config({ steps: 5000, temperature: 1.7, clamp: { rho: 1.15 } }), 800)).toEqual([]);
  });
  it("names each field that would make the parent's state meaningless", () => {
    const issues = forkIssues(config({ p: 97 }), config({ p: 59, seed: 3 }), 800);
    expect(issues.map((i) => i.field).sort()).toEqual(["p", "seed"]);
  });
  it("needs steps beyond the fork step", () => {
    expect(forkIssues(config({}), config({ steps: 800 }), 800).map((i) => i.field)).toEqual(["steps"]);
  });
});
