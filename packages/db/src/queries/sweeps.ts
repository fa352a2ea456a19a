import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { expandSweep, type ConfigIssue, type GridValue, type SweepCell, type SweepSpec } from "@grokscope/spec";
import type { Db } from "../client.ts";
import { runs, type RunRow } from "../schema/runs.ts";
import { sweeps, type SweepRow } from "../schema/sweeps.ts";
import { notifyRunChanged } from "./notify.ts";

export type { SweepRow };

/** Short labels for run names ("<sweep> τ=1.3 ρ=1.15"); other fields keep their path. */
const FIELD_LABELS: Record<string, string> = { temperature: "τ", "clamp.rho": "ρ", weightDecay: "λ", trainFraction: "f", "clamp.target": "‖W‖" };

export function cellRunName(sweepName: string, values: Record<string, GridValue>): string {
  const parts = Object.entries(values).map(([field, value]) => `${FIELD_LABELS[field] ?? field}=${String(value)}`);
  return [sweepName, ...parts].join(" ");
}

export type CreateSweepResult =
  | { ok: true; sweep: SweepRow; runs: RunRow[]; created: boolean }
  | { ok: false; issues: ConfigIssue[] };

/**
 * Expands the spec and inserts the sweep plus one queued multi-seed run per cell in ONE
 * transaction, so a sweep is never half-enqueued. With an idempotency key a retry returns the
 * first request's sweep and runs (`created` false); the unique index arbitrates concurrent retries.
 */
export async function createSweep(
  db: Db,
  input: { name: string; spec: SweepSpec; author?: string | null; idempotencyKey?: string | null },
): Promise<CreateSweepResult> {
  const expanded = expandSweep(input.spec);
  if (!expanded.ok) return expanded;
  const result = await db.transaction(async (tx) => {
    const [sweep] = await tx
      .insert(sweeps)
      .values({ name: input.name, spec: input.spec, author: input.author ?? null, idempotencyKey: input.idempotencyKey ?? null })
      .onConflictDoNothing({ target: sweeps.idempotencyKey })
      .returning();
    if (!sweep) return undefined;
    const rows = await tx
      .insert(runs)
      .values(expanded.cells.map((cell) => cellRun(input.name, sweep.id, cell, input.author ?? null)))
      .returning();
    for (const row of rows) await notifyRunChanged(tx, row.id);
    return { sweep, runs: rows };
  });
  if (result) return { ok: true, ...result, created: true };
  const [existing] = await db.select().from(sweeps).where(eq(sweeps.idempotencyKey, input.idempotencyKey!));
  if (!existing) throw new Error("idempotent createSweep found neither a new nor an existing sweep");
  return { ok: true, sweep: existing, runs: await sweepRuns(db, existing.id), created: false };
}

function cellRun(sweepName: string, sweepId: string, cell: SweepCell, author: string | null) {
  return { name: cellRunName(sweepName, cell.values), config: cell.config, stepsTotal: cell.config.steps, sweepId, author };
}

export async function getSweep(db: Db, id: string): Promise<SweepRow | undefined> {
  const [row] = await db.select().from(sweeps).where(eq(sweeps.id, id));
  return row;
}

/** The sweep's runs, oldest first (runs of one sweep share created_at; sweepCells gives spec order). */
export async function sweepRuns(db: Db, sweepId: string): Promise<RunRow[]> {
  return db.select().from(runs).where(eq(runs.sweepId, sweepId)).orderBy(asc(runs.createdAt), asc(runs.id));
}

/**
 * Newest first, keyset-paginated on (created_at, id) after the sweep `afterId`; its exact
 * timestamp is read in SQL, so microseconds (which a JS Date would drop) never skip a row.
 */
export async function listSweeps(db: Db, options: { first: number; afterId?: string }): Promise<{ rows: SweepRow[]; hasNextPage: boolean }> {
  const after = options.afterId
    ? sql`(${sweeps.createdAt}, ${sweeps.id}) < (SELECT s.created_at, s.id FROM sweeps s WHERE s.id = ${options.afterId})`
    : undefined;
  const rows = await db.select().from(sweeps).where(after).orderBy(desc(sweeps.createdAt), desc(sweeps.id)).limit(options.first + 1);
  return { rows: rows.slice(0, options.first), hasNextPage: rows.length > options.first };
}

export async function countSweeps(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(sweeps);
  return row?.n ?? 0;
}

/** Cancels the sweep's queued runs at once and flags its running ones for their workers to stop. */
export async function cancelSweep(db: Db, id: string): Promise<{ sweep: SweepRow; cancelled: number; requested: number } | undefined> {
  const sweep = await getSweep(db, id);
  if (!sweep) return undefined;
  return db.transaction(async (tx) => {
    const queued = await tx
      .update(runs)
      .set({ status: "cancelled", finishedAt: sql`now()`, cancelRequested: true })
      .where(and(eq(runs.sweepId, id), eq(runs.status, "queued")))
      .returning({ id: runs.id });
    const running = await tx
      .update(runs)
      .set({ cancelRequested: true })
      .where(and(eq(runs.sweepId, id), eq(runs.status, "running")))
      .returning({ id: runs.id });
    for (const row of [...queued, ...running]) await notifyRunChanged(tx, row.id);
    return { sweep, cancelled: queued.length, requested: running.length };
  });
}

export interface SweepProgress {
  total: number;
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  stepsDone: number;
  stepsTotal: number;
}

/** Run counts per status and summed steps, computed from the runs so it never goes stale. */
export async function sweepProgress(db: Db, sweepIds: readonly string[]): Promise<Map<string, SweepProgress>> {
  const out = new Map<string, SweepProgress>();
  if (sweepIds.length === 0) return out;
  const rows = await db
    .select({
      sweepId: runs.sweepId,
      status: runs.status,
      n: sql<number>`count(*)::int`,
      stepsDone: sql<number>`coalesce(sum(${runs.stepsDone}), 0)::bigint`,
      stepsTotal: sql<number>`coalesce(sum(${runs.stepsTotal}), 0)::bigint`,
    })
    .from(runs)
    .where(inArray(runs.sweepId, [...sweepIds]))
    .groupBy(runs.sweepId, runs.status);
  for (const id of sweepIds) out.set(id, { total: 0, queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0, stepsDone: 0, stepsTotal: 0 });
  for (const row of rows) {
    const p = out.get(row.sweepId!)!;
    p.total += row.n;
    p[row.status] += row.n;
    p.stepsDone += Number(row.stepsDone);
    p.stepsTotal += Number(row.stepsTotal);
  }
  return out;
}
