import { describe, expect, it } from "vitest";
import { createEventDetector } from "./events.ts";
import type { Metrics } from "./metrics.ts";

const m = (train_acc: number, test_acc: number, logit_scale = 1): Metrics => ({
  train_loss: 0,
  test_loss: 0,
  train_acc,
  test_acc,
  weight_norm: 1,
  logit_scale,
  norm_embed: 0,
  norm_hidden: 0,
  norm_readout: 0,
  param_sq_norm: 1,
  logit_scale_train: logit_scale,
  sc_rate: 0,
  frac_saturated: 0,
  max_prob: 0,
  logit_margin: 0,
  grad_norm: 0,
  update_norm: 0,
  fourier_score: 0,
});

describe("event detection", () => {
  it("fires each event once, at the first evaluation crossing its threshold", () => {
    const d = createEventDetector(4);
    const series: [number, Metrics][] = [
      [0, m(0.01, 0.01)],
      [10, m(0.98, 0.0)],
      [20, m(0.99, 0.0)], // t_mem: ≥ 0.99 counts
      [30, m(0.97, 0.2)], // dipping back does not re-fire
      [40, m(1, 0.5, 7)], // test_acc_50
      [50, m(1, 0.89, 8)],
      [60, m(1, 0.96, 9.5)], // t_grok and test_acc_95 at once; t_grok carries logit_scale
      [70, m(1, 1, 10)],
    ];
    const fired = series.flatMap(([step, metrics]) => d.observe(step, metrics));
    expect(fired).toEqual([
      { kind: "t_mem", seed: 4, step: 20, value: 0.99 },
      { kind: "test_acc_50", seed: 4, step: 40, value: 0.5 },
      { kind: "t_grok", seed: 4, step: 60, value: 9.5 },
      { kind: "test_acc_95", seed: 4, step: 60, value: 0.96 },
    ]);
    expect(d.fired.t_grok?.step).toBe(60);
  });

  it("a run that never generalises has no t_grok", () => {
    const d = createEventDetector(0);
    [m(1, 0.1), m(1, 0.89)].forEach((x, i) => d.observe(i * 10, x));
    expect(d.fired.t_grok).toBeUndefined();
    expect(d.fired.t_mem?.step).toBe(0);
  });
});
