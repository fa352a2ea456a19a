import { z } from "zod";
import { isPrime } from "./primes.ts";

/**
 * The run configuration: every knob of SCIENCE.md that the trainer implements today.
 * Defaults are the paper's cell (2606.18465: p = 97, train fraction 0.4, AdamW lr 1e-3,
 * λ = 1, τ = 1, CE) so an empty config reproduces the paper's unclamped baseline.
 */
export const OPS = ["add", "sub", "mul", "div"] as const;
export const LOSSES = ["ce", "mse"] as const;
export const DECAY_ORDERS = ["after", "torch"] as const;
export const BACKENDS = ["auto", "tensorflow", "tensorflow-gpu", "wasm", "cpu"] as const;
export const MODELS = ["mlp"] as const;

export const MAX_STEPS = 1_000_000;

export const runConfigSchema = z
  .object({
    model: z.enum(MODELS).default("mlp"),
    p: z
      .number()
      .int("p must be an integer")
      .min(5, "p must be at least 5")
      .max(257, "p must be at most 257")
      .refine(isPrime, "p must be prime")
      .default(97),
    op: z.enum(OPS).default("add"),
    trainFraction: z.number().gt(0, "trainFraction must be in (0, 1)").lt(1, "trainFraction must be in (0, 1)").default(0.4),
    lr: z.number().gt(0, "lr must be positive").max(1, "lr must be at most 1").default(1e-3),
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.999),
    eps: z.number().gt(0).max(1).default(1e-8),
    weightDecay: z.number().min(0, "weightDecay must be ≥ 0").max(100, "weightDecay must be at most 100").default(1),
    decayOrder: z.enum(DECAY_ORDERS).default("after"),
    temperature: z.number().gt(0, "temperature must be positive").max(100, "temperature must be at most 100").default(1),
    loss: z.enum(LOSSES).default("ce"),
    embedDim: z.number().int().min(1).max(1024).default(128),
    hiddenDim: z.number().int().min(1).max(4096).default(256),
    steps: z.number().int("steps must be an integer").min(1, "steps must be at least 1").max(MAX_STEPS, `steps must be at most ${MAX_STEPS}`).default(10_000),
    evalEvery: z.number().int().min(1, "evalEvery must be at least 1").max(MAX_STEPS).default(10),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
    backend: z.enum(BACKENDS).default("auto"),
    // Interventions and optimiser options (SCIENCE.md §3–§4); absent/0 keeps the plain baseline.
    /** Weight-norm clamp: after every optimiser step t ≥ fromStep, rescale E, W1, W2 (not biases) so ‖W‖ = target. */
    clamp: z
      .object({
        target: z.number().gt(0, "clamp.target must be positive").max(1e6, "clamp.target must be at most 1e6"),
        fromStep: z.number().int().min(0, "clamp.fromStep must be ≥ 0").max(MAX_STEPS).default(500),
      })
      .strict()
      .optional(),
    /** Linear LR warm-up: step t (1-based) uses lr·min(1, t/warmupSteps); 0 = none. */
    warmupSteps: z.number().int().min(0, "warmupSteps must be ≥ 0").max(MAX_STEPS).default(0),
    /** Grokfast-EMA gradient filter (2405.20233): ema ← α·ema + (1−α)·g; g ← g + λ·ema, before AdamW. */
    grokfast: z
      .object({
        alpha: z.number().min(0, "grokfast.alpha must be in [0, 1)").lt(1, "grokfast.alpha must be in [0, 1)").default(0.98),
        lambda: z.number().min(0, "grokfast.lambda must be ≥ 0").max(100, "grokfast.lambda must be at most 100").default(2),
      })
      .strict()
      .optional(),
    /** Minibatch size drawn from the training split by a seeded sampler; absent = full batch. */
    batchSize: z.number().int("batchSize must be an integer").min(1, "batchSize must be at least 1").max(257 * 257).optional(),
  })
  .strict();

export type RunConfig = z.output<typeof runConfigSchema>;
export type RunConfigInput = z.input<typeof runConfigSchema>;

/** One user-facing problem with a config, named by its field path (e.g. "p"). */
export interface ConfigIssue {
  field: string;
  message: string;
}

export type ParseResult = { ok: true; config: RunConfig } | { ok: false; issues: ConfigIssue[] };

/** Validates untrusted input; unknown fields are rejected, not silently dropped. */
export function parseRunConfig(input: unknown): ParseResult {
  const result = runConfigSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  const issues: ConfigIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push({ field: [...issue.path, key].join("."), message: `unknown field "${key}"` });
    } else {
      issues.push({ field: issue.path.join(".") || "(config)", message: issue.message });
    }
  }
  return { ok: false, issues };
}
