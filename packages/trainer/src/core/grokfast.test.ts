import { describe, expect, it } from "vitest";
import { selectBackend } from "../backends.ts";
import { createGrokfast } from "./grokfast.ts";

const { tf } = await selectBackend("cpu");

describe("Grokfast-EMA", () => {
  it("filters two steps as hand-computed (α 0.5, λ 2; EMA starts at the first gradient)", () => {
    const w = tf.variable(tf.zeros([2]));
    const gf = createGrokfast(tf, [w], { alpha: 0.5, lambda: 2 });
    // step 1: ema = g1 = (1, −2); g ← g1 + 2·ema = (3, −6)
    const first = tf.tidy(() => Array.from(gf.filter({ [w.name]: tf.tensor1d([1, -2]) })[w.name]!.dataSync()));
    expect(first).toEqual([3, -6]);
    // step 2: ema = 0.5·(1, −2) + 0.5·(3, 0) = (2, −1); g ← (3, 0) + 2·(2, −1) = (7, −2)
    const second = tf.tidy(() => Array.from(gf.filter({ [w.name]: tf.tensor1d([3, 0]) })[w.name]!.dataSync()));
    expect(second).toEqual([7, -2]);
    // step 3 with α = 0.5: ema = 0.5·(2, −1) + 0.5·(0, 0) = (1, −0.5); g ← (0, 0) + 2·ema = (2, −1)
    const third = tf.tidy(() => Array.from(gf.filter({ [w.name]: tf.tensor1d([0, 0]) })[w.name]!.dataSync()));
    expect(third).toEqual([2, -1]);
    gf.dispose();
    w.dispose();
  });

  it("leaks no tensors and rejects unknown variables", () => {
    const w = tf.variable(tf.ones([3, 3]));
    const gf = createGrokfast(tf, [w], { alpha: 0.98, lambda: 2 });
    const g = tf.ones([3, 3]);
    tf.tidy(() => void gf.filter({ [w.name]: g }));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) tf.tidy(() => void gf.filter({ [w.name]: g }));
    expect(tf.memory().numTensors).toBe(before);
    expect(() => tf.tidy(() => gf.filter({ nope: g }))).toThrow(/unknown variable/);
    gf.dispose();
    tf.dispose([w, g]);
  });
});
