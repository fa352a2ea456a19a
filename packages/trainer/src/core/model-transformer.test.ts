import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import type { Tensor, Tensor2D } from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createDataset } from "./data.ts";
import { createMeanLoss } from "./loss.ts";
import { createTransformer, type Transformer, type TransformerOptions } from "./model-transformer.ts";
import { createAdamW } from "./optimizer-adamw.ts";
import { createRng } from "./rng.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

type Mat = number[][];
const mulVM = (x: number[], w: Mat) => w[0]!.map((_, j) => x.reduce((s, xi, i) => s + xi * w[i]![j]!, 0));
const addV = (x: number[], y: number[]) => x.map((xi, i) => xi + y[i]!);

/**
 * Nanda et al.'s one-layer transformer written out literally, in float64: every position gets
 * q, k, v, attention is causal over all 3 positions, the MLP runs at position 2, logits read there.
 */
function referenceLogits(P: Record<string, Mat | number[]>, o: TransformerOptions, a: number, b: number): number[] {
  const M = (k: string) => P[k] as Mat;
  const V = (k: string) => P[k] as number[];
  const dHead = o.dModel / o.heads;
  const x = [a, b, o.p].map((tok, t) => addV(M("W_E")[tok]!, M("W_pos")[t]!));
  const q = x.map((r) => mulVM(r, M("W_Q")));
  const k = x.map((r) => mulVM(r, M("W_K")));
  const v = x.map((r) => mulVM(r, M("W_V")));
  const z = new Array<number>(o.dModel).fill(0);
  for (let h = 0; h < o.heads; h++) {
    const dims = Array.from({ length: dHead }, (_, j) => h * dHead + j);
    const scores = [0, 1, 2].map((s) => dims.reduce((acc, j) => acc + q[2]![j]! * k[s]![j]!, 0) / Math.sqrt(dHead)); // causal: position 2 sees 0..2
    const top = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - top));
    const total = e.reduce((s, w) => s + w, 0);
    for (const j of dims) z[j] = [0, 1, 2].reduce((acc, s) => acc + (e[s]! / total) * v[s]![j]!, 0);
  }
  const resid = addV(x[2]!, mulVM(z, M("W_O")));
  const hidden = addV(mulVM(resid, M("W_in")), V("b_in")).map((u) => Math.max(u, 0));
  const post = addV(resid, addV(mulVM(hidden, M("W_out")), V("b_out")));
  return mulVM(post, M("W_U"));
}

const tiny: TransformerOptions = { p: 5, dModel: 8, heads: 2, mlpDim: 16 };
/** Each seed its own examples (and its own weights), so a layout that mixed seeds would show. */
const pairsOf = [
  { a: Int32Array.of(0, 1, 4, 3, 2, 4), b: Int32Array.of(0, 3, 2, 4, 4, 1) },
  { a: Int32Array.of(2, 2, 0, 1, 3, 4), b: Int32Array.of(1, 4, 3, 0, 2, 2) },
  { a: Int32Array.of(4, 3, 1, 0, 0, 2), b: Int32Array.of(3, 1, 1, 2, 4, 0) },
];
const rngsOf = (...seeds: number[]) => seeds.map((s) => createRng(s));

/** Seed s's parameters as plain arrays (each variable is [S, …]; seed s is its s-th block). */
function snapshot(model: Transformer, s: number): Record<string, Mat | number[]> {
  return Object.fromEntries(
    Object.entries(model.named).map(([k, v]) => [k, (v.arraySync() as (Mat | number[])[])[s]!]),
  );
}

/** Σ z ⊙ R as a scalar with its own gradient (tfjs-core registers none for Mul/Sum). */
function weightedSum(z: Tensor2D, r: Tensor2D): Tensor {
  const op = tf.customGrad<Tensor>((...args: (Tensor | ((t: Tensor[]) => void))[]) => {
    const x = args[0] as Tensor;
    return { value: tf.sum(tf.mul(x, r)), gradFunc: (dy: Tensor) => tf.mul(dy, r) };
  });
  return op(z);
}

describe("createTransformer (S seeds, leading seed axis)", () => {
  it("matches a literal float64 forward pass seed by seed (own weights, own examples), with nonzero biases", () => {
    const S = 3;
    const model = createTransformer(tf, tiny, rngsOf(7, 8, 9));
    model.named.b_in.assign(tf.randomNormal([S, tiny.mlpDim], 0, 0.5, "float32", 1));
    model.named.b_out.assign(tf.randomNormal([S, tiny.dModel], 0, 0.5, "float32", 2));
    const inputs = model.prepareInputs(pairsOf);
    const logits = model.forward(inputs).arraySync() as Mat;
    const n = pairsOf[0]!.a.length;
    expect(logits.length).toBe(S * n);
    for (let s = 0; s < S; s++) {
      const P = snapshot(model, s);
      for (let i = 0; i < n; i++) {
        const expected = referenceLogits(P, tiny, pairsOf[s]!.a[i]!, pairsOf[s]!.b[i]!);
        const got = logits[s * n + i]!;
        expect(got.length).toBe(tiny.p);
        got.forEach((z, c) => expect(z, `seed ${s} example ${i}`).toBeCloseTo(expected[c]!, 4));
      }
    }
    inputs.dispose();
    model.dispose();
  });

  it("draws seed s's init from rngs[s] exactly as the single-seed model did; reports params, groups and the embedding", () => {
    const model = createTransformer(tf, tiny, rngsOf(1, 2));
    const { p, dModel: d, mlpDim: m } = tiny;
    // The historical draw order per seed: W_E, W_pos, W_Q, W_K, W_V, W_O, W_in, W_out, W_U, each N(0, 1/fan_in) in float32.
    const order: [string, number, number][] = [["W_E", (p + 1) * d, d], ["W_pos", 3 * d, d], ["W_Q", d * d, d], ["W_K", d * d, d], ["W_V", d * d, d], ["W_O", d * d, d], ["W_in", d * m, d], ["W_out", m * d, m], ["W_U", d * p, d]];
    [1, 2].forEach((seedValue, s) => {
      const rng = createRng(seedValue);
      for (const [name, size, fanIn] of order) {
        const want = Float32Array.from({ length: size }, () => rng.normal() / Math.sqrt(fanIn));
        const all = model.named[name as keyof typeof model.named].dataSync();
        expect(all.slice(s * size, (s + 1) * size), `seed ${s} ${name}`).toEqual(want);
      }
    });
    expect(model.params.map((x) => [x.name, x.role, x.group, x.seed, x.variable.shape])).toEqual([
      ["W_E", "weight", "embed", undefined, [2, p + 1, d]],
      ["W_pos", "weight", "embed", undefined, [2, 3, d]],
      ["W_Q", "weight", "hidden", undefined, [2, d, d]],
      ["W_K", "weight", "hidden", undefined, [2, d, d]],
      ["W_V", "weight", "hidden", undefined, [2, d, d]],
      ["W_O", "weight", "hidden", undefined, [2, d, d]],
      ["W_in", "weight", "hidden", undefined, [2, d, m]],
      ["b_in", "bias", undefined, undefined, [2, m]],
      ["W_out", "weight", "hidden", undefined, [2, m, d]],
      ["b_out", "bias", undefined, undefined, [2, d]],
      ["W_U", "weight", "readout", undefined, [2, d, p]],
    ]);
    expect(model.weightMatrices).toHaveLength(9);
    expect(model.biases).toEqual([model.named.b_in, model.named.b_out]);
    expect(model.variables).toEqual(model.params.map((x) => x.variable));
    const embedding = model.embedding();
    expect(embedding.shape).toEqual([2, p, d]);
    expect(embedding.arraySync()).toEqual((model.named.W_E.arraySync() as Mat[]).map((e) => e.slice(0, p)));
    // seed s of an S-seed model is the 1-seed model from the same stream
    const alone = createTransformer(tf, tiny, rngsOf(2));
    expect(alone.named.W_U.arraySync()).toEqual([(model.named.W_U.arraySync() as Mat[])[1]]);
    tf.dispose(embedding);
    alone.dispose();
    model.dispose();
  });

  it("has gradients that match float64 central differences of the reference, for every seed", () => {
    const S = 3;
    const model = createTransformer(tf, tiny, rngsOf(3, 4, 5));
    model.named.b_in.assign(tf.randomNormal([S, tiny.mlpDim], 0, 0.3, "float32", 4));
    const inputs = model.prepareInputs(pairsOf);
    const n = pairsOf[0]!.a.length;
    const rng = createRng(11);
    const coeffs = Array.from({ length: S * n }, () => Array.from({ length: tiny.p }, () => rng.normal()));
    const r = tf.tensor2d(coeffs);
    const { grads } = tf.variableGrads(() => weightedSum(model.forward(inputs), r) as tf.Scalar, model.variables);
    const P = [0, 1, 2].map((s) => snapshot(model, s));
    // The objective as a sum over seeds; perturbing seed s's weight must move only seed s's term.
    const objective = () =>
      P.reduce(
        (total, Ps, s) =>
          total + coeffs.slice(s * n, (s + 1) * n).reduce((acc, row, i) => acc + referenceLogits(Ps, tiny, pairsOf[s]!.a[i]!, pairsOf[s]!.b[i]!).reduce((t, z, c) => t + z * row[c]!, 0), 0),
        0,
      );
    const eps = 1e-6;
    for (const [name, variable] of Object.entries(model.named)) {
      const g = (grads[variable.name]!.dataSync() as Float32Array).slice();
      const perSeed = variable.size / S;
      for (let k = 0; k < 6; k++) {
        const s = k % S;
        const within = rng.int(perSeed);
        const entry = P[s]![name]!;
        const flat = variable.rank === 2 ? [entry as number[]] : (entry as Mat);
        const cols = flat[0]!.length;
        const row = flat[Math.floor(within / cols)]!;
        const col = within % cols;
        const saved = row[col]!;
        row[col] = saved + eps;
        const up = objective();
        row[col] = saved - eps;
        const down = objective();
        row[col] = saved;
        const numeric = (up - down) / (2 * eps);
        expect(Math.abs(g[s * perSeed + within]! - numeric), `seed ${s} ${name}[${within}]`).toBeLessThan(1e-3 * (1 + Math.abs(numeric)));
      }
    }
    tf.dispose([r, ...Object.values(grads)]);
    inputs.dispose();
    model.dispose();
  });

  it("memorises the training split of p = 13 in 200 AdamW steps", () => {
    const options: TransformerOptions = { p: 13, dModel: 32, heads: 4, mlpDim: 64 };
    const data = createDataset({ p: 13, op: "add", trainFraction: 0.5, seed: 5 });
    const model = createTransformer(tf, options, [createRng(5)]);
    const inputs = model.prepareInputs([data.train]);
    const targets = tf.cast(tf.oneHot(tf.tensor1d(data.train.y, "int32"), 13), "float32") as Tensor2D;
    const loss = createMeanLoss(tf, "ce", targets, 1);
    const optimizer = createAdamW(
      tf,
      model.variables.map((variable) => ({ variable, decay: model.weightMatrices.includes(variable) })),
      { lr: 3e-3, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 0.1, decayOrder: "after" },
    );
    const accuracy = () =>
      tf.tidy(() => {
        const predicted = Array.from(tf.argMax(model.forward(inputs), 1).dataSync());
        return predicted.reduce((s, c, i) => s + (c === data.train.y[i] ? 1 : 0), 0) / predicted.length;
      });
    const before = accuracy();
    for (let step = 0; step < 200; step++) {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => loss(model.forward(inputs)) as tf.Scalar, model.variables);
        optimizer.apply(grads);
      });
    }
    const after = accuracy();
    expect(before).toBeLessThan(0.3);
    expect(after).toBeGreaterThan(0.95);
    tf.dispose(targets);
    inputs.dispose();
    model.dispose();
  });
});
