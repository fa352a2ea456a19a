/**
 * Colours for the compare view. Categorical: Tableau 10 then its lighter companions (20 distinct
 * hues, one per run at the 20-run cap). Sequential: viridis (van der Walt & Smith 2015), which is
 * perceptually uniform, colour-blind safe and legible on both the light and the dark background.
 */
export const CATEGORICAL = [
  "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
  "#a0cbe8", "#ffbe7d", "#ff9d9a", "#86bcb6", "#8cd17d", "#f1ce63", "#d4a6c8", "#fabfd2", "#d7b5a6", "#79706e",
] as const;

const VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"] as const;

export const categoricalColor = (index: number): string => CATEGORICAL[((index % CATEGORICAL.length) + CATEGORICAL.length) % CATEGORICAL.length]!;

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

/** Viridis at t ∈ [0, 1] (clamped; NaN → middle), linearly interpolated between its stops. */
export function sequentialColor(t: number): string {
  const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0.5;
  const pos = u * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = hex(VIRIDIS[i]!);
  const b = hex(VIRIDIS[i + 1]!);
  const rgb = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `#${rgb.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * A sequential colour as CSS that adapts to the theme: on the light background the palette stops
 * before viridis' pale yellow end, on the dark one it starts after its near-black purple, so every
 * line stays visible. `light-dark()` follows the `color-scheme` set in globals.css.
 */
export function sequentialCss(t: number): string {
  const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0.5;
  return `light-dark(${sequentialColor(u * 0.85)}, ${sequentialColor(0.15 + u * 0.85)})`;
}
