import { getRun, listRuns } from "@grokscope/db";
import type { ApiContext } from "../context.ts";
import { badUserInput } from "../errors.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";

export const PAGE_CAP = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Looks a run up by id; a malformed id is simply not found (ids are opaque to clients). */
export const findRun = async (db: ApiContext["db"], id: string) => (UUID.test(id) ? getRun(db, id) : undefined);

export const queryResolvers = {
  runs: async (_: unknown, args: { first?: number | null; after?: string | null }, { db }: ApiContext) => {
    const first = args.first ?? 50;
    if (first < 1 || first > PAGE_CAP) throw badUserInput("first", `must be between 1 and ${PAGE_CAP}`);
    const after = args.after ? decodeCursor(args.after) : undefined;
    if (args.after && !after) throw badUserInput("after", "is not a cursor returned by this API");
    const page = await listRuns(db, { first, after });
    const edges = page.rows.map((node) => ({ node, cursor: encodeCursor(node) }));
    return {
      edges,
      nodes: page.rows,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  },
  run: (_: unknown, args: { id: string }, { db }: ApiContext) => findRun(db, args.id),
};
