import { and, eq, exists, gte, ilike, inArray, isNotNull, isNull, lte, not, or, sql, type Column, type SQL } from "drizzle-orm";
import type { RunStatus } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runs } from "../schema/runs.ts";
import { runTags } from "../schema/tags.ts";

/** Exact values and/or an inclusive range; every given part must hold. */
export interface NumberFilter {
  in?: number[];
  min?: number;
  max?: number;
}

/**
 * Which runs to list. Every given field must hold (AND); `and`/`or`/`not` combine sub-filters.
 * Values arrive validated and normalised (lower-case enums and tags) from the API.
 */
export interface RunFilter {
  status?: RunStatus[];
  /** The run carries every one of these tags. */
  tags?: string[];
  /** Case-insensitive substring of the name or the notes. */
  text?: string;
  p?: NumberFilter;
  op?: string[];
  loss?: string[];
  model?: string[];
  temperature?: NumberFilter;
  weightDecay?: NumberFilter;
  lr?: NumberFilter;
  trainFraction?: NumberFilter;
  /** The run belongs to one of these sweeps (ids). */
  sweep?: string[];
  /** Clamp dose ρ; unclamped (or absolute-target) runs never match. */
  clampRho?: NumberFilter;
  seeds?: NumberFilter;
  /** Summary delay T_grok − T_mem (median over seeds); null delays never match. */
  delay?: NumberFilter;
  /** How many seeds grokked. */
  seedsGrokked?: NumberFilter;
  /** Runs that never grokked (null tGrok) never match a tGrok range. */
  tGrok?: NumberFilter;
  /** true: tGrok is known; false: it is not (yet). */
  grokked?: boolean;
  and?: RunFilter[];
  or?: RunFilter[];
  not?: RunFilter;
}

/** LIKE treats % _ and \ specially; a user's text is matched literally. */
const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const inList = (column: Column, values: readonly unknown[]): SQL =>
  values.length === 0 ? sql`false` : inArray(column, [...values]);

function numberConditions(column: Column, f: NumberFilter | undefined): SQL[] {
  if (!f) return [];
  const out: SQL[] = [];
  if (f.in) out.push(inList(column, f.in));
  if (f.min !== undefined) out.push(gte(column, f.min));
  if (f.max !== undefined) out.push(lte(column, f.max));
  return out;
}

/**
 * Translates a filter into one parameterised condition on `runs` (never SQL text built from
 * strings). An empty filter matches every run.
 */
export function runFilterSql(db: Db, filter: RunFilter | undefined): SQL {
  if (!filter) return sql`true`;
  const parts: SQL[] = [];
  if (filter.status) parts.push(inList(runs.status, filter.status));
  for (const tag of filter.tags ?? []) {
    // One EXISTS per tag, each a primary-key lookup on run_tags (run_id, tag).
    parts.push(exists(db.select({ one: sql`1` }).from(runTags).where(and(eq(runTags.runId, runs.id), eq(runTags.tag, tag)))));
  }
  if (filter.text !== undefined) {
    const pattern = likeLiteral(filter.text);
    parts.push(or(ilike(runs.name, pattern), ilike(runs.notes, pattern))!);
  }
  parts.push(...numberConditions(runs.p, filter.p));
  if (filter.op) parts.push(inList(runs.op, filter.op));
  if (filter.loss) parts.push(inList(runs.loss, filter.loss));
  if (filter.model) parts.push(inList(runs.model, filter.model));
  parts.push(...numberConditions(runs.temperature, filter.temperature));
  parts.push(...numberConditions(runs.weightDecay, filter.weightDecay));
  parts.push(...numberConditions(runs.lr, filter.lr));
  parts.push(...numberConditions(runs.trainFraction, filter.trainFraction));
  parts.push(...numberConditions(runs.tGrok, filter.tGrok));
  if (filter.sweep) parts.push(inList(runs.sweepId, filter.sweep));
  parts.push(...numberConditions(runs.clampRho, filter.clampRho));
  parts.push(...numberConditions(runs.seeds, filter.seeds));
  parts.push(...numberConditions(runs.delay, filter.delay));
  parts.push(...numberConditions(runs.seedsGrokked, filter.seedsGrokked));
  if (filter.grokked !== undefined) parts.push(filter.grokked ? isNotNull(runs.tGrok) : isNull(runs.tGrok));
  if (filter.and) parts.push(filter.and.length === 0 ? sql`true` : and(...filter.and.map((f) => runFilterSql(db, f)))!);
  if (filter.or) parts.push(filter.or.length === 0 ? sql`false` : or(...filter.or.map((f) => runFilterSql(db, f)))!);
  // SQL's NOT of an unknown (a comparison with a null summary value) is still unknown; coalesce
  // so that `not` is the exact complement of what the sub-filter matches.
  if (filter.not) parts.push(not(sql`coalesce(${runFilterSql(db, filter.not)}, false)`));
  return parts.length === 0 ? sql`true` : sql`(${and(...parts)!})`;
}
