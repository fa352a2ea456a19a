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
  ])("rejects %j naming field %s", (input, field) => {
    const r = parseRunConfig(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field)).toContain(field);
  });
});

describe("isPrime", () => {
  it("knows the usual moduli", () => {
    expect([13, 59, 97, 113, 257].every(isPrime)).toBe(true);
    expect([1, 9, 100, 111, 256].some(isPrime)).toBe(false);
  });
});
