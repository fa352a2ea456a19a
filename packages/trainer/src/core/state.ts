import { FORK_FIXED_FIELDS } from "@grokscope/spec";
import type { Variable } from "@tensorflow/tfjs-core";
import type { RngState } from "./rng.ts";
import type { TrainEvent } from "./events.ts";
import type { Tf } from "./ops.ts";
import type { TrainingSession } from "./session.ts";
import { decodeState, encodeState, type Blob } from "./state-format.ts";

/**
 * Full training state for checkpoint, resume and fork (SCIENCE.md §4 "Fork"): every variable,
 * AdamW moments and step, Grokfast EMA buffers, each seed's minibatch sampler (order, position,
 * RNG), event-detector state, each seed's last accuracies, and the config fields that fix shapes
 * and splits (spec's FORK_FIXED_FIELDS). The data split is re-derived from the seed, so only a
 * hash of it is stored, and checked. Everything else in the config (τ, loss, clamp, lr, λ,
 * warm-up, Grokfast, steps…) may differ at load: that is a fork.
 */
export const STATE_FORMAT = "grokscope-training-state";
export const STATE_VERSION = 1;

/** Per-seed loop state train() keeps beside the session. */
export interface LoopState {
  /** Events fired so far, per seed index. */
  events: TrainEvent[][];
  /** Each seed's latest evaluated accuracies (for the summary of a run resumed at its last step). */
  last: ({ trainAcc: number; testAcc: number } | null)[];
}

interface Header {
  format: string;
  version: number;
  step: number;
  seeds: number;
  fixed: Record<string, unknown>;
  batchSize: number | null;
  splitHashes: number[];
  params: { name: string; shape: number[] }[];
  grokfast: { started: boolean } | null;
  samplers: { at: number; rng: RngState }[] | null;
  loop: LoopState;
}

/** FNV-1a over a seed's training indices: detects a split that no longer matches the seed. */
function splitHash(index: Int32Array): number {
  let h = 0x811c9dc5;
  for (const x of index) {
    h = Math.imul(h ^ (x & 0xffff), 0x01000193);
    h = Math.imul(h ^ (x >>> 16), 0x01000193);
  }
  return h >>> 0;
}

const read = (v: Variable) => new Float32Array(v.dataSync()); // a copy: dataSync may return a view

export function saveState(session: TrainingSession, loop: LoopState): Uint8Array {
  const { config, model } = session;
  const blobs = new Map<string, Blob>();
  model.params.forEach((spec, i) => {
    blobs.set(`param:${spec.name}`, read(spec.variable));
    blobs.set(`adam.m:${spec.name}`, read(session.optimizer.moments[i]!.m));
    blobs.set(`adam.v:${spec.name}`, read(session.optimizer.moments[i]!.v));
    if (session.grokfast) blobs.set(`grokfast:${spec.name}`, read(session.grokfast.buffers[i]!));
  });
  const samplerStates = session.samplers?.map((s) => s.state());
  samplerStates?.forEach((s, i) => blobs.set(`sampler:${i}`, s.order));
  const header: Header = {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    step: session.stepsDone,
    seeds: session.seeds,
    fixed: Object.fromEntries(FORK_FIXED_FIELDS.map((f) => [f, config[f]])),
    batchSize: config.batchSize ?? null,
    splitHashes: session.data.map((d) => splitHash(d.trainIndex)),
    params: model.params.map((s) => ({ name: s.name, shape: s.variable.shape })),
    grokfast: session.grokfast ? { started: session.grokfast.started } : null,
    samplers: samplerStates?.map(({ at, rng }) => ({ at, rng })) ?? null,
    loop,
  };
  return encodeState({ ...header }, blobs);
}

/** The step and seed count of a saved state, without loading it. */
export function peekState(bytes: Uint8Array): { step: number; seeds: number; version: number } {
  const { header } = decodeState(bytes);
  return { step: header.step as number, seeds: header.seeds as number, version: header.version as number };
}

/**
 * Loads a saved state into a fresh session (same fixed fields; any interventions) and returns the
 * loop state. Throws, naming the mismatch, when the state does not fit this session.
 */
export function loadState(tf: Tf, session: TrainingSession, bytes: Uint8Array): { step: number; loop: LoopState } {
  const { header: raw, blobs } = decodeState(bytes);
  const header = raw as unknown as Header;
  if (header.format !== STATE_FORMAT) throw new Error(`not a training state (format ${String(header.format)})`);
  if (header.version !== STATE_VERSION) throw new Error(`training state version ${header.version} is not supported (expected ${STATE_VERSION})`);
  if (header.seeds !== session.seeds) throw new Error(`training state holds ${header.seeds} seeds; this run trains ${session.seeds}`);
  const { config, model } = session;
  for (const field of FORK_FIXED_FIELDS) {
    if (header.fixed[field] !== config[field]) {
      throw new Error(`training state has ${field} = ${String(header.fixed[field])}; this run has ${String(config[field])} (a fork keeps it)`);
    }
  }
  session.data.forEach((d, i) => {
    if (splitHash(d.trainIndex) !== header.splitHashes[i]) {
      throw new Error(`seed ${i}: the data split derived from seed ${config.seed + i} differs from the saved one (code changed?)`);
    }
  });
  const blob = (name: string, length: number) => {
    const b = blobs.get(name);
    if (!b || b.length !== length) throw new Error(`training state: ${name} is ${b ? `${b.length} values` : "missing"}, expected ${length}`);
    return b;
  };
  // Where each parameter's values are saved: under its own name, or (a seed-axis variable [S, …]
  // saved before it had that axis, as the transformer's were) as S per-seed variables `seed${s}/${name}`.
  const savedShape = new Map(header.params.map((p) => [p.name, p.shape.join("×")]));
  const used = new Set<string>();
  const sources = model.params.map((spec) => {
    const shape = spec.variable.shape;
    const own = savedShape.get(spec.name);
    if (own === shape.join("×")) return [spec.name];
    const perSeed = Array.from({ length: session.seeds }, (_, s) => `seed${s}/${spec.name}`);
    if (own === undefined && spec.seed === undefined && perSeed.every((name) => savedShape.get(name) === shape.slice(1).join("×"))) return perSeed;
    throw new Error(`training state parameter ${spec.name} ${own === undefined ? "is missing" : `[${own}]`}: it does not fit ${spec.name} [${shape.join("×")}]`);
  });
  sources.forEach((names) => names.forEach((name) => used.add(name)));
  if (used.size !== header.params.length) throw new Error(`training state has ${header.params.length} parameters; the model has ${model.params.length}`);
  /** The saved values of blob kind `kind` for parameter i, joined seed after seed if saved per seed. */
  const values = (kind: string, i: number, size: number) => {
    const names = sources[i]!;
    if (names.length === 1) return blob(`${kind}:${names[0]}`, size);
    const out = new Float32Array(size);
    names.forEach((name, s) => out.set(blob(`${kind}:${name}`, size / names.length), (s * size) / names.length));
    return out;
  };
  tf.tidy(() => {
    model.params.forEach((spec, i) => {
      const { shape, size } = spec.variable;
      spec.variable.assign(tf.tensor(values("param", i, size), shape));
      session.optimizer.moments[i]!.m.assign(tf.tensor(values("adam.m", i, size), shape));
      session.optimizer.moments[i]!.v.assign(tf.tensor(values("adam.v", i, size), shape));
      // A fork that turns Grokfast on starts its EMA fresh; one that turns it off ignores it.
      if (session.grokfast && header.grokfast) session.grokfast.buffers[i]!.assign(tf.tensor(values("grokfast", i, size), shape));
    });
  });
  if (session.grokfast) session.grokfast.started = header.grokfast?.started ?? false;
  // Same batch size: continue each seed's batch stream; another (a fork) starts fresh streams.
  if (session.samplers && header.samplers && header.batchSize === config.batchSize) {
    session.samplers.forEach((s, i) => {
      const order = blobs.get(`sampler:${i}`);
      if (!(order instanceof Int32Array)) throw new Error(`training state: sampler ${i} is missing`);
      s.restore({ order, at: header.samplers![i]!.at, rng: header.samplers![i]!.rng });
    });
  }
  session.optimizer.setStep(header.step);
  return { step: header.step, loop: header.loop };
}
