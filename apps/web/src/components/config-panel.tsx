import { formatInt, formatNumber } from "../lib/format.ts";
import type { RunConfig } from "../lib/types.ts";
import { KeyValues } from "./key-values.tsx";

const OP_SYMBOL: Record<RunConfig["op"], string> = { ADD: "+", SUB: "−", MUL: "×", DIV: "÷" };

/** The run's configuration as the trainer used it (defaults filled in). */
export function ConfigPanel({ config }: { config: RunConfig }) {
  return (
    <KeyValues
      title="Config"
      items={[
        ["Task", `(a ${OP_SYMBOL[config.op]} b) mod ${config.p}`],
        ["Train fraction", formatNumber(config.trainFraction)],
        ["Learning rate", formatNumber(config.lr)],
        ["Weight decay λ", formatNumber(config.weightDecay)],
        ["Temperature τ", formatNumber(config.temperature)],
        ["Loss", config.loss.toLowerCase()],
        ["Step budget", formatInt(config.steps)],
        ["Eval every", formatInt(config.evalEvery)],
        ["Seed", String(config.seed)],
        ["Model", config.model],
        ["Requested backend", config.backend],
      ]}
    />
  );
}
