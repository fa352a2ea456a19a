import { getRun, type RunRow } from "@grokscope/db";
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

export const subscriptionResolvers = {
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
