"use client";

import { ALIGNMENTS, COLOR_BY, COMPARE_METRICS, type Alignment, type ColorBy, type CompareView } from "../../lib/compare.ts";
import { METRIC_LOOKS } from "../../lib/compare-lines.ts";

const COLOR_LABELS: Record<ColorBy, string> = { run: "Run", temperature: "Temperature τ", weightDecay: "Weight decay λ", p: "p", loss: "Loss" };
const ALIGN_LABELS: Record<Alignment, string> = { step: "Absolute step", tMem: "Aligned at T_mem", tGrok: "Aligned at T_grok" };

/** Metric, colour and alignment selectors of the compare view (placed inside the chart toolbar). */
export function CompareControls({ view, onChange }: { view: CompareView; onChange: (view: CompareView) => void }) {
  return (
    <>
      <label className="tool">
        <span>Metric</span>
        <select value={view.metric} onChange={(e) => onChange({ ...view, metric: e.target.value as CompareView["metric"] })}>
          {COMPARE_METRICS.map((m) => (
            <option key={m} value={m}>
              {METRIC_LOOKS[m].label}
            </option>
          ))}
        </select>
      </label>
      <label className="tool">
        <span>Colour by</span>
        <select value={view.colorBy} onChange={(e) => onChange({ ...view, colorBy: e.target.value as ColorBy })}>
          {COLOR_BY.map((c) => (
            <option key={c} value={c}>
              {COLOR_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      <label className="tool">
        <span>X axis</span>
        <select value={view.align} onChange={(e) => onChange({ ...view, align: e.target.value as Alignment })}>
          {ALIGNMENTS.map((a) => (
            <option key={a} value={a}>
              {ALIGN_LABELS[a]}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
