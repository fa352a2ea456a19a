import { cancelSweep, countSweeps, createSweep, getSweep, listSweeps, sweepCells, sweepProgress, sweepRuns, type SweepRow } from "@grokscope/db";
import { sweepSpecSchema, type SweepSpec } from "@grokscope/spec";
import type { ApiContext } from "../context.ts";
import type { QueryResolvers, SweepResolvers } from "../__generated__/resolvers-types.ts";
import { badUserInput, notFound } from "../errors.ts";
import { authorOf } from "./author.ts";
import { configError, configFromGraphQL, idempotencyKey } from "./mutation.ts";
import { isRunId, PAGE_CAP } from "./query.ts";

const MAX_NAME_LENGTH = 200;

interface CreateSweepArgs {
  input: {
    name: string;
    base?: Record<string, unknown> | null;
    grid?: { field: string; values: unknown[] }[] | null;
    extraCells?: unknown[] | null;
    seeds?: number | null;
  };
  idempotencyKey?: string | null;
}

/** The GraphQL input as a validated SweepSpec; a malformed one names its field (e.g. "grid.0.values"). */
function parseSweepInput(input: CreateSweepArgs["input"]): SweepSpec {
  const parsed = sweepSpecSchema.safeParse({
    base: configFromGraphQL(input.base ?? {}),
    grid: input.grid ?? [],
    extraCells: input.extraCells ?? [],
    ...(input.seeds != null ? { seeds: input.seeds } : {}),
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw badUserInput(issue.path.map(String).join(".") || "input", issue.message);
}

const findSweep = async (db: ApiContext["db"], id: string) => (isRunId(id) ? getSweep(db, id) : undefined);
const cursorOf = (sweep: SweepRow) => Buffer.from(sweep.id).toString("base64url");

export const sweepQueryResolvers: Pick<QueryResolvers, "sweep" | "sweeps"> = {
  sweep: async (_, args, { db }) => (await findSweep(db, args.id)) ?? null,
  sweeps: async (_, args, { db }) => {
    const first = args.first ?? 50;
    if (first < 1 || first > PAGE_CAP) throw badUserInput("first", `must be between 1 and ${PAGE_CAP}`);
    const afterId = args.after ? Buffer.from(args.after, "base64url").toString() : undefined;
    if (afterId !== undefined && !isRunId(afterId)) throw badUserInput("after", "is not a cursor returned by this API");
    const [page, totalCount] = await Promise.all([listSweeps(db, { first, afterId }), countSweeps(db)]);
    const edges = page.rows.map((node) => ({ node, cursor: cursorOf(node) }));
    return { edges, nodes: page.rows, totalCount, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  },
};

export const sweepMutationResolvers = {
  createSweep: async (_: unknown, args: CreateSweepArgs, ctx: ApiContext) => {
    const name = args.input.name.trim();
    if (name.length < 1 || name.length > MAX_NAME_LENGTH) throw badUserInput("name", `must be 1–${MAX_NAME_LENGTH} characters`);
    const key = idempotencyKey(args.idempotencyKey, "idempotencyKey");
    const result = await createSweep(ctx.db, { name, spec: parseSweepInput(args.input), author: authorOf(ctx), idempotencyKey: key });
    // Issues name the config field; their message names the cell ("cell {"p":14}: p must be prime").
    if (!result.ok) throw configError(result.issues);
    return result.sweep;
  },
  cancelSweep: async (_: unknown, args: { id: string }, { db }: ApiContext) => {
    const result = isRunId(args.id) ? await cancelSweep(db, args.id) : undefined;
    if (!result) throw notFound(`sweep ${args.id}`);
    return result.sweep;
  },
};

const specOf = (sweep: SweepRow) => sweep.spec as SweepSpec;

export const sweepResolvers: SweepResolvers = {
  grid: (sweep) => specOf(sweep).grid,
  extraCells: (sweep) => specOf(sweep).extraCells,
  seeds: (sweep) => specOf(sweep).seeds,
  base: (sweep) => specOf(sweep).base,
  runs: (sweep, _, { db }) => sweepRuns(db, sweep.id),
  progress: async (sweep, _, { db }) => {
    const p = (await sweepProgress(db, [sweep.id])).get(sweep.id)!;
    return { ...p, fraction: p.stepsTotal > 0 ? Math.min(1, p.stepsDone / p.stepsTotal) : 0 };
  },
  cells: async (sweep, _, { db }) =>
    (await sweepCells(db, sweep)).map((cell) => ({
      values: cell.values,
      runs: cell.runs,
      seeds: cell.summary.seeds,
      grokked: cell.summary.grokked,
      tGrok: cell.summary.tGrok ?? null,
      tMem: cell.summary.tMem ?? null,
      delay: cell.summary.delay ?? null,
      logitScaleAtGrok: cell.summary.logitScaleAtGrok ?? null,
    })),
};
