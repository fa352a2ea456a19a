import { expandSweep, paperMediationSweep, parseGridAxis, sweepSpecSchema, type ConfigIssue, type SweepCell, type SweepSpec } from "@grokscope/spec";
import { CONFIG_FLAGS, readConfigFlags } from "../flags.ts";
import { positiveNumber, readOptions, single } from "../options.ts";

export interface SweepArgs {
  name: string;
  spec: SweepSpec;
  cells: SweepCell[];
  local: boolean;
  /** --wc: the critical norm for clamp.rho cells under --local. */
  wc?: number;
}

export type SweepArgsParse = { ok: true; args: SweepArgs } | { ok: false; errors: string[] };

const FIELDS = CONFIG_FLAGS.map((f) => f.path.join("."));

/** A grid field as a config path; the flag spelling is accepted too (clamp-rho, --clamp-rho → clamp.rho). */
function gridField(field: string): string | undefined {
  if (FIELDS.includes(field)) return field;
  return CONFIG_FLAGS.find((f) => f.flag === field || f.flag === `--${field}`)?.path.join(".");
}

/**
 * expandSweep checks every cell; a problem of the base config repeats in every cell, so an issue
 * that every cell shares is reported once, without the cell prefix.
 */
function collapseIssues(issues: readonly ConfigIssue[], cellCount: number): string[] {
  const strip = (m: string) => m.replace(/^cell \{.*?\}: /, "");
  const counts = new Map<string, number>();
  for (const i of issues) counts.set(`${i.field}: ${strip(i.message)}`, (counts.get(`${i.field}: ${strip(i.message)}`) ?? 0) + 1);
  const out = issues.map((i) => ((counts.get(`${i.field}: ${strip(i.message)}`) ?? 0) >= cellCount ? `${i.field}: ${strip(i.message)}` : `${i.field}: ${i.message}`));
  return [...new Set(out)];
}

/**
 * `sweep` arguments → a validated sweep: base config flags (as `run` takes), --grid FIELD=V1,V2
 * axes (repeatable; the value "none" on clamp.rho means unclamped), --seeds per cell (default 4),
 * --paper for the 2606.18465 mediation grid, --name, --local, --wc.
 */
export function parseSweepArgs(argv: readonly string[]): SweepArgsParse {
  const flags = readConfigFlags([...argv]);
  if (!flags.ok) return flags;
  const options = readOptions(flags.rest, { values: ["--grid", "--name", "--wc"], switches: ["--paper", "--local"] });
  if (!options.ok) return options;
  const errors: string[] = [];
  const name = single(options.values, "--name", errors);
  const wc = positiveNumber(options.values, "--wc", errors);
  const local = options.switches.has("--local");
  if (wc !== undefined && !local) errors.push("--wc applies only with --local (the registry calibrates w_c itself)");

  const { seeds, ...base } = flags.input as Record<string, unknown> & { seeds?: number };
  const grid: SweepSpec["grid"] = [];
  for (const text of options.values.get("--grid") ?? []) {
    let axis: ReturnType<typeof parseGridAxis>;
    try {
      axis = parseGridAxis(text);
    } catch (error) {
      errors.push(`--grid: ${(error as Error).message}`);
      continue;
    }
    const field = gridField(axis.field);
    if (!field) errors.push(`--grid ${text}: unknown config field "${axis.field}" (fields: ${FIELDS.join(", ")})`);
    else if (grid.some((g) => g.field === field)) errors.push(`--grid ${text}: ${field} already has an axis`);
    else if (field === "seeds") errors.push(`--grid ${text}: seeds is not a grid field; use --seeds N`);
    else grid.push({ field, values: axis.values });
  }
  if (options.switches.has("--paper") && grid.length > 0) errors.push("--paper sets the grid itself (ρ ∈ {1, 1.15} × τ ∈ {1 … 1.7} + the unclamped control); drop --grid");
  if (!options.switches.has("--paper") && grid.length === 0 && errors.length === 0) errors.push("--grid: a sweep needs at least one --grid FIELD=V1,V2 (or --paper)");
  if (errors.length > 0) return { ok: false, errors };

  let specInput: unknown;
  if (options.switches.has("--paper")) {
    const paper = paperMediationSweep(typeof base.p === "number" ? base.p : 97, seeds ?? 4, typeof base.steps === "number" ? base.steps : undefined);
    specInput = { ...paper, base: { ...paper.base, ...base } };
  } else {
    specInput = { base, grid, seeds };
  }
  const spec = sweepSpecSchema.safeParse(specInput);
  if (!spec.success) return { ok: false, errors: spec.error.issues.map((i) => `${i.path.join(".") || "sweep"}: ${i.message}`) };
  const expanded = expandSweep(spec.data);
  if (!expanded.ok) {
    const cellCount = spec.data.grid.reduce((n, a) => n * a.values.length, 1) + spec.data.extraCells.length;
    return { ok: false, errors: collapseIssues(expanded.issues, cellCount) };
  }
  const first = expanded.cells[0]!.config;
  const defaultName = options.switches.has("--paper")
    ? `paper mediation p${first.p}`
    : `sweep p${first.p} ${spec.data.grid.map((g) => g.field).join("×")}`;
  return { ok: true, args: { name: name ?? defaultName, spec: spec.data, cells: expanded.cells, local, wc } };
}
