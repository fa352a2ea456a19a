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
export const BACKENDS = ["auto", "tensorflow", "tensorflow-gpu", "wasm-openblas", "wasm", "cpu"] as const;
export const MODELS = ["mlp", "transformer"] as const;

export const MAX_STEPS = 1_000_000;
/** Most seeds one run trains as one batched computation (SCIENCE.md §4 "Seeds"; the paper uses 12). */
export const MAX_SEEDS = 32;
/** Most explicitly kept checkpoint steps per run (each is ~1.2 MB per seed at p = 97). */
export const MAX_CHECKPOINT_STEPS = 20;

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
    /** d (MLP embedding width) or d_model (transformer). */
    embedDim: z.number().int().min(1).max(1024).default(128),
    /** H (MLP hidden width) or the transformer's MLP width; absent = 256 (mlp) / 512 (transformer), SCIENCE.md §2. */
    hiddenDim: z.number().int().min(1).max(4096).optional(),
    /** Attention heads (transformer only); must divide embedDim. */
    heads: z.number().int().min(1).max(64).default(4),
    steps: z.number().int("steps must be an integer").min(1, "steps must be at least 1").max(MAX_STEPS, `steps must be at most ${MAX_STEPS}`).default(10_000),
    evalEvery: z.number().int().min(1, "evalEvery must be at least 1").max(MAX_STEPS).default(10),
    /** Base seed: seed index i of the run uses seed value seed + i (its own init, split and batches). */
    seed: z.number().int().min(0).max(2 ** 31 - 1 - MAX_SEEDS).default(0),
    /** Seeds trained together as one batched computation; summaries are medians over them. */
    seeds: z.number().int("seeds must be an integer").min(1, "seeds must be at least 1").max(MAX_SEEDS, `seeds must be at most ${MAX_SEEDS}`).default(1),
    backend: z.enum(BACKENDS).default("auto"),
    // Interventions and optimiser options (SCIENCE.md §3–§4); absent/0 keeps the plain baseline.
    /**
     * Weight-norm clamp: after every optimiser step t ≥ fromStep, rescale the weight matrices (not
     * biases) so ‖W‖ = target. The target is absolute, or rho·w_c with w_c calibrated from the
     * registry when the run starts (SCIENCE.md §4); exactly one of target / rho.
     */
    clamp: z
      .object({
        target: z.number().gt(0, "clamp.target must be positive").max(1e6, "clamp.target must be at most 1e6").optional(),
        rho: z.number().gt(0, "clamp.rho must be positive").max(10, "clamp.rho must be at most 10").optional(),
        fromStep: z.number().int().min(0, "clamp.fromStep must be ≥ 0").max(MAX_STEPS).default(500),
      })
      .strict()
      .superRefine((c, ctx) => {
        if ((c.target === undefined) === (c.rho === undefined)) {
          const message = "clamp needs exactly one of target (an absolute norm) or rho (a multiple of the calibrated w_c)";
          ctx.addIssue({ code: "custom", path: [c.target === undefined ? "target" : "rho"], message });
        }
      })
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
    /**
     * Stop this many steps after every seed has grokked (T_grok, SCIENCE.md §6), at an evaluation;
     * absent = train the whole budget. Sweeps spend their budget on the runs still waiting to grok.
     */
    stopAfterGrok: z.number().int("stopAfterGrok must be an integer").min(0, "stopAfterGrok must be ≥ 0").max(MAX_STEPS).optional(),
    /** Save a resume checkpoint (weights, Adam moments, step; only the latest is kept) every this many steps; 0 = never. */
    checkpointEvery: z.number().int().min(0, "checkpointEvery must be ≥ 0").max(MAX_STEPS).default(1000),
    /** Steps whose full state is kept for forking (the paper forks at 800). */
    checkpointSteps: z
      .array(z.number().int().min(1, "checkpoint steps must be ≥ 1").max(MAX_STEPS))
      .max(MAX_CHECKPOINT_STEPS, `at most ${MAX_CHECKPOINT_STEPS} checkpoint steps`)
      .default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.model === "transformer" && c.embedDim % c.heads !== 0) {
      ctx.addIssue({ code: "custom", path: ["heads"], message: `heads must divide embedDim (${c.embedDim})` });
    }
  })
  .transform((c) => ({ ...c, hiddenDim: c.hiddenDim ?? (c.model === "transformer" ? 512 : 256) }));

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
