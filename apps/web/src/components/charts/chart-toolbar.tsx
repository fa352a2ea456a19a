"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { zoomFromDrag, type ChartView } from "../../lib/chart-view.ts";
import { MAX_SMOOTHING } from "../../lib/ema.ts";
import { formatInt } from "../../lib/format.ts";

interface Props {
  view: ChartView;
  onChange: (view: ChartView) => void;
  /** Show the step-range controls (drag-to-zoom and its keyboard equivalent). */
  zoomable?: boolean;
  /** Offer median + IQR vs one line per seed (a run with several seeds). */
  multiSeed?: boolean;
  /** Page-specific controls shown first (the compare view's selectors). */
  children?: ReactNode;
}

/** Shared tools above a set of charts: step axis, EMA smoothing, zoomed step range. */
export function ChartToolbar({ view, onChange, zoomable = true, multiSeed = false, children }: Props) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const applyRange = (event: FormEvent) => {
    event.preventDefault();
    const range = zoomFromDrag(Number(from), Number(to), 1);
    if (range && from !== "" && to !== "") onChange({ ...view, zoom: range });
  };

  return (
    <div className="card chart-toolbar" role="toolbar" aria-label="Chart tools" data-testid="chart-toolbar">
      {children}
      <label className="tool">
        <span>Step axis</span>
        <select value={view.xScale} onChange={(e) => onChange({ ...view, xScale: e.target.value === "log" ? "log" : "linear" })}>
          <option value="linear">Linear</option>
          <option value="log">Log</option>
        </select>
      </label>
      {multiSeed && (
        <label className="tool">
          <span>Seeds</span>
          <select value={view.seedMode} onChange={(e) => onChange({ ...view, seedMode: e.target.value === "each" ? "each" : "median" })}>
            <option value="median">Median + IQR</option>
            <option value="each">Each seed</option>
          </select>
        </label>
      )}
      <label className="tool tool-slider">
        <span>Smoothing</span>
        <input
          type="range"
          min={0}
          max={MAX_SMOOTHING}
          step={0.01}
          value={view.smoothing}
          onChange={(e) => onChange({ ...view, smoothing: Number(e.target.value) })}
        />
        <output className="tool-value">{view.smoothing.toFixed(2)}</output>
      </label>
      {zoomable && (
        <div className="tool tool-zoom">
          {view.zoom ? (
            <>
              <span className="muted" data-testid="zoom-range">
                Steps {formatInt(view.zoom[0])}–{formatInt(view.zoom[1])}
              </span>
              <button type="button" className="button" onClick={() => onChange({ ...view, zoom: null })}>
                Reset zoom
              </button>
            </>
          ) : (
            <form className="tool-range" onSubmit={applyRange}>
              <span className="muted">Drag across a chart to zoom, or</span>
              <input aria-label="From step" type="number" min={0} inputMode="numeric" placeholder="from" value={from} onChange={(e) => setFrom(e.target.value)} />
              <input aria-label="To step" type="number" min={0} inputMode="numeric" placeholder="to" value={to} onChange={(e) => setTo(e.target.value)} />
              <button type="submit" className="button">
                Zoom
              </button>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
