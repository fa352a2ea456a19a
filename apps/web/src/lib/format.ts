import type { RunStatus } from "./types.ts";

/** The lowercase word shown for a status (and asserted by end-to-end tests). */
export const statusLabel = (status: RunStatus): string => status.toLowerCase();

export const isActiveStatus = (status: RunStatus): boolean => status === "QUEUED" || status === "RUNNING";

const DASH = "—";

/** A number with up to `digits` significant digits; small/large magnitudes in exponent form. */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs < 1e-3 || abs >= 1e6) return value.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, "e");
  return String(Number(value.toPrecision(digits)));
}

/** 0.9731 → "97.3%". */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return `${(value * 100).toFixed(decimals)}%`;
}

/** Integer with thin grouping: 10000 → "10,000". */
export function formatInt(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return Math.round(value).toLocaleString("en-US");
}

/** Whole percent of steps done, clamped to 0–100, rounded down (100 only when all steps are done). */
export function progressPercent(stepsDone: number, stepsTotal: number): number {
  if (!(stepsTotal > 0) || !Number.isFinite(stepsDone)) return 0;
  return Math.min(100, Math.max(0, Math.floor((stepsDone / stepsTotal) * 100)));
}

/** Seconds as "42 s", "3 min 5 s", "2 h 4 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return DASH;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** ISO timestamp as "2025-11-28 12:25:03" in the viewer's locale-independent form (UTC). */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return DASH;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
}

/** Tick label for an axis: compact steps ("2k") and short values. */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return "";
  const abs = Math.abs(value);
  if (abs >= 1000 && abs < 1e6 && value % 100 === 0) return `${value / 1000}k`;
  return formatNumber(value, 3);
}
