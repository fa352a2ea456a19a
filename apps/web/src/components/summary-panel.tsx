import { formatInt, formatNumber, formatPercent } from "../lib/format.ts";
import type { RunSummary } from "../lib/types.ts";
import { KeyValues } from "./key-values.tsx";

/** Headline results; a missing T_grok is "not yet" (censored), never zero. */
export function SummaryPanel({ summary, finished }: { summary: RunSummary; finished: boolean }) {
  const never = finished ? "not reached" : "not yet";
  return (
    <KeyValues
      title="Summary"
      items={[
        ["T_mem (train acc ≥ 99%)", summary.tMem == null ? never : `step ${formatInt(summary.tMem)}`],
        ["T_grok (test acc ≥ 90%)", summary.tGrok == null ? never : `step ${formatInt(summary.tGrok)}`],
        ["Delay T_grok − T_mem", summary.delay == null ? "—" : `${formatInt(summary.delay)} steps`],
        ["Logit scale at T_grok", formatNumber(summary.logitScaleAtGrok)],
        ["Final train accuracy", formatPercent(summary.finalTrainAcc)],
        ["Final test accuracy", formatPercent(summary.finalTestAcc)],
      ]}
    />
  );
}
