import { parseRunConfig, runConfigSchema, type RunConfig } from "@grokscope/spec";

/** One command-line flag for one RunConfig field (nested fields: clamp.rho → --clamp-rho). */
export interface ConfigFlag {
  flag: string;
  path: string[];
  kind: "number" | "string" | "number-list";
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

// zod 4 introspection: peel default/optional wrappers down to the field's own type.
type Node = { def: { type: string; innerType?: Node; shape?: Record<string, Node> }; shape?: Record<string, Node> };
const unwrap = (n: Node): Node => (n.def.innerType && (n.def.type === "default" || n.def.type === "optional") ? unwrap(n.def.innerType) : n);

function flagsOf(shape: Record<string, Node>, prefix: string[]): ConfigFlag[] {
  return Object.entries(shape).flatMap(([key, node]) => {
    const inner = unwrap(node);
    const path = [...prefix, key];
    if (inner.def.type === "object") return flagsOf(inner.shape ?? inner.def.shape ?? {}, path);
    const kind = inner.def.type === "number" ? "number" : inner.def.type === "array" ? "number-list" : "string";
    return [{ flag: `--${path.map(kebab).join("-")}`, path, kind }];
  });
}

/** Every RunConfig field as a flag, derived from the spec's schema so the CLI cannot drift from it. */
export const CONFIG_FLAGS: ConfigFlag[] = flagsOf((runConfigSchema as unknown as { in: { shape: Record<string, Node> } }).in.shape, []);

export type FlagParse = { ok: true; input: Record<string, unknown>; rest: string[] } | { ok: false; errors: string[] };

/** Reads the config flags out of argv (`--flag value` or `--flag=value`); other arguments go to `rest`. */
export function readConfigFlags(argv: string[]): FlagParse {
  const input: Record<string, unknown> = {};
  const rest: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const spec = CONFIG_FLAGS.find((f) => f.flag === name);
    if (!spec) {
      rest.push(arg);
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) {
      errors.push(`${name} needs a value`);
      continue;
    }
    const value = spec.kind === "string" ? raw : spec.kind === "number" ? Number(raw) : raw.split(",").filter(Boolean).map(Number);
    if (typeof value === "number" && Number.isNaN(value)) errors.push(`${name}: "${raw}" is not a number`);
    else if (Array.isArray(value) && value.some(Number.isNaN)) errors.push(`${name}: "${raw}" is not a comma-separated list of numbers`);
    let target = input;
    for (const key of spec.path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[spec.path.at(-1)!] = value;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, input, rest };
}

/** Flags → a validated RunConfig, or field-named errors ("clamp.rho: clamp.rho must be positive"). */
export function runConfigFromFlags(argv: string[]): { ok: true; config: RunConfig; rest: string[] } | { ok: false; errors: string[] } {
  const flags = readConfigFlags(argv);
  if (!flags.ok) return flags;
  const parsed = parseRunConfig(flags.input);
  if (!parsed.ok) return { ok: false, errors: parsed.issues.map((i) => `${i.field}: ${i.message}`) };
  return { ok: true, config: parsed.config, rest: flags.rest };
}
