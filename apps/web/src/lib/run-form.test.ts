import { describe, expect, it } from "vitest";
import { buildCreateRunInput, DEFAULT_FORM_VALUES, randomId, RUN_FORM_FIELDS, splitApiErrors, withoutFieldPrefix, formFieldOf } from "./run-form.ts";

describe("defaults", () => {
  it("are the paper cell", () => {
    const result = buildCreateRunInput(DEFAULT_FORM_VALUES, "k1");
    expect(result).toEqual({
      ok: true,
      input: {
        // Blank optional fields (clamp ρ, stop after grok) are absent, not null.
        config: { model: "mlp", p: 97, op: "ADD", trainFraction: 0.4, lr: 0.001, weightDecay: 1, temperature: 1, loss: "CE", steps: 10000, evalEvery: 10, seed: 0, seeds: 1 },
        clientMutationId: "k1",
      },
    });
  });

  it("label every input exactly as the end-to-end contract says", () => {
    expect(RUN_FORM_FIELDS.map((f) => f.label)).toEqual([
      "Model", "p", "Operation", "Train fraction", "Learning rate", "Weight decay", "Temperature τ", "Loss", "Step budget", "Eval every", "Seed",
      "Seeds", "Clamp ρ", "Stop after grok", "Name",
    ]);
  });
});

describe("buildCreateRunInput", () => {
  it("sends a trimmed name and numbers, leaving range checks to the API", () => {
    const result = buildCreateRunInput({ ...DEFAULT_FORM_VALUES, name: "  tiny ", p: "100", lr: "3e-3", steps: "12.5" }, "k");
    expect(result.ok && result.input.name).toBe("tiny");
    expect(result.ok && result.input.config).toMatchObject({ p: 100, lr: 0.003, steps: 12.5 });
  });

  it("flags fields that are not numbers or not an allowed option", () => {
    const result = buildCreateRunInput({ ...DEFAULT_FORM_VALUES, p: "", seed: "abc", op: "POW" }, "k");
    expect(result).toEqual({ ok: false, errors: { p: "Enter a number", seed: "Enter a number", op: "Choose one of add, sub, mul, div" } });
  });

  it("sends seeds and the model as RunConfigInput.model's lower-case string", () => {
    const result = buildCreateRunInput({ ...DEFAULT_FORM_VALUES, seeds: "12", model: "transformer" }, "k");
    expect(result.ok && result.input.config).toMatchObject({ seeds: 12, model: "transformer" });
    expect(buildCreateRunInput({ ...DEFAULT_FORM_VALUES, model: "MLP" }, "k")).toEqual({ ok: false, errors: { model: "Choose one of MLP, transformer" } });
  });

  it("nests clamp ρ as clamp { rho } and sends stopAfterGrok when filled", () => {
    const result = buildCreateRunInput({ ...DEFAULT_FORM_VALUES, clampRho: " 0.8 ", stopAfterGrok: "2000" }, "k");
    expect(result.ok && result.input.config.clamp).toEqual({ rho: 0.8 });
    expect(result.ok && result.input.config.stopAfterGrok).toBe(2000);
    expect(result.ok && Object.keys(result.input.config)).not.toContain("clampRho");
  });

  it("omits blank optional fields instead of sending null or NaN", () => {
    const result = buildCreateRunInput({ ...DEFAULT_FORM_VALUES, clampRho: "  ", stopAfterGrok: "" }, "k");
    expect(result.ok).toBe(true);
    const config = result.ok ? result.input.config : {};
    expect(Object.keys(config)).not.toContain("clamp");
    expect(Object.keys(config)).not.toContain("stopAfterGrok");
    expect(Object.keys(config)).not.toContain("clampRho");
  });

  it("flags non-numeric optional fields like any other number", () => {
    const result = buildCreateRunInput({ ...DEFAULT_FORM_VALUES, clampRho: "big", stopAfterGrok: "soon" }, "k");
    expect(result).toEqual({ ok: false, errors: { clampRho: "Enter a number", stopAfterGrok: "Enter a number" } });
  });
});

describe("splitApiErrors", () => {
  it("routes BAD_USER_INPUT with a known field to that field and the rest to the form", () => {
    const { fields, general } = splitApiErrors([
      { message: "p: must be prime", extensions: { code: "BAD_USER_INPUT", field: "p" } },
      { message: "lr too big", extensions: { code: "BAD_USER_INPUT", field: "input.config.lr" } },
      { message: "bogus is not defined", extensions: { code: "BAD_USER_INPUT", field: "bogus" } },
      { message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } },
    ]);
    expect(fields).toEqual({ p: "must be prime", lr: "lr too big" });
    expect(general).toEqual(["bogus is not defined", "Internal server error"]);
  });

  it("routes clamp.rho errors to the Clamp ρ field and stopAfterGrok errors to theirs", () => {
    const { fields, general } = splitApiErrors([
      { message: "clamp.rho must be at most 10", extensions: { code: "BAD_USER_INPUT", field: "clamp.rho" } },
      { message: "stopAfterGrok must be an integer", extensions: { code: "BAD_USER_INPUT", field: "config.stopAfterGrok" } },
    ]);
    expect(fields).toEqual({ clampRho: "clamp.rho must be at most 10", stopAfterGrok: "stopAfterGrok must be an integer" });
    expect(general).toEqual([]);
  });

  it("sends a bundled clamp.rho segment to Clamp ρ without its API prefix", () => {
    const { fields } = splitApiErrors([
      { message: "seeds must be at most 32; clamp.rho: clamp needs exactly one of target or rho", extensions: { code: "BAD_USER_INPUT", field: "seeds" } },
    ]);
    expect(fields).toEqual({ seeds: "seeds must be at most 32", clampRho: "clamp needs exactly one of target or rho" });
  });
});

describe("splitApiErrors with bundled issues", () => {
  it("sends each named segment of one error to its own field", () => {
    const { fields, general } = splitApiErrors([
      { message: "p: p: p must be prime; lr: lr must be positive", extensions: { code: "BAD_USER_INPUT", field: "p" } },
    ]);
    expect(fields).toEqual({ p: "p must be prime", lr: "lr must be positive" });
    expect(general).toEqual([]);
  });
  it("keeps a message whose semicolon is not followed by a field on the reported field", () => {
    const { fields } = splitApiErrors([
      { message: 'Variable "$i" got invalid value "x" at "i.config.p"; Int cannot represent non-integer value: "x"', extensions: { code: "BAD_USER_INPUT", field: "i.config.p" } },
    ]);
    expect(Object.keys(fields)).toEqual(["p"]);
    expect(fields.p).toContain("Int cannot represent");
  });
});

describe("formFieldOf", () => {
  it("maps argument paths to form fields", () => {
    expect(formFieldOf("input.config.trainFraction")).toBe("trainFraction");
    expect(formFieldOf("i.config.p")).toBe("p");
    expect(formFieldOf("name")).toBe("name");
    expect(formFieldOf("input.name")).toBe("name");
    expect(formFieldOf("config.clamp.rho")).toBe("clampRho");
    expect(formFieldOf("input.config.clamp.rho")).toBe("clampRho");
    expect(formFieldOf("clamp.rho")).toBe("clampRho");
    expect(formFieldOf("config.stopAfterGrok")).toBe("stopAfterGrok");
    expect(formFieldOf("config.seeds")).toBe("seeds");
    expect(formFieldOf("config.model")).toBe("model");
    expect(formFieldOf("config.clamp.target")).toBeUndefined();
    expect(formFieldOf("config.clampRho")).toBeUndefined();
    expect(formFieldOf("bogus")).toBeUndefined();
    expect(formFieldOf(undefined)).toBeUndefined();
  });
});

describe("withoutFieldPrefix", () => {
  it("drops repeated field prefixes but never empties the message", () => {
    expect(withoutFieldPrefix("p: p: p must be prime", "p")).toBe("p must be prime");
    expect(withoutFieldPrefix("steps: ", "steps")).toBe("steps: ");
    expect(withoutFieldPrefix("prime please", "p")).toBe("prime please");
  });
});

describe("randomId", () => {
  it("is different every time", () => {
    expect(randomId()).not.toBe(randomId());
    expect(randomId().length).toBeGreaterThanOrEqual(32);
  });
});
