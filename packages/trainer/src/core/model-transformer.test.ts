import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import type { Tensor, Tensor2D, Variable } from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createDataset } from "./data.ts";
import { createMeanLoss } from "./loss.ts";
import { createTransformer, type TransformerOptions } from "./model-transformer.ts";
import { createAdamW } from "./optimizer-adamw.ts";
import { createRng } from "./rng.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

type Mat = number[][];
const matrix = (v: Variable): Mat => v.arraySync() as Mat;
const vector = (v: Variable): number[] => v.arraySync() as number[];
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
const pairs = { a: Int32Array.of(0, 1, 4, 3, 2, 4), b: Int32Array.of(0, 3, 2, 4, 4, 1) };

function snapshot(params: Record<string, Variable>): Record<string, Mat | number[]> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.rank === 1 ? vector(v) : matrix(v)]));
}

/** Σ z ⊙ R as a scalar with its own gradient (tfjs-core registers none for Mul/Sum). */
function weightedSum(z: Tensor2D, r: Tensor2D): Tensor {
  const op = tf.customGrad<Tensor>((...args: (Tensor | ((t: Tensor[]) => void))[]) => {
    const x = args[0] as Tensor;
    return { value: tf.sum(tf.mul(x, r)), gradFunc: (dy: Tensor) => tf.mul(dy, r) };
  });
  return op(z);
}

describe("createTransformer", () => {
  it("matches a literal float64 forward pass, with nonzero biases", () => {
    const model = createTransformer(tf, tiny, createRng(7));
    model.params.b_in.assign(tf.randomNormal([tiny.mlpDim], 0, 0.5, "float32", 1));
    model.params.b_out.assign(tf.randomNormal([tiny.dModel], 0, 0.5, "float32", 2));
    const inputs = model.prepareInputs(pairs);
    const logits = model.forward(inputs).arraySync() as Mat;
    expect(logits.length).toBe(pairs.a.length);
    const P = snapshot(model.params);
    for (let i = 0; i < pairs.a.length; i++) {
      const expected = referenceLogits(P, tiny, pairs.a[i]!, pairs.b[i]!);
      expect(logits[i]!.length).toBe(tiny.p);
      logits[i]!.forEach((z, c) => expect(z).toBeCloseTo(expected[c]!, 4));
    }
    inputs.dispose();
    model.dispose();
  });

  it("reports weight matrices, biases, norm groups and the p×d embedding", () => {
    const model = createTransformer(tf, tiny, createRng(1));
    expect(model.weightMatrices).toHaveLength(9);
    expect(model.biases).toEqual([model.params.b_in, model.params.b_out]);
    const grouped = [...model.normGroups.embed, ...model.normGroups.hidden, ...model.normGroups.readout];
    expect(new Set(grouped)).toEqual(new Set(model.weightMatrices));
    const embedding = model.embedding();
    expect(embedding.shape).toEqual([tiny.p, tiny.dModel]);
    expect(embedding.arraySync()).toEqual((model.params.W_E.arraySync() as Mat).slice(0, tiny.p));
    // Same seed → same initial weights (drawn in JS, backend-independent).
    const again = createTransformer(tf, tiny, createRng(1));
    expect(again.params.W_U.arraySync()).toEqual(model.params.W_U.arraySync());
    again.dispose();
    model.dispose();
  });

  it("has gradients that match float64 central differences of the reference", () => {
    const model = createTransformer(tf, tiny, createRng(3));
    model.params.b_in.assign(tf.randomNormal([tiny.mlpDim], 0, 0.3, "float32", 4));
    const inputs = model.prepareInputs(pairs);
    const rng = createRng(11);
    const coeffs = Array.from({ length: pairs.a.length }, () => Array.from({ length: tiny.p }, () => rng.normal()));
    const r = tf.tensor2d(coeffs);
    const { grads } = tf.variableGrads(() => weightedSum(model.forward(inputs), r) as tf.Scalar, model.variables);
    const P = snapshot(model.params);
    const objective = () =>
      coeffs.reduce((s, row, i) => s + referenceLogits(P, tiny, pairs.a[i]!, pairs.b[i]!).reduce((t, z, c) => t + z * row[c]!, 0), 0);
    const eps = 1e-6;
    for (const [name, variable] of Object.entries(model.params)) {
      const g = (grads[variable.name]!.dataSync() as Float32Array).slice();
      const entry = P[name]!;
      const flat = variable.rank === 1 ? [entry as number[]] : (entry as Mat);
      const cols = flat[0]!.length;
      for (let k = 0; k < 6; k++) {
        const idx = rng.int(flat.length * cols);
        const row = flat[Math.floor(idx / cols)]!;
        const col = idx % cols;
        const saved = row[col]!;
        row[col] = saved + eps;
        const up = objective();
        row[col] = saved - eps;
        const down = objective();
        row[col] = saved;
        const numeric = (up - down) / (2 * eps);
        expect(Math.abs(g[idx]! - numeric), `${name}[${idx}]`).toBeLessThan(1e-3 * (1 + Math.abs(numeric)));
      }
    }
    tf.dispose([r, ...Object.values(grads)]);
    inputs.dispose();
    model.dispose();
  });

  it("memorises the training split of p = 13 in 200 AdamW steps", () => {
    const options: TransformerOptions = { p: 13, dModel: 32, heads: 4, mlpDim: 64 };
    const data = createDataset({ p: 13, op: "add", trainFraction: 0.5, seed: 5 });
    const model = createTransformer(tf, options, createRng(5));
    const inputs = model.prepareInputs(data.train);
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
