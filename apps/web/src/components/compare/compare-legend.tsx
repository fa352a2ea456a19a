import Link from "next/link";
import type { CompareRun } from "../../lib/compare.ts";
import { formatNumber } from "../../lib/format.ts";

/** Key config of a run for the legend: p, τ, λ (and loss, lr, train fraction). */
export const configSummary = (c: CompareRun["config"]): string =>
  `p ${c.p} · τ ${formatNumber(c.temperature)} · λ ${formatNumber(c.weightDecay)} · ${c.loss.toLowerCase()} · lr ${formatNumber(c.lr)} · ${formatNumber(c.trainFraction)} train`;

/** One row per run: colour, name (links to the run), key config. */
export function CompareLegend({ runs, colors }: { runs: readonly CompareRun[]; colors: ReadonlyMap<string, string> }) {
  return (
    <ul className="compare-legend" data-testid="compare-legend">
      {runs.map((run) => (
        <li key={run.id} data-run-id={run.id}>
          <span className="swatch swatch-wide" style={{ background: colors.get(run.id) }} />
          <Link href={`/runs/${run.id}`}>{run.name}</Link>
          <span className="muted">{configSummary(run.config)}</span>
        </li>
      ))}
    </ul>
  );
}
