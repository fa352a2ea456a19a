import type { Tensor, Tensor2D } from "@tensorflow/tfjs-core";
import type { Tf } from "./ops.ts";
import { headMask } from "./transformer-ops.ts";

type Save = (tensors: Tensor[]) => void;

/**
 * Multi-head attention read at the last position of (a, b, =), with a hand-written gradient
 * (tfjs-core registers none) in 2-D ops only (wasm runs rank-3 batched matmuls on a slow path,
 * PERF-NOTES). Head h owns model dimensions [h·d/H, (h+1)·d/H).
 *
 * Inputs: k01, v01 (2n×d: rows 0..n−1 position 0 (a), rows n..2n−1 position 1 (b)); q, k2, v2
 * (1×d: the "=" position, identical for every example). Output z (n×d), the heads' outputs
 * concatenated (before W_O). With s_t = q·k_t/√(d/H) per head and w = softmax over t ∈ {0,1,2}:
 *   z = Σ_t w_t ⊙ v_t.
 * Gradient (per head, broadcast to its dimensions through the d×H head mask M):
 *   dv_t = dz ⊙ (w_t Mᵀ),  dw_t = (dz ⊙ v_t) M,  ds_t = w_t ⊙ (dw_t − Σ_u w_u ⊙ dw_u),
 *   dk_t = ds_t Q_hᵀ,  dQ_h = Σ_t k_tᵀ ds_t,  dq = scale · rowsum(dQ_h ⊙ M)
 * where Q_h = scale · (qᵀ ⊙ M) (d×H). The "=" position's terms are summed over examples.
 * Returns the op and a dispose for the constant head masks.
 */
export function createLastPositionAttention(
  tf: Tf,
  dModel: number,
  heads: number,
): { attend: (k01: Tensor2D, v01: Tensor2D, q: Tensor2D, k2: Tensor2D, v2: Tensor2D) => Tensor2D; dispose: () => void } {
  const scale = 1 / Math.sqrt(dModel / heads);
  const mask = headMask(tf, dModel, heads);
  const maskT = tf.transpose(mask) as Tensor2D;

  const op = tf.customGrad<Tensor>((...args: (Tensor | Save)[]) => {
    const [k01, v01, q, k2, v2, save] = args as [Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Save];
    const n = k01.shape[0] / 2;
    const d = dModel;
    const k0 = tf.slice(k01, [0, 0], [n, d]) as Tensor2D;
    const k1 = tf.slice(k01, [n, 0], [n, d]) as Tensor2D;
    const v0 = tf.slice(v01, [0, 0], [n, d]) as Tensor2D;
    const v1 = tf.slice(v01, [n, 0], [n, d]) as Tensor2D;
    const qHeads = tf.mul(tf.mul(tf.reshape(q, [d, 1]), mask), scale) as Tensor2D; // Q_h, d×H
    const s0 = tf.matMul(k0, qHeads);
    const s1 = tf.matMul(k1, qHeads);
    const s2 = tf.matMul(k2, qHeads); // 1×H
    const top = tf.maximum(tf.maximum(s0, s1), s2); // softmax is shift-invariant: for stability only
    const e0 = tf.exp(tf.sub(s0, top));
    const e1 = tf.exp(tf.sub(s1, top));
    const e2 = tf.exp(tf.sub(s2, top));
    const total = tf.add(tf.add(e0, e1), e2);
    const w0 = tf.div(e0, total) as Tensor2D;
    const w1 = tf.div(e1, total) as Tensor2D;
    const w2 = tf.div(e2, total) as Tensor2D;
    const wd0 = tf.matMul(w0, maskT);
    const wd1 = tf.matMul(w1, maskT);
    const wd2 = tf.matMul(w2, maskT);
    save([k0, k1, v0, v1, k2, v2, qHeads, w0, w1, w2, wd0, wd1, wd2]);
    return {
      value: tf.add(tf.add(tf.mul(wd0, v0), tf.mul(wd1, v1)), tf.mul(wd2, v2)),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sk0, sk1, sv0, sv1, sk2, sv2, sq, sw0, sw1, sw2, swd0, swd1, swd2] = saved as Tensor2D[] as [
          Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D, Tensor2D,
        ];
        const dz = dy as Tensor2D;
        const dv0 = tf.mul(dz, swd0);
        const dv1 = tf.mul(dz, swd1);
        const dv2 = tf.sum(tf.mul(dz, swd2), 0, true);
        const dw0 = tf.matMul(tf.mul(dz, sv0) as Tensor2D, mask);
        const dw1 = tf.matMul(tf.mul(dz, sv1) as Tensor2D, mask);
        const dw2 = tf.matMul(tf.mul(dz, sv2) as Tensor2D, mask);
        const mean = tf.add(tf.add(tf.mul(sw0, dw0), tf.mul(sw1, dw1)), tf.mul(sw2, dw2));
        const ds0 = tf.mul(sw0, tf.sub(dw0, mean)) as Tensor2D;
        const ds1 = tf.mul(sw1, tf.sub(dw1, mean)) as Tensor2D;
        const ds2 = tf.sum(tf.mul(sw2, tf.sub(dw2, mean)), 0, true) as Tensor2D; // 1×H
        const qT = tf.transpose(sq) as Tensor2D;
        const dk0 = tf.matMul(ds0, qT);
        const dk1 = tf.matMul(ds1, qT);
        const dk2 = tf.matMul(ds2, qT);
        const dqHeads = tf.add(
          tf.add(tf.matMul(tf.transpose(sk0) as Tensor2D, ds0), tf.matMul(tf.transpose(sk1) as Tensor2D, ds1)),
          tf.matMul(tf.transpose(sk2) as Tensor2D, ds2),
        );
        const dq = tf.reshape(tf.mul(tf.sum(tf.mul(dqHeads, mask), 1), scale), [1, d]);
        return [tf.concat([dk0, dk1], 0), tf.concat([dv0, dv1], 0), dq, dk2, dv2];
      },
    };
  });
  return {
    attend: (k01, v01, q, k2, v2) => op(k01, v01, q, k2, v2) as Tensor2D,
    dispose: () => tf.dispose([mask, maskT]),
  };
}
