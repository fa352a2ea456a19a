import { scaleLinear, scaleSymlog } from "@visx/scale";
import type { Domain } from "./chart-domain.ts";

export type StepScaleKind = "linear" | "log";

/**
 * The step (x) scale. "log" is a symmetric log (symlog, constant 1: x ↦ sign(x)·log(1 + |x|/1)),
 * not a true log: every run has an evaluation at step 0, which a log axis cannot draw, and
 * dropping it would hide the initial state. symlog is linear near 0 and logarithmic for steps
 * ≫ 1, so 0 sits at the left edge and the decades 10, 100, 1k… are evenly spaced (Webber 2013,
 * "A bi-symmetric log transformation for wide-range data").
 */
export function stepScale(kind: StepScaleKind, domain: Domain, range: readonly [number, number]) {
  return kind === "log"
    ? scaleSymlog<number>({ domain: [...domain], range: [...range], constant: 1 })
    : scaleLinear<number>({ domain: [...domain], range: [...range] });
}

/**
 * Ticks of a symlog step axis: 0 (when inside) and the decades within the domain, thinned; an
 * axis reaching below 0 (compare view, steps relative to T_grok) gets the negative decades too.
 */
export function stepLogTicks(domain: Domain, maxTicks = 8): number[] {
  const [lo, hi] = domain;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return [];
  const decades = (from: number, to: number) => {
    if (to < 1) return [];
    const first = Math.max(0, Math.ceil(Math.log10(Math.max(from, 1)) - 1e-9));
    const last = Math.floor(Math.log10(Math.max(to, 1)) + 1e-9);
    const out: number[] = [];
    for (let e = first; e <= last; e += 1) if (10 ** e >= from) out.push(10 ** e);
    return out;
  };
  const ticks = [...decades(Math.max(0, -hi), -lo).map((v) => -v).reverse(), ...(lo <= 0 && hi >= 0 ? [0] : []), ...decades(Math.max(0, lo), hi)];
  const every = Math.max(1, Math.ceil(ticks.length / Math.max(1, maxTicks)));
  return ticks.filter((t, i) => t === 0 || i % every === 0);
}
