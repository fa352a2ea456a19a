import { GROKKED_TEST_ACC, MEMORISED_TRAIN_ACC } from "@grokscope/spec";
import type { Metrics } from "./metrics.ts";

/**
 * Online event detection (SCIENCE.md §6), fed every evaluation in step order:
 *   t_mem        first evaluation step with train_acc ≥ 0.99          value: train_acc there
 *   t_grok       first evaluation step with test_acc ≥ 0.90           value: logit_scale there
 *   test_acc_50  first evaluation step with test_acc ≥ 0.5            value: test_acc there
 *   test_acc_95  first evaluation step with test_acc ≥ 0.95           value: test_acc there
 * Each fires once. Because evaluations are every evalEvery steps, the steps are upper bounds on
 * the true crossing, resolved to evalEvery.
 */
export const EVENT_KINDS = ["t_mem", "t_grok", "test_acc_50", "test_acc_95"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface TrainEvent {
  kind: EventKind;
  seed: number;
  step: number;
  value?: number;
}

interface Rule {
  kind: EventKind;
  fires: (m: Metrics) => boolean;
  value: (m: Metrics) => number;
}

const RULES: Rule[] = [
  { kind: "t_mem", fires: (m) => m.train_acc >= MEMORISED_TRAIN_ACC, value: (m) => m.train_acc },
  { kind: "test_acc_50", fires: (m) => m.test_acc >= 0.5, value: (m) => m.test_acc },
  // logit_scale_at_grok: L at the T_grok evaluation (§6), the paper's predictor of the delay.
  { kind: "t_grok", fires: (m) => m.test_acc >= GROKKED_TEST_ACC, value: (m) => m.logit_scale },
  { kind: "test_acc_95", fires: (m) => m.test_acc >= 0.95, value: (m) => m.test_acc },
];

export interface EventDetector {
  /** Returns the events that fire at this evaluation (empty most of the time). */
  observe(step: number, metrics: Metrics): TrainEvent[];
  /** Every event fired so far, by kind. */
  readonly fired: Partial<Record<EventKind, TrainEvent>>;
  /** Marks these events as already fired (resuming from a checkpoint). */
  restore(events: TrainEvent[]): void;
}

export function createEventDetector(seed: number): EventDetector {
  const fired: Partial<Record<EventKind, TrainEvent>> = {};
  return {
    fired,
    restore(events) {
      for (const e of events) fired[e.kind] = { ...e, seed };
    },
    observe(step, metrics) {
      const out: TrainEvent[] = [];
      for (const rule of RULES) {
        if (fired[rule.kind] || !rule.fires(metrics)) continue;
        const event: TrainEvent = { kind: rule.kind, seed, step, value: rule.value(metrics) };
        fired[rule.kind] = event;
        out.push(event);
      }
      return out;
    },
  };
}
