import type { Domain } from "./chart-domain.ts";
import { clampSmoothing } from "./ema.ts";
import type { SeedMode } from "./seed-lines.ts";
import type { StepScaleKind } from "./step-scale.ts";

/**
 * The run page's chart tools, kept in the URL search params so a view can be shared:
 * `x=log`, `smooth=0.6`, `from=500&to=2000` (the zoomed step range), `seeds=each` (one line per
 * seed instead of median + IQR). Defaults are omitted.
 */
export interface ChartView {
  xScale: StepScaleKind;
  smoothing: number;
  zoom: Domain | null;
  seedMode: SeedMode;
}

export const DEFAULT_VIEW: ChartView = { xScale: "linear", smoothing: 0, zoom: null, seedMode: "median" };

interface ParamsLike {
  get(name: string): string | null;
}

const int = (s: string | null): number | null => {
  if (s == null || s.trim() === "") return null;
  const n = Number(s);
  return Number.isFinite(n) ? Math.round(n) : null;
};

export function parseChartView(params: ParamsLike): ChartView {
  const xScale: StepScaleKind = params.get("x") === "log" ? "log" : "linear";
  const smoothing = Math.round(clampSmoothing(Number(params.get("smooth") ?? 0)) * 100) / 100;
  const from = int(params.get("from"));
  const to = int(params.get("to"));
  const zoom: Domain | null = from !== null && to !== null && to > from && from >= 0 ? [from, to] : null;
  const seedMode: SeedMode = params.get("seeds") === "each" ? "each" : "median";
  return { xScale, smoothing, zoom, seedMode };
}

/** The search string for a view, keeping unrelated params of `base`; "" when nothing is set. */
export function chartViewSearch(view: ChartView, base: string = ""): string {
  const params = new URLSearchParams(base);
  for (const k of ["x", "smooth", "from", "to", "seeds"]) params.delete(k);
  if (view.seedMode === "each") params.set("seeds", "each");
  if (view.xScale === "log") params.set("x", "log");
  if (view.smoothing > 0) params.set("smooth", String(view.smoothing));
  if (view.zoom) {
    params.set("from", String(view.zoom[0]));
    params.set("to", String(view.zoom[1]));
  }
  const s = params.toString();
  // Commas stay readable in shared links (`ids=a,b`); URLSearchParams would escape them.
  return s ? `?${s.replace(/%2C/g, ",")}` : "";
}

/**
 * A dragged step range as a zoom: ordered, widened to whole steps, and null when narrower than
 * `minSpan` steps (a click, or a drag too small to mean anything).
 */
export function zoomFromDrag(a: number, b: number, minSpan = 2): Domain | null {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  const lo = Math.max(0, Math.floor(Math.min(a, b)));
  const hi = Math.ceil(Math.max(a, b));
  return hi - lo >= minSpan ? [lo, hi] : null;
}
