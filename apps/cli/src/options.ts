/**
 * The non-config options of `run` and `sweep` (--name, --local, --grid…), read from what
 * readConfigFlags leaves over. Value options may repeat (--grid a=1 --grid b=2) and take
 * `--opt value` or `--opt=value`; anything not declared is reported as an unknown argument.
 */
export interface OptionSpec {
  values?: readonly string[];
  switches?: readonly string[];
}

export type OptionParse =
  | { ok: true; values: Map<string, string[]>; switches: Set<string> }
  | { ok: false; errors: string[] };

export function readOptions(rest: readonly string[], spec: OptionSpec): OptionParse {
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  const errors: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const eq = arg.indexOf("=");
    const [name, inline] = arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (spec.switches?.includes(name)) {
      if (inline !== undefined) errors.push(`${name} takes no value`);
      switches.add(name);
    } else if (spec.values?.includes(name)) {
      const value = inline ?? rest[++i];
      if (value === undefined || (inline === undefined && value.startsWith("--"))) {
        errors.push(`${name} needs a value`);
        if (inline === undefined && value !== undefined) i--;
        continue;
      }
      values.set(name, [...(values.get(name) ?? []), value]);
    } else {
      errors.push(`unknown argument ${arg}`);
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values, switches };
}

/** The single value of an option given at most once. */
export function single(values: Map<string, string[]>, name: string, errors: string[]): string | undefined {
  const all = values.get(name) ?? [];
  if (all.length > 1) errors.push(`${name} given ${all.length} times`);
  return all[0];
}

/** A positive finite number option (e.g. --wc 65.85), or an error naming it. */
export function positiveNumber(values: Map<string, string[]>, name: string, errors: string[]): number | undefined {
  const raw = single(values, name, errors);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    errors.push(`${name}: "${raw}" is not a positive number`);
    return undefined;
  }
  return n;
}
