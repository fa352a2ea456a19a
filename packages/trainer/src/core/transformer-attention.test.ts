import { describe, expect, it } from "vitest";
import type { Tensor, Tensor2D } from "@tensorflow/tfjs-core";
import { selectBackend } from "../backends.ts";
import { createRng } from "./rng.ts";
import { createLastPositionAttention } from "./transformer-attention.ts";

const { tf } = await selectBackend("wasm");

const S = 3;
const n = 4;
const d = 8;
const H = 2;
type Inputs = { k0: number[][]; k1: number[][]; v0: number[][]; v1: number[][]; q: number[][]; k2: number[][]; v2: number[][] };
const NAMES = ["k0", "k1", "v0", "v1", "q", "k2", "v2"] as const;

/** The attention written out per seed and example in float64: seed s's examples see seed s's q, k2, v2 only. */
function reference(x: Inputs): number[][] {
  const dHead = d / H;
  const z: number[][] = [];
  for (let s = 0; s < S; s++) {
    for (let i = 0; i < n; i++) {
      const row = s * n + i;
      const ks = [x.k0[row]!, x.k1[row]!, x.k2[s]!];
      const vs = [x.v0[row]!, x.v1[row]!, x.v2[s]!];
      const out = new Array<number>(d).fill(0);
      for (let h = 0; h < H; h++) {
        const dims = Array.from({ length: dHead }, (_, j) => h * dHead + j);
        const scores = ks.map((k) => dims.reduce((acc, j) => acc + x.q[s]![j]! * k[j]!, 0) / Math.sqrt(dHead));
        const top = Math.max(...scores);
        const e = scores.map((v) => Math.exp(v - top));
        const total = e.reduce((a, b) => a + b, 0);
        for (const j of dims) out[j] = vs.reduce((acc, v, t) => acc + (e[t]! / total) * v[j]!, 0);
      }
      z.push(out);
    }
  }
  return z;
}

describe("last-position attention over S seeds", () => {
  it("matches a per-seed float64 reference, and its gradient matches central differences for every input entry", () => {
    const rng = createRng(21);
    const matrix = (rows: number) => Array.from({ length: rows }, () => Array.from({ length: d }, () => rng.normal()));
    const x: Inputs = { k0: matrix(S * n), k1: matrix(S * n), v0: matrix(S * n), v1: matrix(S * n), q: matrix(S), k2: matrix(S), v2: matrix(S) };
    const coeffs = Array.from({ length: S * n }, () => Array.from({ length: d }, () => rng.normal()));
    const attention = createLastPositionAttention(tf, d, H);
    const r = tf.tensor2d(coeffs);
    const loss = tf.customGrad<Tensor>((...args: unknown[]) => ({ value: tf.sum(tf.mul(args[0] as Tensor, r)), gradFunc: (dy: Tensor) => tf.mul(dy, r) }));
    const tensors = NAMES.map((k) => tf.tensor2d(x[k]));
    const attend = (...ts: Tensor[]) => attention.attend(...(ts as [Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D]));

    const z = attend(...tensors).arraySync() as number[][];
    reference(x).forEach((row, i) => row.forEach((v, j) => expect(z[i]![j]!).toBeCloseTo(v, 5)));

    const grads = tf.grads((...ts: Tensor[]) => loss(attend(...ts)))(tensors);
    const objective = () => reference(x).reduce((acc, row, i) => acc + row.reduce((t, v, j) => t + v * coeffs[i]![j]!, 0), 0);
    const eps = 1e-6;
    NAMES.forEach((name, which) => {
      const g = grads[which]!.arraySync() as number[][];
      expect(g.length, name).toBe(x[name].length);
      x[name].forEach((row, i) =>
        row.forEach((saved, j) => {
          row[j] = saved + eps;
          const up = objective();
          row[j] = saved - eps;
          const down = objective();
          row[j] = saved;
          const numeric = (up - down) / (2 * eps);
          expect(Math.abs(g[i]![j]! - numeric), `${name}[${i}][${j}]`).toBeLessThan(1e-4 * (1 + Math.abs(numeric)));
        }),
      );
    });
    tf.dispose([r, ...tensors, ...grads]);
    attention.dispose();
  });
});
