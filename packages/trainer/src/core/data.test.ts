import { describe, expect, it } from "vitest";
import { applyOp, createDataset, modInverse } from "./data.ts";
import { createRng, permutation } from "./rng.ts";

const key = (a: number, b: number) => `${a},${b}`;
const pairs = (e: { a: Int32Array; b: Int32Array }) => Array.from(e.a, (a, i) => key(a, e.b[i]!));

describe("modular dataset", () => {
  it.each(["add", "sub", "mul", "div"] as const)("%s: splits are disjoint, complete and sized round(f·N)", (op) => {
    const p = 11;
    const ds = createDataset({ p, op, trainFraction: 0.3, seed: 7 });
    const n = op === "div" ? p * (p - 1) : p * p;
    expect(ds.all.a.length).toBe(n);
    expect(ds.train.a.length).toBe(Math.round(0.3 * n));
    const train = new Set(pairs(ds.train));
    const test = new Set(pairs(ds.test));
    expect(train.size + test.size).toBe(n);
    expect([...train].some((k) => test.has(k))).toBe(false);
    expect(new Set([...train, ...test])).toEqual(new Set(pairs(ds.all)));
    expect(ds.isTrain.reduce((s, x) => s + x, 0)).toBe(train.size);
  });

  it("labels each op correctly; div excludes b = 0 and inverts multiplication", () => {
    const p = 7;
    expect(applyOp("add", 5, 4, p)).toBe(2);
    expect(applyOp("sub", 2, 5, p)).toBe(4);
    expect(applyOp("mul", 3, 5, p)).toBe(1);
    expect(modInverse(3, p)).toBe(5);
    const div = createDataset({ p, op: "div", trainFraction: 0.5, seed: 0 });
    for (let i = 0; i < div.all.a.length; i++) {
      expect(div.all.b[i]).not.toBe(0);
      expect((div.all.y[i]! * div.all.b[i]!) % p).toBe(div.all.a[i]);
    }
    const add = createDataset({ p, op: "add", trainFraction: 0.5, seed: 0 });
    for (let i = 0; i < add.train.a.length; i++) expect(add.train.y[i]).toBe((add.train.a[i]! + add.train.b[i]!) % p);
  });

  it("is stable per seed and differs across seeds", () => {
    const split = (seed: number) => pairs(createDataset({ p: 13, op: "add", trainFraction: 0.5, seed }).train).join(";");
    expect(split(3)).toBe(split(3));
    expect(split(3)).not.toBe(split(4));
    expect(split(0)).not.toBe(split(1));
  });

  it("permutation is a permutation and the rng is reproducible", () => {
    const perm = Array.from(permutation(50, createRng(1)));
    expect([...perm].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(perm).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const a = createRng(9);
    const b = createRng(9);
    const xs = Array.from({ length: 5 }, () => a.normal());
    expect(Array.from({ length: 5 }, () => b.normal())).toEqual(xs);
    // normal sampler: mean ≈ 0, variance ≈ 1
    const r = createRng(2);
    const zs = Array.from({ length: 20000 }, () => r.normal());
    const mean = zs.reduce((s, z) => s + z, 0) / zs.length;
    const variance = zs.reduce((s, z) => s + (z - mean) ** 2, 0) / zs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});
