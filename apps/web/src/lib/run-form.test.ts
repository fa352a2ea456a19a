import { describe, expect, it } from "vitest";
import { buildCreateRunInput, DEFAULT_FORM_VALUES, randomId, RUN_FORM_FIELDS, splitApiErrors, withoutFieldPrefix, formFieldOf } from "./run-form.ts";

describe("defaults", () => {
  it("are the paper cell", () => {
    const result = buildCreateRunInput(DEFAULT_FORM_VALUES, "k1");
    expect(result).toEqual({
      ok: true,
      input: {
        config: { p: 97, op: "ADD", trainFraction: 0.4, lr: 0.001, weightDecay: 1, temperature: 1, loss: "CE", steps: 10000, evalEvery: 10, seed: 0 },
        clientMutationId: "k1",
      },
    });
  });

  it("label every input exactly as the end-to-end contract says", () => {
    expect(RUN_FORM_FIELDS.map((f) => f.label)).toEqual([
      "p", "Operation", "Train fraction", "Learning rate", "Weight decay", "Temperature τ", "Loss", "Step budget", "Eval every", "Seed", "Name",
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
