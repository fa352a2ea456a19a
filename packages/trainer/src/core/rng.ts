/**
 * Seeded randomness for everything in core (DESIGN.md §3: no Math.random). sfc32 (Chris
 * Doty-Humphrey's PractRand "small fast counter") passes PractRand/BigCrush and needs only 32-bit
 * integer ops, so every JS engine produces the same stream from the same seed.
 */
export interface Rng {
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** The generator's full state (for checkpoints); restore() continues the stream exactly. */
  state(): RngState;
  restore(state: RngState): void;
}

/** sfc32's four 32-bit words plus Box–Muller's cached second normal (null when none). */
export interface RngState {
  words: [number, number, number, number];
  spare: number | null;
}

export function createRng(seed: number): Rng {
  // Seed the four words with splitmix32 so nearby seeds give unrelated streams.
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const u32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32(); // discard the warm-up outputs, as sfc32's reference does

  const next = () => u32() / 4294967296;
  let spare: number | undefined;
  return {
    next,
    normal() {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return v;
      }
      let u = 0;
      while (u === 0) u = next(); // log(0) guard
      const r = Math.sqrt(-2 * Math.log(u));
      const theta = 2 * Math.PI * next();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
    int: (n: number) => Math.floor(next() * n),
    state: () => ({ words: [a >>> 0, b >>> 0, c >>> 0, d >>> 0], spare: spare ?? null }),
    restore(state) {
      [a, b, c, d] = state.words.map((w) => w | 0) as [number, number, number, number];
      spare = state.spare ?? undefined;
    },
  };
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n: number, rng: Rng): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

/** A seed for an independent stream (`stream` = purpose) derived from the run's seed. */
export function deriveSeed(seed: number, stream: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x2545f491, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Independent random streams per purpose, so changing one consumer never shifts another. */
export const STREAMS = { split: 1, init: 2, batch: 3 } as const;
