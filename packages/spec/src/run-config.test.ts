import { describe, expect, it } from "vitest";
import { isPrime, parseRunConfig } from "./index.ts";

describe("parseRunConfig", () => {
  it("fills the paper's defaults", () => {
    const r = parseRunConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toMatchObject({ p: 97, trainFraction: 0.4, lr: 1e-3, weightDecay: 1, temperature: 1, loss: "ce", op: "add" });
  });

  it.each([
    [{ p: 100 }, "p"],
    [{ p: 3 }, "p"],
    [{ lr: -1 }, "lr"],
    [{ steps: 1e12 }, "steps"],
    [{ p: "97" }, "p"],
    [{ trainFraction: 1 }, "trainFraction"],
    [{ loss: "hinge" }, "loss"],
    [{ bogus: 1 }, "bogus"],
    [{ clamp: { target: 0 } }, "clamp.target"],
    [{ clamp: {} }, "clamp.target"],
    [{ clamp: { target: 50, fromStep: -1 } }, "clamp.fromStep"],
    [{ clamp: { target: 50, fromStep: 1.5 } }, "clamp.fromStep"],
    [{ clamp: { target: 50, rho: 1 } }, "clamp.rho"],
    [{ warmupSteps: -1 }, "warmupSteps"],
    [{ warmupSteps: 2.5 }, "warmupSteps"],
    [{ grokfast: { alpha: 1 } }, "grokfast.alpha"],
    [{ grokfast: { alpha: -0.1 } }, "grokfast.alpha"],
    [{ grokfast: { lambda: -1 } }, "grokfast.lambda"],
    [{ batchSize: 0 }, "batchSize"],
    [{ batchSize: 12.5 }, "batchSize"],
    [{ seeds: 0 }, "seeds"],
    [{ seeds: 33 }, "seeds"],
    [{ model: "transformer", embedDim: 130, heads: 4 }, "heads"],
    [{ checkpointSteps: [0] }, "checkpointSteps.0"],
  ])("rejects %j naming field %s", (input, field) => {
    const r = parseRunConfig(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field)).toContain(field);
  });
});

describe("interventions", () => {
  it("are off by default, so an empty config keeps the plain baseline", () => {
    const r = parseRunConfig({});
    if (!r.ok) throw new Error("expected ok");
    expect(r.config.clamp).toBeUndefined();
    expect(r.config.grokfast).toBeUndefined();
    expect(r.config.batchSize).toBeUndefined();
    expect(r.config.warmupSteps).toBe(0);
  });

  it("fill their own defaults when given", () => {
    const r = parseRunConfig({ clamp: { target: 54.49 }, grokfast: {}, warmupSteps: 10, batchSize: 512 });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.clamp).toEqual({ target: 54.49, fromStep: 500 });
    expect(r.config.grokfast).toEqual({ alpha: 0.98, lambda: 2 });
    expect(r.config).toMatchObject({ warmupSteps: 10, batchSize: 512 });
    const custom = parseRunConfig({ clamp: { target: 3, fromStep: 0 }, grokfast: { alpha: 0, lambda: 0.5 } });
    if (!custom.ok) throw new Error(JSON.stringify(custom.issues));
    expect(custom.config).toMatchObject({ clamp: { target: 3, fromStep: 0 }, grokfast: { alpha: 0, lambda: 0.5 } });
  });
});

describe("models and seeds", () => {
  it("gives each model its own default hidden width (SCIENCE.md §2)", () => {
    const mlp = parseRunConfig({});
    const transformer = parseRunConfig({ model: "transformer" });
    if (!mlp.ok || !transformer.ok) throw new Error("expected ok");
    expect(mlp.config).toMatchObject({ hiddenDim: 256, seeds: 1, heads: 4 });
    expect(transformer.config).toMatchObject({ model: "transformer", hiddenDim: 512, embedDim: 128 });
  });
  it("accepts a clamp given as a multiple of the calibrated critical norm", () => {
    const r = parseRunConfig({ clamp: { rho: 1.15 }, seeds: 12 });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.clamp).toEqual({ rho: 1.15, fromStep: 500 });
    expect(r.config.seeds).toBe(12);
  });
});

describe("isPrime", () => {
  it("knows the usual moduli", () => {
    expect([13, 59, 97, 113, 257].every(isPrime)).toBe(true);
    expect([1, 9, 100, 111, 256].some(isPrime)).toBe(false);
  });
});
