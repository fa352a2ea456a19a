import { DEFAULT_RUN_ORDER, getRun, listRuns, type RunOrder } from "@grokscope/db";
import type { ApiContext } from "../context.ts";
import { badUserInput } from "../errors.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { parseRunFilter } from "../run-filter-input.ts";

export const PAGE_CAP = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are opaque to clients: a malformed one is simply not found, never a database error. */
export const isRunId = (id: string) => UUID.test(id);

/** Looks a run up by id; a malformed id is simply not found. */
export const findRun = async (db: ApiContext["db"], id: string) => (isRunId(id) ? getRun(db, id) : undefined);

interface RunsArgs {
  first?: number | null;
  after?: string | null;
  filter?: unknown;
  orderBy?: { field: RunOrder["field"]; direction?: RunOrder["direction"] | null } | null;
}

export const queryResolvers = {
  runs: async (_: unknown, args: RunsArgs, { db }: ApiContext) => {
    const first = args.first ?? 50;
    if (first < 1 || first > PAGE_CAP) throw badUserInput("first", `must be between 1 and ${PAGE_CAP}`);
    const order: RunOrder = args.orderBy ? { field: args.orderBy.field, direction: args.orderBy.direction ?? "DESC" } : DEFAULT_RUN_ORDER;
    const filter = parseRunFilter(args.filter);
    let after;
    if (args.after) {
      const decoded = decodeCursor(args.after, order);
      if (!decoded.ok) throw badUserInput("after", decoded.reason);
      after = decoded.position;
    }
    const page = await listRuns(db, { first, after, filter, order });
    const edges = page.rows.map((node, i) => ({ node, cursor: encodeCursor(order, page.positions[i]!) }));
    return {
      edges,
      nodes: page.rows,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  },
  run: (_: unknown, args: { id: string }, { db }: ApiContext) => findRun(db, args.id),
};
