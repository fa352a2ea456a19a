import { describe, expect, it } from "vitest";
import { parseRunConfig } from "@grokscope/spec";
import { CONFIG_FLAGS, runConfigFromFlags } from "./flags.ts";

describe("run flags ↔ spec", () => {
  it("has a flag for every config field, nested ones included", () => {
    const parsed = parseRunConfig({ clamp: { rho: 1 }, grokfast: {}, batchSize: 8, stopAfterGrok: 100 });
    if (!parsed.ok) throw new Error("bad config");
    const leaves = Object.entries(parsed.config).flatMap(([k, v]) =>
      v && typeof v === "object" && !Array.isArray(v) ? [...Object.keys(v), ...(k === "clamp" ? ["target"] : [])].map((n) => `${k}.${n}`) : [k],
    );
    const flagged = CONFIG_FLAGS.map((f) => f.path.join("."));
    expect(flagged.sort()).toEqual([...new Set(leaves)].sort());
    expect(CONFIG_FLAGS.map((f) => f.flag)).toEqual(expect.arrayContaining(["--train-fraction", "--clamp-rho", "--clamp-from-step", "--grokfast-lambda", "--checkpoint-steps", "--stop-after-grok"]));
  });

  it("turns flags into a validated config and leaves other arguments alone", () => {
    const r = runConfigFromFlags(["--p", "13", "--loss=mse", "--clamp-rho", "1.15", "--checkpoint-steps", "800,1600", "--local", "--seeds", "4"]);
    expect(r).toMatchObject({ ok: true, rest: ["--local"], config: { p: 13, loss: "mse", clamp: { rho: 1.15, fromStep: 500 }, checkpointSteps: [800, 1600], seeds: 4 } });
  });

  it("names the field of every problem", () => {
    const r = runConfigFromFlags(["--p", "12", "--lr", "fast", "--clamp-rho", "1"]);
    expect(r).toEqual({ ok: false, errors: ['--lr: "fast" is not a number'] });
    const s = runConfigFromFlags(["--p", "12", "--clamp-rho", "1", "--clamp-target", "3"]);
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^p: /), expect.stringMatching(/^clamp\.\w+: clamp needs exactly one/)]));
  });
});
