import { METRIC_KEYS, parseRunConfig, type MetricKey } from "@grokscope/spec";
import type { CorpusRun, CorpusSeed, HistoryPoint } from "./types.ts";

/**
 * The corpus fixture (packages/predictor/fixtures/corpus.json.gz, gunzipped by the caller: this
 * package does no I/O). Columnar per seed — one steps array and one array per metric — so a
 * 40-run corpus of ≤ 400 points per seed stays a few hundred kB of JSON before gzip.
 */
export const CORPUS_FORMAT = "grokscope-corpus";
export const CORPUS_VERSION = 1;
/** The metrics the forecasters read (features.ts, first-passage.ts, logit-scale.ts, history.ts). */
export const CORPUS_METRICS: readonly MetricKey[] = ["train_acc", "test_acc", "train_loss", "test_loss", "param_sq_norm", "logit_scale", "weight_norm"];

interface EncodedSeed {
  tMem?: number;
  tGrok?: number;
  steps: number[];
  values: (number | null)[][];
}
interface EncodedCorpus {
  format: typeof CORPUS_FORMAT;
  version: typeof CORPUS_VERSION;
  metrics: MetricKey[];
  runs: { id: string; sweepId?: string; config: unknown; seeds: EncodedSeed[] }[];
}

/** Indices kept when thinning n points to at most max: evenly spaced, first and last kept, plus the steps in `keep`. */
export function thinIndices(steps: readonly number[], max: number, keep: readonly number[] = []): number[] {
  const n = steps.length;
  if (n <= max) return steps.map((_, i) => i);
  const chosen = new Set<number>();
  const slots = Math.max(2, max - keep.length);
  for (let k = 0; k < slots; k++) chosen.add(Math.round((k * (n - 1)) / (slots - 1)));
  for (const step of keep) {
    const i = steps.indexOf(step);
    if (i >= 0) chosen.add(i);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** 5 significant digits: far below the seed-to-seed spread, and half the JSON size of full doubles. */
const round = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : Number(v.toPrecision(5)));

export function encodeCorpus(runs: readonly CorpusRun[], options: { maxPointsPerSeed?: number; metrics?: readonly MetricKey[] } = {}): string {
  const metrics = [...(options.metrics ?? CORPUS_METRICS)];
  const max = options.maxPointsPerSeed ?? 400;
  const encoded: EncodedCorpus = {
    format: CORPUS_FORMAT,
    version: CORPUS_VERSION,
    metrics,
    runs: runs.map((run) => {
      // One set of kept steps for all seeds of a run: per-seed thinning would leave steps that
      // only one seed has, and the per-step median over seeds would then be that seed alone.
      const allSteps = [...new Set(run.seeds.flatMap((seed) => seed.points.map((p) => p.step)))].sort((a, b) => a - b);
      const events = run.seeds.flatMap((seed) => [seed.tMem, seed.tGrok].filter((s): s is number => s !== undefined));
      const keptSteps = new Set(thinIndices(allSteps, max, events).map((i) => allSteps[i]!));
      return {
        id: run.id,
        ...(run.sweepId !== undefined ? { sweepId: run.sweepId } : {}),
        config: run.config,
        seeds: run.seeds.map((seed) => {
          const kept = seed.points.filter((p) => keptSteps.has(p.step)).sort((a, b) => a.step - b.step);
          return {
            ...(seed.tMem !== undefined ? { tMem: seed.tMem } : {}),
            ...(seed.tGrok !== undefined ? { tGrok: seed.tGrok } : {}),
            steps: kept.map((p) => p.step),
            values: metrics.map((key) => kept.map((p) => round(p.metrics[key]))),
          };
        }),
      };
    }),
  };
  return JSON.stringify(encoded);
}

function fail(message: string): never {
  throw new Error(`corpus: ${message}`);
}

/** Parses a (gunzipped) corpus fixture; configs are validated and defaulted by packages/spec. */
export function loadCorpus(data: string | Uint8Array): CorpusRun[] {
  const text = typeof data === "string" ? data : new TextDecoder().decode(data);
  const parsed = JSON.parse(text) as Partial<EncodedCorpus>;
  if (parsed.format !== CORPUS_FORMAT || parsed.version !== CORPUS_VERSION) fail(`expected format ${CORPUS_FORMAT} version ${CORPUS_VERSION}`);
  const metrics = parsed.metrics ?? [];
  for (const key of metrics) if (!(METRIC_KEYS as readonly string[]).includes(key)) fail(`unknown metric ${key}`);
  return (parsed.runs ?? []).map((run) => {
    const config = parseRunConfig(run.config);
    if (!config.ok) fail(`run ${run.id}: ${config.issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`);
    const seeds = run.seeds.map((seed): CorpusSeed => {
      if (seed.values.length !== metrics.length) fail(`run ${run.id}: ${seed.values.length} value columns for ${metrics.length} metrics`);
      const points: HistoryPoint[] = seed.steps.map((step, i) => {
        const entries = metrics.flatMap((key, k) => {
          const v = seed.values[k]![i];
          return v === null || v === undefined ? [] : [[key, v] as const];
        });
        return { step, metrics: Object.fromEntries(entries) };
      });
      return { ...(seed.tMem !== undefined ? { tMem: seed.tMem } : {}), ...(seed.tGrok !== undefined ? { tGrok: seed.tGrok } : {}), points };
    });
    return { id: run.id, ...(run.sweepId !== undefined ? { sweepId: run.sweepId } : {}), config: config.config, seeds };
  });
}
