import { formatInt, formatNumber, formatPercent, formatTimestamp } from "./format.ts";
import { forecastCell } from "./forecast.ts";
import type { SortKey } from "./run-sort.ts";
import type { RunListItem } from "./types.ts";

/**
 * The runs table's optional columns (config fields and summaries). Name, status and tags are
 * always shown; the visible set lives in the URL (`cols=p,tGrok`) like the rest of the view.
 */
export interface RunColumn {
  id: string;
  label: string;
  title?: string;
  /** Server-side sort key, when the API can order by this column. */
  sortKey?: SortKey;
  numeric: boolean;
  cell: (run: RunListItem) => string;
}

const seedsText = (run: RunListItem) => (run.summary.seeds > 1 ? `${run.summary.grokked}/${run.summary.seeds}` : run.summary.grokked > 0 ? "yes" : "no");

export const RUN_COLUMNS: readonly RunColumn[] = [
  { id: "p", label: "p", sortKey: "p", numeric: true, cell: (r) => String(r.config.p) },
  { id: "op", label: "op", numeric: false, cell: (r) => r.config.op.toLowerCase() },
  { id: "temperature", label: "τ", title: "Output temperature", sortKey: "temperature", numeric: true, cell: (r) => formatNumber(r.config.temperature) },
  { id: "weightDecay", label: "λ", title: "Weight decay", sortKey: "weightDecay", numeric: true, cell: (r) => formatNumber(r.config.weightDecay) },
  { id: "lr", label: "lr", numeric: true, cell: (r) => formatNumber(r.config.lr) },
  { id: "trainFraction", label: "train", title: "Share of pairs used for training", numeric: true, cell: (r) => formatPercent(r.config.trainFraction, 0) },
  { id: "loss", label: "Loss", numeric: false, cell: (r) => r.config.loss.toLowerCase() },
  { id: "model", label: "Model", numeric: false, cell: (r) => r.config.model },
  { id: "clampRho", label: "ρ", title: "Clamp dose ρ (× critical norm w_c)", sortKey: "clampRho", numeric: true, cell: (r) => (r.config.clamp?.rho != null ? formatNumber(r.config.clamp.rho) : r.config.clamp ? `→${formatNumber(r.config.clamp.target)}` : "–") },
  { id: "steps", label: "Steps", numeric: true, cell: (r) => `${formatInt(r.progress.stepsDone)} / ${formatInt(r.progress.stepsTotal)}` },
  { id: "testAcc", label: "Test acc.", sortKey: "testAcc", numeric: true, cell: (r) => formatPercent(r.summary.finalTestAcc) },
  { id: "tMem", label: "T_mem", title: "First evaluation with train accuracy ≥ 99 %", sortKey: "tMem", numeric: true, cell: (r) => formatInt(r.summary.tMem) },
  { id: "tGrok", label: "T_grok", title: "First evaluation with test accuracy ≥ 90 % (median over seeds)", sortKey: "tGrok", numeric: true, cell: (r) => formatInt(r.summary.tGrok) },
  { id: "delay", label: "Delay", title: "Median over seeds of T_grok − T_mem", sortKey: "delay", numeric: true, cell: (r) => formatInt(r.summary.delay) },
  { id: "grokked", label: "Grokked", title: "Seeds that grokked, k of S", sortKey: "seedsGrokked", numeric: true, cell: seedsText },
  { id: "logitScale", label: "Logit scale", title: "Logit scale at the evaluation nearest T_grok", numeric: true, cell: (r) => formatNumber(r.summary.logitScaleAtGrok) },
  { id: "forecast", label: "Forecast", title: "Newest forecast of T_grok and its 80 % interval (SCIENCE.md §8); \"now\" once test accuracy is rising", numeric: true, cell: (r) => forecastCell(r.forecast) },
  { id: "created", label: "Created", sortKey: "created", numeric: false, cell: (r) => formatTimestamp(r.createdAt) },
];

export const DEFAULT_COLUMNS = ["p", "temperature", "loss", "steps", "testAcc", "tMem", "tGrok", "delay", "grokked", "forecast", "created"];

/** Visible columns from the URL, in table order; unknown ids are ignored. */
export function parseColumns(params: { get(name: string): string | null }): RunColumn[] {
  const raw = params.get("cols");
  const ids = new Set(raw == null ? DEFAULT_COLUMNS : raw.split(","));
  return RUN_COLUMNS.filter((c) => ids.has(c.id));
}

/** Writes the visible set; the default set leaves no trace. */
export function writeColumns(params: URLSearchParams, ids: readonly string[]): void {
  const ordered = RUN_COLUMNS.filter((c) => ids.includes(c.id)).map((c) => c.id);
  if (ordered.join(",") === DEFAULT_COLUMNS.join(",")) params.delete("cols");
  else params.set("cols", ordered.join(","));
}
