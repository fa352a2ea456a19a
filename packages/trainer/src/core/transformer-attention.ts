import type { Tensor, Tensor2D } from "@tensorflow/tfjs-core";
import type { Tf } from "./ops.ts";
import { headMask, seedSum, withSeedRow } from "./transformer-ops.ts";

type Save = (tensors: Tensor[]) => void;

/**
 * Multi-head attention read at the last position of (a, b, =), for S seeds at once, with a
 * hand-written gradient (tfjs-core registers none). Head h owns model dimensions [h·d/H, (h+1)·d/H).
 *
 * Layout (seed-major, as ops-batched.ts): k0, v0 (position 0, a) and k1, v1 (position 1, b) are
 * [S·n, d], rows s·n..(s+1)·n−1 belong to seed s; q, k2, v2 (the "=" position) are [S, d], ONE row
 * per seed, shared by that seed's n examples. Output z [S·n, d], the heads' outputs concatenated
 * (before W_O). With s_t = q·k_t/√(d/H) per head and w = softmax over t ∈ {0,1,2}: z = Σ_t w_t ⊙ v_t.
 *
 * Only 2-D ops, no batched matmul (wasm runs rank-3 BatchMatMul on a slow path, PERF-NOTES): the
 * per-head dot products are (k_t ⊙ q̃)·M with q̃ = scale·q broadcast over its seed's rows ([S,n,d] ⊙
 * [S,1,d] views) and M the constant d×H head mask, so every seed's scores come from one product.
 * Gradient (per head; a d-wide copy of an H-wide x is x·Mᵀ):
 *   dv_t = dz ⊙ (w_t Mᵀ),  dw_t = (dz ⊙ v_t) M,  ds_t = w_t ⊙ (dw_t − Σ_u w_u ⊙ dw_u),
 *   dk_t = (ds_t Mᵀ) ⊙ q̃,  dq = scale · Σ_t Σ_examples k_t ⊙ (ds_t Mᵀ).
 * A term of the "=" position (dv_2, dk_2, and dq) sums over examples: with S seeds that is a
 * seed-segmented sum (seedSum: seed s's rows only), which is what keeps seeds apart in the backward pass.
 * Returns the op and a dispose for the constant head masks.
 */
export function createLastPositionAttention(
  tf: Tf,
  dModel: number,
  heads: number,
): {
  attend: (k0: Tensor2D, k1: Tensor2D, v0: Tensor2D, v1: Tensor2D, q: Tensor2D, k2: Tensor2D, v2: Tensor2D) => Tensor2D;
  dispose: () => void;
} {
  const scale = 1 / Math.sqrt(dModel / heads);
  const mask = headMask(tf, dModel, heads);
  const maskT = tf.transpose(mask) as Tensor2D;
  const mul = (x: Tensor, y: Tensor) => tf.mul(x, y);
  const mm = (a: Tensor, b: Tensor2D) => tf.matMul(a as Tensor2D, b) as Tensor2D;

  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [k0, k1, v0, v1, q, k2, v2, save] = args as [Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Save];
    const S = q.shape[0];
    const qs = tf.mul(q, scale) as Tensor2D; // q̃, [S, d]
    const s0 = mm(withSeedRow(tf, k0, qs, mul), mask); // [S·n, H]
    const s1 = mm(withSeedRow(tf, k1, qs, mul), mask);
    const s2 = mm(tf.mul(k2, qs), mask); // [S, H]
    // softmax is shift-invariant: the max is for stability only
    const top = withSeedRow(tf, tf.maximum(s0, s1) as Tensor2D, s2, (x, r) => tf.maximum(x, r));
    const e0 = tf.exp(tf.sub(s0, top));
    const e1 = tf.exp(tf.sub(s1, top));
    const e2 = tf.exp(withSeedRow(tf, top, s2, (t, r) => tf.sub(r, t)));
    const total = tf.add(tf.add(e0, e1), e2);
    const w0 = tf.div(e0, total) as Tensor2D;
    const w1 = tf.div(e1, total) as Tensor2D;
    const w2 = tf.div(e2, total) as Tensor2D;
    const wd0 = mm(w0, maskT);
    const wd1 = mm(w1, maskT);
    const wd2 = mm(w2, maskT);
    save([k0, k1, v0, v1, k2, v2, qs, w0, w1, w2, wd0, wd1, wd2]);
    return {
      value: tf.add(tf.add(tf.mul(wd0, v0), tf.mul(wd1, v1)), withSeedRow(tf, wd2, v2, mul)),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sk0, sk1, sv0, sv1, sk2, sv2, sq, sw0, sw1, sw2, swd0, swd1, swd2] = saved as Tensor2D[] as [
          Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D,
        ];
        const dz = dy as Tensor2D;
        const dv0 = tf.mul(dz, swd0);
        const dv1 = tf.mul(dz, swd1);
        const dv2 = seedSum(tf, tf.mul(dz, swd2) as Tensor2D, S);
        const dw0 = mm(tf.mul(dz, sv0), mask);
        const dw1 = mm(tf.mul(dz, sv1), mask);
        const dw2 = mm(withSeedRow(tf, dz, sv2, mul), mask);
        const mean = tf.add(tf.add(tf.mul(sw0, dw0), tf.mul(sw1, dw1)), tf.mul(sw2, dw2));
        const ds0 = tf.mul(sw0, tf.sub(dw0, mean)) as Tensor2D;
        const ds1 = tf.mul(sw1, tf.sub(dw1, mean)) as Tensor2D;
        const ds2 = seedSum(tf, tf.mul(sw2, tf.sub(dw2, mean)) as Tensor2D, S); // [S, H]
        const dsd0 = mm(ds0, maskT); // [S·n, d]
        const dsd1 = mm(ds1, maskT);
        const dsd2 = mm(ds2, maskT); // [S, d]
        const dk0 = withSeedRow(tf, dsd0, sq, mul);
        const dk1 = withSeedRow(tf, dsd1, sq, mul);
        const dk2 = tf.mul(dsd2, sq);
        const fromExamples = seedSum(tf, tf.add(tf.mul(sk0, dsd0), tf.mul(sk1, dsd1)) as Tensor2D, S);
        const dq = tf.mul(tf.add(fromExamples, tf.mul(sk2, dsd2)), scale);
        return [dk0, dk1, dv0, dv1, dq, dk2, dv2];
      },
    };
  });
  return {
    attend: (k0, k1, v0, v1, q, k2, v2) => op(k0, k1, v0, v1, q, k2, v2) as Tensor2D,
    dispose: () => tf.dispose([mask, maskT]),
  };
}
