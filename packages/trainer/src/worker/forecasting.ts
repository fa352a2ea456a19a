import { insertForecast, readRunSeeds, type Db, type RunRow } from "@grokscope/db";
import { CORPUS_METRICS, medianHistory, type HistoryPoint, type Tf } from "@grokscope/predictor";
import { parseRunConfig, type MetricKey } from "@grokscope/spec";
import type { TrainingSink } from "../core/index.ts";
import { registryForecaster } from "./forecasting-model.ts";

export interface ForecastRefresherOptions {
  db: Db;
  run: RunRow;
  /** Adds the learned forecaster to the fit (slower; see predictor defaultForecastMethod). */
  tf?: Tf;
  log: (msg: string) => void;
  /** Forecast every this many evaluation steps (default 5): the forecast moves slowly, writes need not follow every eval. */
  every?: number;
}

/** One evaluation as the core reports it (only what forecasting reads). */
interface Reading {
  step: number;
  seed: number;
  metrics: Partial<Record<MetricKey, number>>;
}

/**
 * Keeps a run's forecast history (SCIENCE.md §8) while the worker trains it: fits the forecaster
 * on the registry's finished runs once at start (cached per process, forecasting-model.ts), and
 * every `every`-th evaluation step forecasts T_grok from the per-step median over seeds of the
 * readings so far and stores it. Forecasting is a side channel: every failure is logged and
 * swallowed, and work runs on its own promise chain so training never waits for it.
 */
export function createForecastRefresher(options: ForecastRefresherOptions) {
  const { db, run, log } = options;
  const every = Math.max(1, options.every ?? 5);
  const parsed = parseRunConfig(run.config);
  const config = parsed.ok ? parsed.config : undefined;
  const seedCount = config?.seeds ?? 1;
  const warn = (what: string, e: unknown) => log(`forecast for run ${run.id}: ${what}: ${e instanceof Error ? e.message : String(e)}`);

  // Readings taken before a resume (or a fork's start) come from the registry, once. Both loads
  // settle to a usable value on failure, so a broken load is logged once, not at every forecast.
  const earlier = !config
    ? Promise.resolve([])
    : readRunSeeds(db, [run.id], { metrics: CORPUS_METRICS }).then(
        (m) => m.get(run.id) ?? [],
        (e) => (warn("reading earlier points failed", e), []),
      );
  const model = !config
    ? Promise.resolve({ forecaster: undefined, runs: 0 })
    : registryForecaster(db, options.tf ? { tf: options.tf } : {}).then(
        (m) => {
          if (!m.forecaster) log(`forecast for run ${run.id}: no finished runs in the registry yet; none made`);
          return m;
        },
        (e) => (warn("fitting failed", e), { forecaster: undefined, runs: 0 }),
      );

  const seeds = new Map<number, HistoryPoint[]>();
  const reported = new Map<number, number>();
  let completed = 0;
  let pendingStep: number | undefined;
  let chain: Promise<void> = Promise.resolve();

  const forecastAt = async (step: number) => {
    const fitted = await model;
    if (!fitted.forecaster) return;
    const before = await earlier;
    const minObserved = (points: readonly HistoryPoint[]) => points[0]?.step ?? Number.POSITIVE_INFINITY;
    const histories = [...new Set([...seeds.keys(), ...before.keys()])].map((seed) => {
      const live = seeds.get(seed) ?? [];
      return { points: [...(before[seed]?.points.filter((p) => p.step < minObserved(live)) ?? []), ...live] };
    });
    const forecast = fitted.forecaster.forecast({ config: config!, points: medianHistory(histories) }, step);
    await insertForecast(db, run.id, forecast);
  };

  // At most one forecast waits at a time: a slow database makes the refresher skip to the newest step.
  const schedule = (step: number) => {
    const idle = pendingStep === undefined;
    pendingStep = step;
    if (!idle) return;
    chain = chain.then(async () => {
      const at = pendingStep!;
      pendingStep = undefined;
      await forecastAt(at).catch((e) => warn(`at step ${at}`, e));
    });
  };

  const observe = (e: Reading) => {
    if (!config) return;
    const metrics: Partial<Record<MetricKey, number>> = {};
    for (const key of CORPUS_METRICS) if (Number.isFinite(e.metrics[key])) metrics[key] = e.metrics[key]!;
    const points = seeds.get(e.seed) ?? [];
    points.push({ step: e.step, metrics });
    seeds.set(e.seed, points);
    // A step counts once every seed has reported it, so the median is over all seeds.
    const n = (reported.get(e.step) ?? 0) + 1;
    reported.set(e.step, n);
    if (n !== seedCount) return;
    reported.delete(e.step);
    if (++completed % every === 0) schedule(e.step);
  };

  return {
    observe,
    /** The sink train() should report to: `sink` first, then the refresher (whose errors never reach train). */
    tap(sink: TrainingSink): TrainingSink {
      return {
        async onEvaluation(e) {
          await sink.onEvaluation(e);
          try {
            observe(e);
          } catch (error) {
            warn("observing an evaluation failed", error);
          }
        },
      };
    },
    /** Waits for forecasts already scheduled (never rejects). */
    settle: () => chain,
  };
}

export type ForecastRefresher = ReturnType<typeof createForecastRefresher>;
