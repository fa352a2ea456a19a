import { listEvents, streamMetricPoints, streamRuns, type Db } from "@grokscope/db";
import { parseRunConfig, type MetricKey } from "@grokscope/spec";
import { CORPUS_METRICS, type CorpusRun, type CorpusSeed, type HistoryPoint } from "../src/index.ts";

/**
 * Reads the registry's finished (succeeded) runs as corpus runs: config, sweep, per-seed T_mem /
 * T_grok from run_events and the metrics the forecasters read. Forked runs are skipped unless
 * asked for: their history starts at the fork step, so T_mem and the early trajectory are missing.
 * Memory stays at one run's readings of CORPUS_METRICS at a time.
 */
export async function readCorpusRuns(db: Db, options: { includeForks?: boolean } = {}): Promise<{ runs: CorpusRun[]; skipped: number }> {
  const out: CorpusRun[] = [];
  let skipped = 0;
  for await (const page of streamRuns(db, { status: ["succeeded"] })) {
    for (const run of page) {
      const parsed = parseRunConfig(run.config);
      if (!parsed.ok || (run.parentRunId !== null && !options.includeForks)) {
        skipped++;
        continue;
      }
      const bySeed = new Map<number, HistoryPoint[]>();
      for await (const rows of streamMetricPoints(db, run.id)) {
        for (const row of rows) {
          const metrics: Partial<Record<MetricKey, number>> = {};
          for (const key of CORPUS_METRICS) {
            const v = row[key];
            if (typeof v === "number" && Number.isFinite(v)) metrics[key] = v;
          }
          const points = bySeed.get(row.seed) ?? [];
          points.push({ step: row.step, metrics });
          bySeed.set(row.seed, points);
        }
      }
      const events = await listEvents(db, run.id);
      const eventStep = (seed: number, kind: string) => events.find((e) => e.seed === seed && e.kind === kind)?.step;
      const seeds: CorpusSeed[] = [...bySeed.keys()]
        .sort((a, b) => a - b)
        .map((seed) => {
          const tMem = eventStep(seed, "t_mem");
          const tGrok = eventStep(seed, "t_grok");
          return { ...(tMem !== undefined ? { tMem } : {}), ...(tGrok !== undefined ? { tGrok } : {}), points: bySeed.get(seed)! };
        });
      if (seeds.length === 0) {
        skipped++;
        continue;
      }
      out.push({ id: run.id, ...(run.sweepId ? { sweepId: run.sweepId } : {}), config: parsed.config, seeds });
    }
  }
  return { runs: out, skipped };
}
