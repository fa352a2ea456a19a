import { getRun, latestStepBySeed, pointsAfter, type AppendedPoints, type RunRow } from "@grokscope/db";
import type { ApiContext } from "../context.ts";
import { findRun } from "./query.ts";
import { notFound } from "../errors.ts";

/**
 * Streams fresh rows of runs as they change. `only` filters to one run; "*" (a reconnect of the
 * database listener) always triggers a refresh because notifications may have been missed.
 */
async function* changedRuns(ctx: ApiContext, only?: string): AsyncGenerator<{ run: RunRow }> {
  const abort = new AbortController();
  try {
    for await (const id of ctx.changes.subscribe(abort.signal)) {
      if (only && id !== only && id !== "*") continue;
      const target = only ?? (id === "*" ? undefined : id);
      if (!target) continue;
      const run = await getRun(ctx.db, target);
      if (run) yield { run };
    }
  } finally {
    abort.abort();
  }
}

/**
 * New metric points of one run, derived from its NOTIFYs: each notification (recordProgress sends
 * one per batch, in the batch's transaction) triggers a read of the points beyond the last step
 * delivered per seed, so nothing is sent twice and nothing written after subscribing is missed.
 */
async function* appendedMetrics(ctx: ApiContext, runId: string): AsyncGenerator<{ runId: string; appended: AppendedPoints }> {
  const abort = new AbortController();
  try {
    const stream = ctx.changes.subscribe(abort.signal)[Symbol.asyncIterator]();
    // Watermark taken after the listener is attached, so a batch between the two is not lost.
    const watermark = await latestStepBySeed(ctx.db, runId);
    for (;;) {
      const next = await stream.next();
      if (next.done) return;
      if (next.value !== runId && next.value !== "*") continue;
      for (const appended of await pointsAfter(ctx.db, runId, watermark)) {
        watermark.set(appended.seed, appended.toStep);
        yield { runId, appended };
      }
    }
  } finally {
    abort.abort();
  }
}

export const subscriptionResolvers = {
  metricsAppended: {
    subscribe: async (_: unknown, { runId }: { runId: string }, ctx: ApiContext) => {
      if (!(await findRun(ctx.db, runId))) throw notFound(`run ${runId}`);
      return appendedMetrics(ctx, runId);
    },
    resolve: (payload: { runId: string; appended: AppendedPoints }) => ({ runId: payload.runId, ...payload.appended }),
  },
  runUpdated: {
    subscribe: async (_: unknown, { id }: { id: string }, ctx: ApiContext) => {
      if (!(await findRun(ctx.db, id))) throw notFound(`run ${id}`);
      return changedRuns(ctx, id);
    },
    resolve: (payload: { run: RunRow }) => payload.run,
  },
  runsChanged: {
    subscribe: (_: unknown, __: unknown, ctx: ApiContext) => changedRuns(ctx),
    resolve: (payload: { run: RunRow }) => payload.run,
  },
};
