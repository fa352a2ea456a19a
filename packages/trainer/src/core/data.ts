import type { RunConfig } from "@grokscope/spec";
import { createRng, deriveSeed, permutation, STREAMS } from "./rng.ts";

/**
 * The modular-arithmetic task (SCIENCE.md §1, after Power et al. 2201.02177): every valid pair
 * (a, b) over Z_p labelled (a ∘ b) mod p; a seeded permutation puts round(trainFraction·N)
 * pairs in the training split and the rest in the test split.
 */
export type Op = RunConfig["op"];

/** Parallel arrays: example i is (a[i], b[i]) with label y[i]. */
export interface Examples {
  a: Int32Array;
  b: Int32Array;
  y: Int32Array;
}

export interface ModularDataset {
  p: number;
  op: Op;
  /** Every valid pair, in (a, b) lexicographic order: p² pairs, p(p−1) for div. */
  all: Examples;
  train: Examples;
  test: Examples;
  /** Indices into `all` of the training / test pairs. */
  trainIndex: Int32Array;
  testIndex: Int32Array;
  /** 1 where all[i] is a training pair. */
  isTrain: Uint8Array;
}

/** Modular inverse by Fermat's little theorem (p prime): b^(p−2) mod p. */
export function modInverse(b: number, p: number): number {
  let result = 1;
  let base = ((b % p) + p) % p;
  for (let e = p - 2; e > 0; e >>= 1) {
    if (e & 1) result = (result * base) % p;
    base = (base * base) % p;
  }
  return result;
}

export function applyOp(op: Op, a: number, b: number, p: number): number {
  switch (op) {
    case "add":
      return (a + b) % p;
    case "sub":
      return (((a - b) % p) + p) % p;
    case "mul":
      return (a * b) % p;
    case "div":
      return (a * modInverse(b, p)) % p;
  }
}

function pick(from: Examples, index: Int32Array): Examples {
  const n = index.length;
  const out = { a: new Int32Array(n), b: new Int32Array(n), y: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    const j = index[i]!;
    out.a[i] = from.a[j]!;
    out.b[i] = from.b[j]!;
    out.y[i] = from.y[j]!;
  }
  return out;
}

export function createDataset(options: { p: number; op: Op; trainFraction: number; seed: number }): ModularDataset {
  const { p, op, trainFraction, seed } = options;
  const bStart = op === "div" ? 1 : 0; // division is defined for b ≠ 0 only
  const n = p * (p - bStart);
  const all: Examples = { a: new Int32Array(n), b: new Int32Array(n), y: new Int32Array(n) };
  let i = 0;
  for (let a = 0; a < p; a++) {
    for (let b = bStart; b < p; b++, i++) {
      all.a[i] = a;
      all.b[i] = b;
      all.y[i] = applyOp(op, a, b, p);
    }
  }
  const nTrain = Math.round(trainFraction * n);
  const perm = permutation(n, createRng(deriveSeed(seed, STREAMS.split)));
  // Sorted so that the split is a set (order does not matter for full-batch training).
  const trainIndex = perm.slice(0, nTrain).sort();
  const testIndex = perm.slice(nTrain).sort();
  const isTrain = new Uint8Array(n);
  for (const j of trainIndex) isTrain[j] = 1;
  return { p, op, all, train: pick(all, trainIndex), test: pick(all, testIndex), trainIndex, testIndex, isTrain };
}
