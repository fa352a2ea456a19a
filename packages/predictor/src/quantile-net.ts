import type * as TfCore from "@tensorflow/tfjs-core";

/**
 * A one-hidden-layer tanh network trained on the pinball loss for the 50 / 10 / 90 % quantiles,
 * with tfjs tensors and tfjs's Adam. tfjs-core registers no gradients, and its Node build cannot
 * load dist/register_all_gradients (extensionless ESM imports), so the gradient is written out
 * here and handed to optimizer.applyGradients: no tape is involved. Outputs are ordered by
 * construction: q10 = q50 − softplus(o₁), q90 = q50 + softplus(o₂).
 */
export type Tf = typeof TfCore;

export interface QuantileNetWeights {
  w1: number[][];
  b1: number[];
  w2: number[][];
  b2: number[];
}

export interface QuantileNetOptions {
  hidden: number;
  epochs: number;
  learningRate: number;
  seed: number;
  /** L2 penalty on the weight matrices. */
  l2?: number;
}

export const QUANTILES = [0.5, 0.1, 0.9] as const;
let trainings = 0;

/** x: standardised features; y: standardised targets; censored: 1 where y is only a lower bound. */
export function trainQuantileNet(tf: Tf, x: number[][], y: number[], censored: number[], options: QuantileNetOptions): QuantileNetWeights {
  const d = x[0]!.length;
  const n = x.length;
  const { hidden, l2 = 1e-4 } = options;
  // Variable names are global in tfjs; a counter keeps concurrent or repeated trainings apart.
  const prefix = `grokscope-quantile-net-${++trainings}`;
  // tf.variable keeps its own reference to the initial values: dispose the initialisers.
  const variable = (init: TfCore.Tensor, name: string) => {
    const v = tf.variable(init, true, `${prefix}-${name}`);
    init.dispose();
    return v;
  };
  const w1 = variable(tf.randomNormal([d, hidden], 0, 1 / Math.sqrt(d), "float32", options.seed), "w1");
  const b1 = variable(tf.zeros([hidden]), "b1");
  const w2 = variable(tf.randomNormal([hidden, 3], 0, 0.1 / Math.sqrt(hidden), "float32", options.seed + 1), "w2");
  const b2 = variable(tf.tensor1d([0, 0.5, 0.5]), "b2");
  const xs = tf.tensor2d(x);
  const ys = tf.tensor2d(y.map((v) => [v]));
  const cens = tf.tensor2d(censored.map((c) => [c]));
  const observed = tf.tidy(() => tf.sub(1, cens));
  const optimizer = tf.train.adam(options.learningRate);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const grads = tf.tidy(() => {
      const h = tf.tanh(tf.add(tf.matMul(xs, w1), b1));
      const o = tf.add(tf.matMul(h, w2), b2);
      const [o0, o1, o2] = tf.split(o, 3, 1) as [TfCore.Tensor2D, TfCore.Tensor2D, TfCore.Tensor2D];
      const preds = [o0, tf.sub(o0, tf.softplus(o1)), tf.add(o0, tf.softplus(o2))];
      // dLoss/dPred_k = −(1/n)·dℓ/de with e = y − pred: pinball slope q or q − 1 when observed;
      // when censored (the true value is larger) only under-prediction costs, slope q or 0.
      const dPred = preds.map((pred, k) => {
        const q = QUANTILES[k]!;
        const positive = tf.cast(tf.greater(tf.sub(ys, pred), 0), "float32");
        const slope = tf.add(tf.mul(observed, tf.sub(positive, 1 - q)), tf.mul(cens, tf.mul(positive, q)));
        return tf.mul(slope, -1 / n);
      });
      const dO = tf.concat([tf.addN(dPred), tf.mul(tf.neg(dPred[1]!), tf.sigmoid(o1)), tf.mul(dPred[2]!, tf.sigmoid(o2))], 1);
      const dH = tf.matMul(dO, w2, false, true);
      const dA = tf.mul(dH, tf.sub(1, tf.square(h)));
      return [
        { name: w1.name, tensor: tf.add(tf.matMul(xs, dA, true, false), tf.mul(2 * l2, w1)) },
        { name: b1.name, tensor: tf.sum(dA, 0) },
        { name: w2.name, tensor: tf.add(tf.matMul(h, dO, true, false), tf.mul(2 * l2, w2)) },
        { name: b2.name, tensor: tf.sum(dO, 0) },
      ];
    });
    optimizer.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
  }
  const weights: QuantileNetWeights = {
    w1: w1.arraySync() as number[][],
    b1: b1.arraySync() as number[],
    w2: w2.arraySync() as number[][],
    b2: b2.arraySync() as number[],
  };
  tf.dispose([w1, b1, w2, b2, xs, ys, cens, observed]);
  optimizer.dispose();
  return weights;
}

const softplus = (v: number) => (v > 20 ? v : Math.log1p(Math.exp(v)));

/** Plain-array forward pass of standardised features: [q50, q10, q90] in standardised units. */
export function quantileNetForward(weights: QuantileNetWeights, x: readonly number[]): [number, number, number] {
  const h = weights.b1.map((b, j) => Math.tanh(x.reduce((s, xi, i) => s + xi * weights.w1[i]![j]!, b)));
  const o = weights.b2.map((b, k) => h.reduce((s, hj, j) => s + hj * weights.w2[j]![k]!, b));
  return [o[0]!, o[0]! - softplus(o[1]!), o[0]! + softplus(o[2]!)];
}
