import type { GridValue, RunConfig } from "@grokscope/spec";
import type { LocalRun } from "./train-local.ts";

/** Short column names for cell fields (as the registry's sweep run names use). */
const LABELS: Record<string, string> = { temperature: "τ", "clamp.rho": "ρ", "clamp.target": "‖W‖ target", weightDecay: "λ", trainFraction: "f" };
export const fieldLabel = (field: string) => LABELS[field] ?? field;

/** The fields that say which cell a single run is: the task, the loss, τ and the clamp. */
export function runCellFields(config: RunConfig, resolvedTarget?: number): Record<string, GridValue> {
  const cell: Record<string, GridValue> = { p: config.p, op: config.op, loss: config.loss, temperature: config.temperature };
  const rho = config.clamp?.rho !== undefined ? `ρ${config.clamp.rho}${resolvedTarget !== undefined ? ` (‖W‖=${fmt(resolvedTarget, 2)})` : ""}` : undefined;
  cell.clamp = config.clamp ? (rho ?? `‖W‖=${fmt(config.clamp.target, 2)}`) : "none";
  return cell;
}

export interface SummaryRow {
  cell: Record<string, GridValue>;
  run?: LocalRun;
  /** Why the row has no run (e.g. a ρ cell with nothing to calibrate w_c from). */
  note?: string;
}

const fmt = (v: number | undefined, digits = 0) => (v === undefined ? "—" : digits === 0 ? String(Math.round(v)) : v.toFixed(digits));
/** A censored median (most seeds never got there) is shown as "> steps", never as a number. */
const censored = (v: number | undefined, steps: number) => (v === undefined ? `>${steps}` : fmt(v));

/**
 * The `--local` summary, one row per run: cell fields, seeds, median T_mem and T_grok, how many
 * seeds grokked, median logit scale at grok, median final test accuracy, ms per step.
 */
export function formatSummaryTable(rows: readonly SummaryRow[]): string {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r.cell)))];
  const header = [...fields.map(fieldLabel), "seeds", "T_mem", "T_grok", "grokked", "L@grok", "test_acc", "ms/step"];
  const body = rows.map((r) => {
    const cells = fields.map((f) => (r.cell[f] === undefined ? "—" : String(r.cell[f])));
    if (!r.run) return [...cells, r.note ?? "not run"];
    const { summary: s, config: c } = r.run;
    return [
      ...cells,
      String(s.seeds),
      censored(s.tMem, c.steps),
      censored(s.tGrok, c.steps),
      `${s.grokked}/${s.seeds}`,
      fmt(s.logitScaleAtGrok, 2),
      fmt(s.finalTestAcc, 3),
      fmt(r.run.msPerStep, 1),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b.length === header.length ? (b[i]?.length ?? 0) : i < fields.length ? (b[i]?.length ?? 0) : 0))));
  const line = (cols: string[]) =>
    cols.length === header.length
      ? cols.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()
      : [...cols.slice(0, -1).map((c, i) => c.padEnd(widths[i]!)), cols.at(-1)!].join("  ");
  return [line(header), line(header.map((_, i) => "-".repeat(widths[i]!))), ...body.map(line)].join("\n");
}
