import { CALIBRATION_CELL_KEYS } from "@grokscope/db";
import type { RunConfig, SweepCell } from "@grokscope/spec";
import { fieldLabel, type SummaryRow } from "./summary-table.ts";
import { criticalNormOf, PAPER_WC_HINT, resolveLocalClamp, trainLocal, type LocalDeps, type LocalRun } from "./train-local.ts";

/** The paper's control (SCIENCE.md §4, and packages/db unclampedControlSql): no clamp, τ = 1. */
const isControl = (c: RunConfig) => !c.clamp && c.temperature === 1;
const sameCalibrationCell = (a: RunConfig, b: RunConfig) => CALIBRATION_CELL_KEYS.every((k) => a[k] === b[k]);
const label = (values: SweepCell["values"]) =>
  Object.entries(values)
    .map(([f, v]) => `${fieldLabel(f)}=${String(v)}`)
    .join(" ") || "(base)";

/**
 * Checks, before anything trains, that every clamp.rho cell can get a w_c: from --wc, or from an
 * unclamped τ = 1 cell of the same sweep with the same calibration fields (the registry's rule).
 */
export function localSweepProblems(cells: readonly SweepCell[], wc: number | undefined): string[] {
  if (wc !== undefined) return [];
  return cells
    .filter((cell) => cell.config.clamp?.rho !== undefined && !cells.some((c) => isControl(c.config) && sameCalibrationCell(c.config, cell.config)))
    .map(
      (cell) =>
        `clamp.rho: cell ${label(cell.values)} needs w_c and --local has no registry: add an unclamped τ = 1 cell of the same config (e.g. --grid clamp.rho=none,…), pass --wc W, or use --clamp-target (${PAPER_WC_HINT})`,
    );
}

/**
 * Trains a sweep's cells one after another in-process. Control cells go first so clamp.rho cells
 * get w_c from them (ρ·w_c, w_c = median ‖W‖ at T_grok over their grokked seeds) unless --wc.
 * Rows come back in the sweep's cell order.
 */
export async function runSweepLocal(cells: readonly SweepCell[], deps: LocalDeps & { wc?: number }): Promise<SummaryRow[]> {
  const log = deps.log ?? (() => {});
  const runs = new Map<SweepCell, LocalRun>();
  const notes = new Map<SweepCell, string>();
  const order = [...cells.filter((c) => isControl(c.config)), ...cells.filter((c) => !isControl(c.config))];
  for (const [i, cell] of order.entries()) {
    let wc = deps.wc;
    if (cell.config.clamp?.rho !== undefined && wc === undefined) {
      const controls = cells.filter((c) => isControl(c.config) && sameCalibrationCell(c.config, cell.config)).map((c) => runs.get(c));
      wc = criticalNormOf(controls.filter((r): r is LocalRun => r !== undefined));
      if (wc === undefined) {
        notes.set(cell, "skipped: its control cell grokked no seed, so there is no w_c");
        log(`cell ${i + 1}/${cells.length} ${label(cell.values)}: skipped (no w_c: the control grokked no seed)`);
        continue;
      }
      log(`w_c = ${wc.toFixed(2)} (median ‖W‖ at T_grok of the control's grokked seeds)`);
    }
    const resolved = resolveLocalClamp(cell.config, wc);
    if (!resolved.ok) throw new Error(resolved.error);
    const target = resolved.config.clamp?.target;
    log(`cell ${i + 1}/${cells.length} ${label(cell.values)}${target !== undefined ? ` (‖W‖ → ${target.toFixed(2)})` : ""}: ${cell.config.steps} steps × ${cell.config.seeds} seeds`);
    runs.set(cell, await trainLocal(resolved.config, { ...deps, log: (m) => log(`  ${m}`) }));
  }
  return cells.map((cell) => ({ cell: cell.values, run: runs.get(cell), note: notes.get(cell) }));
}
